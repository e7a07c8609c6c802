package dev.gatehouse.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.memory.MemoryShardLeases;
import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.RelayedNotice;
import dev.gatehouse.core.model.ShardLease;
import dev.gatehouse.core.model.ShardSettings;
import dev.gatehouse.core.port.in.CoordinateShards.ShardPlan;
import dev.gatehouse.core.service.ShardBalancer;
import dev.gatehouse.core.service.ShardCoordinator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A fleet sharing Discord shards through the leases: fair shares, takeover, hand-over with never two owners. */
class ShardingTest {
    private static final InstanceId A = new InstanceId("a");
    private static final InstanceId B = new InstanceId("b");
    private static final InstanceId C = new InstanceId("c");
    private static final ShardSettings FOUR_SHARDS = ShardSettings.defaults(4);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final MemoryShardLeases leases = new MemoryShardLeases();
    /** Which instance has each shard connected, as the drivers would; checked after every step. */
    private final Map<Integer, InstanceId> connected = new HashMap<>();
    private final Map<InstanceId, ShardCoordinator> fleet = new LinkedHashMap<>();

    private ShardCoordinator join(InstanceId id) {
        ShardCoordinator coordinator = new ShardCoordinator(leases, clock, FOUR_SHARDS, id);
        fleet.put(id, coordinator);
        return coordinator;
    }

    /** Every live instance ticks once, carrying out its plan as the Discord driver does. */
    private void round() {
        for (Map.Entry<InstanceId, ShardCoordinator> member : fleet.entrySet()) {
            ShardPlan plan = member.getValue().tick();
            for (int shard : plan.disconnect()) {
                connected.remove(shard, member.getKey());
                member.getValue().handedOver(shard);
            }
            for (int shard : plan.connect()) {
                InstanceId before = connected.putIfAbsent(shard, member.getKey());
                assertTrue(before == null || before.equals(member.getKey()),
                        "shard " + shard + " connected by " + member.getKey() + " while " + before + " had it");
            }
        }
        clock.advance(FOUR_SHARDS.heartbeat());
    }

    private Map<InstanceId, Set<Integer>> owners() {
        Map<InstanceId, Set<Integer>> owners = new HashMap<>();
        connected.forEach((shard, owner) -> owners.computeIfAbsent(owner, o -> new TreeSet<>()).add(shard));
        return owners;
    }

    @Test
    void aNoticeRelayedByOneInstanceIsTakenOnceByTheOwnerOfItsGuildsShard() {
        ShardCoordinator a = join(A);
        ShardCoordinator b = join(B);
        round();
        round();
        int shardOfB = owners().get(B).iterator().next();
        GuildId guild = new GuildId(((long) shardOfB + 4) << 22);

        a.relayNotice(guild, new ChannelId(9), "member verified");

        assertEquals(List.of(), a.claimNotices((shardOfB + 1) % 4, 10));
        List<RelayedNotice> claimed = b.claimNotices(shardOfB, 10);
        assertEquals(List.of("member verified"), claimed.stream().map(RelayedNotice::text).toList());
        assertEquals(List.of(), b.claimNotices(shardOfB, 10));
        b.noticePosted(claimed.get(0));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of(), b.claimNotices(shardOfB, 10), "a posted notice is gone");
    }

    @Test
    void aNoticeClaimedByAnOwnerThatDiesIsPostedByTheNextOwner() {
        ShardCoordinator a = join(A);
        ShardCoordinator b = join(B);
        round();
        round();
        int shardOfB = owners().get(B).iterator().next();
        GuildId guild = new GuildId(((long) shardOfB + 4) << 22);
        a.relayNotice(guild, new ChannelId(9), "member verified");
        assertEquals(1, b.claimNotices(shardOfB, 10).size());

        fleet.remove(B);
        owners().get(B).forEach(connected::remove);
        while (!owners().get(A).contains(shardOfB)) {
            round();
        }
        assertEquals(List.of(), a.claimNotices(shardOfB, 10), "not while the dead owner's claim holds");
        clock.advance(Duration.ofMinutes(1));
        round();
        List<RelayedNotice> again = a.claimNotices(shardOfB, 10);
        assertEquals(List.of("member verified"), again.stream().map(RelayedNotice::text).toList());
        a.noticePosted(again.get(0));
        assertEquals(Map.of(), a.waitingNotices());
    }

    @Test
    void aLoneInstanceOwnsEveryShard() {
        join(A);
        round();
        assertEquals(Map.of(A, Set.of(0, 1, 2, 3)), owners());
    }

    @Test
    void aJoiningInstanceGetsItsFairShareHandedOverWithNoMomentOfTwoOwners() {
        join(A);
        round();
        join(B);
        join(C);
        for (int i = 0; i < 4; i++) {
            round();
        }
        Map<InstanceId, Set<Integer>> owners = owners();
        assertEquals(4, connected.size());
        assertEquals(List.of(2, 1, 1), List.of(owners.get(A).size(), owners.get(B).size(), owners.get(C).size()));
    }

    @Test
    void aDeadInstancesShardsAreTakenOverOnceItsLeasesExpire() {
        join(A);
        join(B);
        join(C);
        for (int i = 0; i < 3; i++) {
            round();
        }
        Set<Integer> orphaned = owners().get(B);
        fleet.remove(B);
        orphaned.forEach(connected::remove);

        Duration waited = Duration.ZERO;
        while (connected.size() < 4) {
            round();
            waited = waited.plus(FOUR_SHARDS.heartbeat());
        }
        assertTrue(waited.compareTo(Duration.ofSeconds(30)) <= 0, "taken over after " + waited);
        assertEquals(Set.of(A, C), owners().keySet());
    }

    @Test
    void anInstanceThatCannotReachTheStoreLetsGoBeforeItsLeasesExpire() {
        FailingLeases flaky = new FailingLeases(leases);
        ShardCoordinator lonely = new ShardCoordinator(flaky, clock, FOUR_SHARDS, A);
        assertEquals(Set.of(0, 1, 2, 3), lonely.tick().connect());

        flaky.down = true;
        Duration silent = Duration.ZERO;
        ShardPlan plan;
        do {
            clock.advance(FOUR_SHARDS.heartbeat());
            silent = silent.plus(FOUR_SHARDS.heartbeat());
            plan = lonely.tick();
        } while (!plan.fenced());
        assertEquals(Set.of(0, 1, 2, 3), plan.disconnect());
        assertTrue(silent.compareTo(FOUR_SHARDS.leaseExpiry()) < 0, "fenced after " + silent);
    }

    @Test
    void anInstanceWhoseHeartbeatHangsIsFencedByItsWatchdogBeforeAnotherCanTakeOver() throws Exception {
        FailingLeases hanging = new FailingLeases(leases);
        ShardCoordinator stuck = new ShardCoordinator(hanging, clock, FOUR_SHARDS, A);
        assertEquals(Set.of(0, 1, 2, 3), stuck.tick().connect());
        ShardCoordinator other = new ShardCoordinator(leases, clock, FOUR_SHARDS, B);

        hanging.hang = new CountDownLatch(1);
        CompletableFuture<ShardPlan> hungTick = CompletableFuture.supplyAsync(stuck::tick);
        assertTrue(hanging.hanging.await(10, TimeUnit.SECONDS), "the heartbeat is under way");
        Duration silent = Duration.ZERO;
        ShardPlan plan;
        do {
            assertTrue(other.tick().owned().isEmpty(), "another instance took a shard while the stuck one still had it");
            clock.advance(Duration.ofSeconds(1));
            silent = silent.plus(Duration.ofSeconds(1));
            plan = stuck.watchdog();
        } while (!plan.fenced());
        assertEquals(Set.of(0, 1, 2, 3), plan.disconnect());
        assertTrue(silent.compareTo(FOUR_SHARDS.leaseExpiry()) < 0, "fenced after " + silent);
        assertTrue(other.tick().owned().isEmpty(), "the leases still hold when the stuck instance has let go");

        hanging.hang.countDown();
        ShardPlan late = hungTick.get(10, TimeUnit.SECONDS);
        assertTrue(late.fenced() && late.connect().isEmpty(), "a heartbeat that returns too late connects nothing: " + late);
    }

    @Test
    void aPausedInstanceLetsGoOfItsShardsFirstThingOnWaking() {
        ShardCoordinator sleeper = join(A);
        round();
        assertEquals(Map.of(A, Set.of(0, 1, 2, 3)), owners());
        fleet.remove(A);
        // while it sleeps its gateway sessions go quiet and Discord drops them; its leases are what still count
        connected.clear();
        join(B);
        while (connected.size() < 4) {
            round();
        }

        ShardPlan waking = sleeper.watchdog();
        assertTrue(waking.fenced(), "the paused instance's first act is to let go: " + waking);
        assertEquals(Set.of(0, 1, 2, 3), waking.disconnect());
        assertTrue(sleeper.tick().owned().isEmpty(), "its shards are the other instance's now");
    }

    @Test
    void aHealthyInstancesWatchdogDoesNothing() {
        ShardCoordinator healthy = join(A);
        round();
        ShardPlan plan = healthy.watchdog();
        assertTrue(!plan.fenced() && plan.disconnect().isEmpty(), plan.toString());
        assertEquals(Set.of(0, 1, 2, 3), plan.owned());
    }

    @Test
    void sharesAreFairAndSurplusGoesFromTheTop() {
        assertEquals(2, ShardBalancer.share(4, A, List.of(C, B, A)));
        assertEquals(1, ShardBalancer.share(4, C, List.of(C, B, A)));
        Instant now = clock.instant();
        ShardBalancer.Moves moves = ShardBalancer.moves(4, A, List.of(A, B),
                List.of(new ShardLease(0, A, now), new ShardLease(1, A, now), new ShardLease(2, A, now), new ShardLease(3, A, now)));
        assertEquals(Set.of(2, 3), moves.handOver());
        assertEquals(Set.of(), moves.take());
    }

    /** Leases whose store can be switched off. */
    private static final class FailingLeases implements dev.gatehouse.core.port.out.ShardLeases {
        private final dev.gatehouse.core.port.out.ShardLeases delegate;
        volatile boolean down;
        volatile CountDownLatch hang;
        final CountDownLatch hanging = new CountDownLatch(1);

        FailingLeases(dev.gatehouse.core.port.out.ShardLeases delegate) {
            this.delegate = delegate;
        }

        private void check() {
            CountDownLatch hold = hang;
            if (hold != null) {
                hanging.countDown();
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (down) {
                throw new dev.gatehouse.core.port.out.StoreUnavailableException("store down", new RuntimeException());
            }
        }

        @Override
        public Set<Integer> heartbeat(InstanceId instance, Instant now) {
            check();
            return delegate.heartbeat(instance, now);
        }

        @Override
        public List<dev.gatehouse.core.model.FleetMember> fleet(Instant now, Duration expiry) {
            check();
            return delegate.fleet(now, expiry);
        }

        @Override
        public List<ShardLease> leases() {
            check();
            return delegate.leases();
        }

        @Override
        public Acquisition acquire(int shard, InstanceId instance, Instant now, Duration expiry) {
            check();
            return delegate.acquire(shard, instance, now, expiry);
        }

        @Override
        public void release(int shard, InstanceId instance) {
            check();
            delegate.release(shard, instance);
        }

        @Override
        public void leave(InstanceId instance) {
            check();
            delegate.leave(instance);
        }

        @Override
        public IdentifySlot reserveIdentify(int bucket, Instant now, Duration spacing, int dailyLimit) {
            check();
            return delegate.reserveIdentify(bucket, now, spacing, dailyLimit);
        }

        @Override
        public void relayNotice(dev.gatehouse.core.model.RelayedNotice notice) {
            check();
            delegate.relayNotice(notice);
        }

        @Override
        public List<dev.gatehouse.core.model.RelayedNotice> claimNotices(int shard, int shardCount, int max, Instant now,
                Duration claimFor) {
            check();
            return delegate.claimNotices(shard, shardCount, max, now, claimFor);
        }

        @Override
        public void noticePosted(java.util.UUID notice) {
            check();
            delegate.noticePosted(notice);
        }

        @Override
        public Map<Integer, Long> waitingNotices(int shardCount) {
            check();
            return delegate.waitingNotices(shardCount);
        }

        @Override
        public RegistrationClaim claimCommandRegistration(String commandSetHash, InstanceId instance, Instant now) {
            check();
            return delegate.claimCommandRegistration(commandSetHash, instance, now);
        }
    }
}
