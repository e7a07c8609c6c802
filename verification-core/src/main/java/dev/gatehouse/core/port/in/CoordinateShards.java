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

    /**
     * Heartbeat, then the moves toward this instance's fair share.
     *
     * @return what the driver must connect and disconnect now
     */
    ShardPlan tick();

    /**
     * The self-fence, for a thread of its own that never waits on the store (a {@link #tick()} may hang on it): when
     * this instance's last renewal is so old that its leases could expire before another heartbeat renews them (the
     * store unreachable or slow, or the process paused), the plan is fenced and disconnects every shard, so this
     * instance lets go before any other may take over; the next successful {@link #tick()} connects them again.
     * Call it several times per heartbeat interval. Never blocks on the store.
     *
     * @return a fenced plan closing every owned shard, or a plan with nothing to do
     */
    ShardPlan watchdog();

    /**
     * The driver disconnected {@code shard}; its lease is released for the next owner.
     *
     * @param shard the shard number, from 0
     */
    void handedOver(int shard);

    /**
     * Whether this instance may IDENTIFY {@code shard} now (Discord's identify pacing, fleet-wide).
     *
     * @param shard the shard number, from 0; its concurrency bucket is {@code shard % maxConcurrency}
     * @return granted (the slot is reserved), or when to ask again
     */
    IdentifySlot identifySlot(int shard);

    /** The instance shuts down after disconnecting every shard: it leaves the fleet and frees its leases. */
    void leave();

    /**
     * Whether this instance registers the command set with this hash (only the first instance of a deploy does).
     *
     * @param commandSetHash a hash of the slash commands this build registers
     * @return claimed if this instance registers them, or who claimed them first and when
     */
    RegistrationClaim claimCommandRegistration(String commandSetHash);

    /** {@return the fleet as the shared store sees it, for status pages and the CLI} */
    FleetView fleet();

    /**
     * Hands a log channel notice for {@code guild} to whichever instance owns the guild's shard (for a change made
     * on an instance that doesn't): it waits in the shared store until that owner {@linkplain #claimNotices claims} and posts it.
     *
     * @param guild the server the notice is about
     * @param channel its log channel
     * @param text the notice as it is to be posted
     */
    void relayNotice(GuildId guild, ChannelId channel, String text);

    /**
     * Claims relayed notices of a shard this instance owns, to post them and then report each with {@link
     * #noticePosted}; while the claim holds (a minute) no other instance gets them, and a notice not reported posted by
     * then (its claimant died or Discord refused) is handed out again: at least once.
     *
     * @param shard the shard
     * @param max at most this many
     * @return the notices claimed, oldest first; empty if none wait
     */
    List<RelayedNotice> claimNotices(int shard, int max);

    /**
     * A claimed notice is in its log channel: it is removed for good.
     *
     * @param notice the notice as claimed
     */
    void noticePosted(RelayedNotice notice);

    /** {@return the number of shards the fleet runs, at least 1} */
    int shardCount();

    /**
     * What to do now: {@code connect} shards are leased to this instance and not yet known connected, {@code
     * disconnect} ones must be closed ({@code fenced} when the store was unreachable so long that the leases may
     * have expired: close everything and wait), {@code owned} is what this instance holds after the tick.
     *
     * @param owned the shards leased to this instance after the tick
     * @param connect the shards to connect now; empty if nothing is to connect
     * @param disconnect the shards to close now, then report with {@link #handedOver}; empty if none
     * @param fenced whether the store was unreachable for so long that every shard must be closed
     */
    record ShardPlan(Set<Integer> owned, Set<Integer> connect, Set<Integer> disconnect, boolean fenced) {
        public ShardPlan {
            owned = Set.copyOf(owned);
            connect = Set.copyOf(connect);
            disconnect = Set.copyOf(disconnect);
        }
    }

    /**
     * Instances, leases and their age.
     *
     * @param shardCount the number of shards the fleet runs
     * @param members the live instances, ordered by id
     * @param leases every recorded lease, expired ones included, ordered by shard
     * @param at when the store was read, to judge the leases' age against
     */
    record FleetView(int shardCount, List<FleetMember> members, List<ShardLease> leases, Instant at) {
        public FleetView {
            members = List.copyOf(members);
            leases = List.copyOf(leases);
            Objects.requireNonNull(at, "at");
        }

        /**
         * The lease recorded for a shard.
         *
         * @param shard the shard number, from 0
         * @return its lease, possibly expired; empty if none is recorded
         */
        public Optional<ShardLease> lease(int shard) {
            return leases.stream().filter(l -> l.shard() == shard).findFirst();
        }
    }
}
