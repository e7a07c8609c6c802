package dev.gatehouse.core.service;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.FleetMember;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.RelayedNotice;
import dev.gatehouse.core.model.ShardLease;
import dev.gatehouse.core.model.ShardSettings;
import dev.gatehouse.core.port.in.CoordinateShards;
import dev.gatehouse.core.port.in.InspectFleet;
import dev.gatehouse.core.port.out.ShardLeases;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link CoordinateShards} over the shared {@link ShardLeases}, with the {@link ShardBalancer} fair-share rule; as an
 * {@link InspectFleet} it only reads (a CLI may build one with any instance id to show the fleet).
 */
public final class ShardCoordinator implements CoordinateShards, InspectFleet {
    /** How long an owner has to post a claimed notice before another owner may claim it again. */
    static final java.time.Duration NOTICE_CLAIM = java.time.Duration.ofMinutes(1);

    private final ShardLeases leases;
    private final Clock clock;
    private final ShardSettings settings;
    private final InstanceId self;
    private volatile Instant lastHeartbeat;
    private volatile Set<Integer> owned = Set.of();

    public ShardCoordinator(ShardLeases leases, Clock clock, ShardSettings settings, InstanceId self) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.self = Objects.requireNonNull(self, "self");
    }

    @Override
    public synchronized ShardPlan tick() {
        Instant now = clock.instant();
        Set<Integer> held;
        try {
            held = new TreeSet<>(leases.heartbeat(self, now));
        } catch (StoreUnavailableException e) {
            if (lastHeartbeat == null || stale(lastHeartbeat, now)) {
                return fence();
            }
            return new ShardPlan(owned, Set.of(), Set.of(), false);
        }
        if (stale(now, clock.instant())) {
            return fence();
        }
        lastHeartbeat = now;
        Set<Integer> lost = new TreeSet<>(owned);
        lost.removeAll(held);
        List<FleetMember> fleet = leases.fleet(now, settings.leaseExpiry());
        List<InstanceId> live = new ArrayList<>(fleet.stream().map(FleetMember::instance).toList());
        if (!live.contains(self)) {
            live.add(self);
        }
        List<ShardLease> valid = leases.leases().stream().filter(l -> !l.expiredAt(now, settings.leaseExpiry())).toList();
        ShardBalancer.Moves moves = ShardBalancer.moves(settings.shardCount(), self, live, valid);
        Set<Integer> connect = new TreeSet<>(held);
        connect.removeAll(owned);
        for (int shard : moves.take()) {
            if (leases.acquire(shard, self, now, settings.leaseExpiry()) instanceof ShardLeases.Acquisition.Acquired) {
                held.add(shard);
                connect.add(shard);
            }
        }
        connect.removeAll(moves.handOver());
        Set<Integer> disconnect = new TreeSet<>(moves.handOver());
        disconnect.addAll(lost);
        owned = Set.copyOf(held);
        return new ShardPlan(held, connect, disconnect, false);
    }

    @Override
    public ShardPlan watchdog() {
        Instant renewed = lastHeartbeat;
        if (renewed != null && !owned.isEmpty() && stale(renewed, clock.instant())) {
            return fence();
        }
        return new ShardPlan(owned, Set.of(), Set.of(), false);
    }

    /** Whether leases renewed at {@code renewed} may expire before the next heartbeat could renew them. */
    private boolean stale(Instant renewed, Instant now) {
        return !renewed.plus(settings.leaseExpiry().minus(settings.heartbeat())).isAfter(now);
    }

    private ShardPlan fence() {
        Set<Integer> all = owned;
        owned = Set.of();
        return new ShardPlan(Set.of(), Set.of(), all, true);
    }

    @Override
    public synchronized void handedOver(int shard) {
        leases.release(shard, self);
        Set<Integer> left = new TreeSet<>(owned);
        left.remove(shard);
        owned = Set.copyOf(left);
    }

    @Override
    public ShardLeases.IdentifySlot identifySlot(int shard) {
        return leases.reserveIdentify(shard % settings.maxConcurrency(), clock.instant(), settings.identifySpacing(),
                settings.dailyIdentifies());
    }

    @Override
    public synchronized void leave() {
        leases.leave(self);
        owned = Set.of();
    }

    @Override
    public ShardLeases.RegistrationClaim claimCommandRegistration(String commandSetHash) {
        return leases.claimCommandRegistration(commandSetHash, self, clock.instant());
    }

    @Override
    public FleetView fleet() {
        Instant now = clock.instant();
        return new FleetView(settings.shardCount(), leases.fleet(now, settings.leaseExpiry()), leases.leases(), now);
    }

    @Override
    public void relayNotice(GuildId guild, ChannelId channel, String text) {
        leases.relayNotice(RelayedNotice.of(guild, channel, text, clock.instant()));
    }

    @Override
    public List<RelayedNotice> claimNotices(int shard, int max) {
        if (shard < 0 || shard >= settings.shardCount() || max < 1) {
            throw new IllegalArgumentException("shard must be in [0, " + settings.shardCount() + ") and max at least 1, got "
                    + shard + " and " + max);
        }
        return leases.claimNotices(shard, settings.shardCount(), max, clock.instant(), NOTICE_CLAIM);
    }

    @Override
    public void noticePosted(RelayedNotice notice) {
        leases.noticePosted(notice.id());
    }

    @Override
    public InstanceId instance() {
        return self;
    }

    @Override
    public Map<Integer, Long> waitingNotices() {
        return leases.waitingNotices(settings.shardCount());
    }

    @Override
    public int shardCount() {
        return settings.shardCount();
    }
}
