package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.FleetMember;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.RelayedNotice;
import dev.gatehouse.core.model.ShardLease;
import dev.gatehouse.core.port.out.ShardLeases;
import dev.gatehouse.core.port.out.ShardLeases.Acquisition;
import dev.gatehouse.core.port.out.ShardLeases.IdentifySlot;
import dev.gatehouse.core.port.out.ShardLeases.RegistrationClaim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link ShardLeases}: every implementation (memory, PostgreSQL) runs it from an empty store. */
public abstract class ShardLeasesContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    protected static final Duration EXPIRY = Duration.ofSeconds(20);
    protected static final InstanceId A = new InstanceId("gatehouse-a");
    protected static final InstanceId B = new InstanceId("gatehouse-b");

    protected ShardLeases leases;

    /** Fresh, empty leases. */
    protected abstract ShardLeases newLeases();

    @BeforeEach
    void fresh() {
        leases = newLeases();
    }

    @Test
    void aFreeShardGoesToTheFirstAskerAndNotToTheSecond() {
        assertInstanceOf(Acquisition.Acquired.class, leases.acquire(0, A, T0, EXPIRY));
        Acquisition second = leases.acquire(0, B, T0.plusSeconds(1), EXPIRY);

        assertEquals(A, assertInstanceOf(Acquisition.HeldByAnother.class, second).lease().owner());
        assertEquals(List.of(new ShardLease(0, A, T0)), leases.leases());
    }

    @Test
    void aHeartbeatRenewsEveryLeaseOfItsInstanceAndKeepsOthersAway() {
        leases.acquire(0, A, T0, EXPIRY);
        leases.acquire(2, A, T0, EXPIRY);
        leases.acquire(1, B, T0, EXPIRY);

        assertEquals(Set.of(0, 2), leases.heartbeat(A, T0.plusSeconds(15)));

        assertInstanceOf(Acquisition.HeldByAnother.class, leases.acquire(0, B, T0.plusSeconds(30), EXPIRY));
        assertInstanceOf(Acquisition.Acquired.class, leases.acquire(1, A, T0.plusSeconds(30), EXPIRY),
                "B's lease on shard 1 was not renewed for 30 s");
    }

    @Test
    void theFleetIsWhoeverHeartbeatWithinTheExpiry() {
        leases.heartbeat(B, T0);
        leases.heartbeat(A, T0.plusSeconds(10));

        assertEquals(List.of(new FleetMember(A, T0.plusSeconds(10)), new FleetMember(B, T0)), leases.fleet(T0.plusSeconds(15), EXPIRY));
        assertEquals(List.of(new FleetMember(A, T0.plusSeconds(10))), leases.fleet(T0.plusSeconds(20), EXPIRY));
    }

    @Test
    void releasingFreesOnlyTheHoldersOwnLease() {
        leases.acquire(0, A, T0, EXPIRY);
        leases.release(0, B);
        assertEquals(1, leases.leases().size());

        leases.release(0, A);
        assertInstanceOf(Acquisition.Acquired.class, leases.acquire(0, B, T0.plusSeconds(1), EXPIRY));
    }

    @Test
    void leavingFreesEveryLeaseAndLeavesTheFleet() {
        leases.heartbeat(A, T0);
        leases.acquire(0, A, T0, EXPIRY);
        leases.acquire(1, A, T0, EXPIRY);

        leases.leave(A);

        assertEquals(List.of(), leases.leases());
        assertEquals(List.of(), leases.fleet(T0, EXPIRY));
    }

    @Test
    void ofConcurrentAskersExactlyOneAcquires() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Acquisition>> askers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                InstanceId who = new InstanceId("racer-" + i);
                askers.add(() -> leases.acquire(3, who, T0, EXPIRY));
            }
            long acquired = 0;
            for (Future<Acquisition> outcome : pool.invokeAll(askers)) {
                if (outcome.get() instanceof Acquisition.Acquired) {
                    acquired++;
                }
            }
            assertEquals(1, acquired);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void identifiesInOneBucketAreSpacedAndOtherBucketsAreNot() {
        Duration spacing = Duration.ofSeconds(5);
        assertInstanceOf(IdentifySlot.Granted.class, leases.reserveIdentify(0, T0, spacing, 1000));
        IdentifySlot tooSoon = leases.reserveIdentify(0, T0.plusSeconds(2), spacing, 1000);
        assertEquals(T0.plusSeconds(5), assertInstanceOf(IdentifySlot.NotBefore.class, tooSoon).retryAt());
        assertInstanceOf(IdentifySlot.Granted.class, leases.reserveIdentify(1, T0.plusSeconds(2), spacing, 1000));
        assertInstanceOf(IdentifySlot.Granted.class, leases.reserveIdentify(0, T0.plusSeconds(5), spacing, 1000));
    }

    @Test
    void theDailyIdentifyBudgetStopsIdentifiesUntilTheOldestIsADayOld() {
        Duration spacing = Duration.ofSeconds(5);
        leases.reserveIdentify(0, T0, spacing, 2);
        leases.reserveIdentify(1, T0.plusSeconds(60), spacing, 2);

        IdentifySlot spent = leases.reserveIdentify(0, T0.plusSeconds(120), spacing, 2);
        IdentifySlot.NotBefore wait = assertInstanceOf(IdentifySlot.NotBefore.class, spent);
        assertTrue(wait.dailyBudgetSpent());
        assertEquals(T0.plus(Duration.ofDays(1)), wait.retryAt());
        assertInstanceOf(IdentifySlot.Granted.class, leases.reserveIdentify(0, T0.plus(Duration.ofDays(1)), spacing, 2));
    }

    @Test
    void aCommandSetIsRegisteredByTheFirstClaimantOnly() {
        assertInstanceOf(RegistrationClaim.Claimed.class, leases.claimCommandRegistration("hash-1", A, T0));
        RegistrationClaim second = leases.claimCommandRegistration("hash-1", B, T0.plusSeconds(1));
        assertEquals(new RegistrationClaim.AlreadyClaimed(A, T0), second);
        assertInstanceOf(RegistrationClaim.Claimed.class, leases.claimCommandRegistration("hash-2", B, T0.plusSeconds(2)),
                "a new deploy with other commands registers again");
    }

    // guild ids with a chosen shard of 2: (id >> 22) % 2
    private static final GuildId SHARD_0_GUILD = new GuildId(2L << 22);
    private static final GuildId SHARD_1_GUILD = new GuildId(3L << 22);
    private static final ChannelId LOG = new ChannelId(77);
    private static final Duration CLAIM = Duration.ofMinutes(1);

    @Test
    void aRelayedNoticeGoesOnlyToItsShardOldestFirstAndOnce() {
        RelayedNotice first = RelayedNotice.of(SHARD_1_GUILD, LOG, "first", T0);
        RelayedNotice second = RelayedNotice.of(SHARD_1_GUILD, LOG, "second", T0.plusSeconds(1));
        RelayedNotice other = RelayedNotice.of(SHARD_0_GUILD, LOG, "other shard", T0);
        leases.relayNotice(second);
        leases.relayNotice(other);
        leases.relayNotice(first);

        assertEquals(Map.of(0, 1L, 1, 2L), leases.waitingNotices(2));
        assertEquals(List.of(first), leases.claimNotices(1, 2, 1, T0, CLAIM));
        assertEquals(List.of(second), leases.claimNotices(1, 2, 10, T0, CLAIM));
        assertEquals(List.of(), leases.claimNotices(1, 2, 10, T0, CLAIM));
        assertEquals(List.of(other), leases.claimNotices(0, 2, 10, T0, CLAIM));
        List.of(first, second, other).forEach(n -> leases.noticePosted(n.id()));
        assertEquals(Map.of(), leases.waitingNotices(2));
        assertEquals(List.of(), leases.claimNotices(1, 2, 10, T0.plus(CLAIM).plus(CLAIM), CLAIM));
    }

    @Test
    void aClaimedNoticeNotReportedPostedIsClaimableAgainOnceItsClaimRunsOut() {
        RelayedNotice notice = RelayedNotice.of(SHARD_1_GUILD, LOG, "verified", T0);
        leases.relayNotice(notice);

        assertEquals(List.of(notice), leases.claimNotices(1, 2, 10, T0, CLAIM));
        assertEquals(Map.of(1, 1L), leases.waitingNotices(2), "a claimed notice still waits until it is posted");
        assertEquals(List.of(), leases.claimNotices(1, 2, 10, T0.plus(CLAIM).minusMillis(1), CLAIM));
        assertEquals(List.of(notice), leases.claimNotices(1, 2, 10, T0.plus(CLAIM), CLAIM), "the claimant died: handed out again");

        leases.noticePosted(notice.id());
        leases.noticePosted(notice.id());
        assertEquals(List.of(), leases.claimNotices(1, 2, 10, T0.plus(CLAIM).plus(CLAIM).plus(CLAIM), CLAIM));
        assertEquals(Map.of(), leases.waitingNotices(2));
    }

    @Test
    void concurrentTakersNeverGetTheSameNotice() throws Exception {
        for (int i = 0; i < 40; i++) {
            leases.relayNotice(RelayedNotice.of(SHARD_0_GUILD, LOG, "notice " + i, T0.plusMillis(i)));
        }
        ExecutorService takers = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<RelayedNotice>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(takers.submit(() -> {
                    List<RelayedNotice> mine = new ArrayList<>();
                    for (List<RelayedNotice> batch = leases.claimNotices(0, 1, 3, T0, CLAIM); !batch.isEmpty();
                            batch = leases.claimNotices(0, 1, 3, T0, CLAIM)) {
                        mine.addAll(batch);
                    }
                    return mine;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<RelayedNotice>> run : runs) {
                run.get().forEach(n -> all.add(n.text()));
            }
            assertEquals(40, all.size());
            assertEquals(40, Set.copyOf(all).size());
        } finally {
            takers.shutdownNow();
        }
    }
}
