package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.FleetMember;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.RelayedNotice;
import dev.gatehouse.core.model.ShardLease;
import dev.gatehouse.core.port.out.ShardLeases.IdentifySlot;
import dev.gatehouse.core.port.out.ShardLeases.RegistrationClaim;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Shard ownership for the instance that drives the Discord gateway: call {@link #tick()} every heartbeat interval and
 * carry out its plan (connect what it says, disconnect and then {@link #handedOver} what it hands over), so no shard
 * is connected by two instances at once and none stays unowned longer than the lease expiry. Thread-safe.
 */
public interface CoordinateShards {

    /** Heartbeat, then the moves toward this instance's fair share. */
    ShardPlan tick();

    /** The driver disconnected {@code shard}; its lease is released for the next owner. */
    void handedOver(int shard);

    /** Whether this instance may IDENTIFY {@code shard} now (Discord's identify pacing, fleet-wide). */
    IdentifySlot identifySlot(int shard);

    /** The instance shuts down after disconnecting every shard: it leaves the fleet and frees its leases. */
    void leave();

    /** Whether this instance registers the command set with this hash (only the first instance of a deploy does). */
    RegistrationClaim claimCommandRegistration(String commandSetHash);

    /** The fleet as the shared store sees it, for status pages and the CLI. */
    FleetView fleet();

    /**
     * Hands a log channel notice for {@code guild} to whichever instance owns the guild's shard (for a change made
     * on an instance that doesn't): it waits in the shared store until that owner {@linkplain #takeNotices takes} it.
     */
    void relayNotice(GuildId guild, ChannelId channel, String text);

    /** Takes up to {@code max} relayed notices of {@code shard} for this instance to post; each is handed out once. */
    List<RelayedNotice> takeNotices(int shard, int max);

    /** The number of shards the fleet runs. */
    int shardCount();

    /**
     * What to do now: {@code connect} shards are leased to this instance and not yet known connected, {@code
     * disconnect} ones must be closed ({@code fenced} when the store was unreachable so long that the leases may
     * have expired: close everything and wait), {@code owned} is what this instance holds after the tick.
     */
    record ShardPlan(Set<Integer> owned, Set<Integer> connect, Set<Integer> disconnect, boolean fenced) {
        public ShardPlan {
            owned = Set.copyOf(owned);
            connect = Set.copyOf(connect);
            disconnect = Set.copyOf(disconnect);
        }
    }

    /** Instances, leases and their age. */
    record FleetView(int shardCount, List<FleetMember> members, List<ShardLease> leases, Instant at) {
        public FleetView {
            members = List.copyOf(members);
            leases = List.copyOf(leases);
            Objects.requireNonNull(at, "at");
        }

        public Optional<ShardLease> lease(int shard) {
            return leases.stream().filter(l -> l.shard() == shard).findFirst();
        }
    }
}
