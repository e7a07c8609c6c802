package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.port.out.RateLimitStore.Acquisition;
import dev.gatehouse.core.port.out.RateLimitStore.Failures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Contract of {@code RateLimitStore}. */
public abstract class RateLimitStoreContract extends StoreContract {
    private static final List<RateRule> THREE_PER_15_MIN = List.of(RateRule.of(3, Duration.ofMinutes(15)));

    @Test
    void eventsAreAllowedUpToTheLimitWithinTheWindow() {
        String key = "verify:cs101:1001";
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Acquisition.Acquired.class, stores.rateLimits().tryAcquire(key, THREE_PER_15_MIN, T0.plusSeconds(i * 60L)));
        }

        Acquisition fourth = stores.rateLimits().tryAcquire(key, THREE_PER_15_MIN, T0.plusSeconds(300));

        assertEquals(new Acquisition.Limited(Duration.ofMinutes(10)), fourth);
    }

    @Test
    void theWindowSlidesSoTheOldestEventFreesASlot() {
        String key = "verify:cs101:1001";
        for (int i = 0; i < 3; i++) {
            stores.rateLimits().tryAcquire(key, THREE_PER_15_MIN, T0.plusSeconds(i * 60L));
        }

        assertInstanceOf(Acquisition.Limited.class,
                stores.rateLimits().tryAcquire(key, THREE_PER_15_MIN, T0.plus(Duration.ofMinutes(15)).minusSeconds(1)));
        assertInstanceOf(Acquisition.Acquired.class, stores.rateLimits().tryAcquire(key, THREE_PER_15_MIN, T0.plus(Duration.ofMinutes(15))));
    }

    @Test
    void aRefusedEventIsNotCounted() {
        String key = "mailbox:cs101:jdoe42";
        List<RateRule> onePerMinute = List.of(RateRule.of(1, Duration.ofMinutes(1)));
        stores.rateLimits().tryAcquire(key, onePerMinute, T0);
        for (int i = 1; i < 50; i++) {
            stores.rateLimits().tryAcquire(key, onePerMinute, T0.plusSeconds(1));
        }

        assertInstanceOf(Acquisition.Acquired.class, stores.rateLimits().tryAcquire(key, onePerMinute, T0.plusSeconds(60)));
    }

    @Test
    void everyRuleMustAllowTheEventAndTheLongestWaitIsReported() {
        String key = "mailbox:cs101:jdoe42";
        List<RateRule> rules = List.of(RateRule.of(3, Duration.ofHours(1)), RateRule.of(4, Duration.ofDays(1)));
        Instant t = T0;
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Acquisition.Acquired.class, stores.rateLimits().tryAcquire(key, rules, t.plusSeconds(i)));
        }
        assertEquals(new Acquisition.Limited(Duration.ofHours(1).minusSeconds(10)), stores.rateLimits().tryAcquire(key, rules, t.plusSeconds(10)));
        assertInstanceOf(Acquisition.Acquired.class, stores.rateLimits().tryAcquire(key, rules, t.plus(Duration.ofHours(2))));

        Acquisition fifth = stores.rateLimits().tryAcquire(key, rules, t.plus(Duration.ofHours(3)));

        assertEquals(new Acquisition.Limited(Duration.ofHours(21)), fifth);
    }

    @Test
    void keysAreCountedSeparately() {
        List<RateRule> onePerMinute = List.of(RateRule.of(1, Duration.ofMinutes(1)));
        stores.rateLimits().tryAcquire("verify:cs101:1", onePerMinute, T0);

        assertInstanceOf(Acquisition.Acquired.class, stores.rateLimits().tryAcquire("verify:cs101:2", onePerMinute, T0));
    }

    @Test
    void concurrentAcquisitionsNeverExceedTheLimit() throws Exception {
        List<RateRule> fivePerHour = List.of(RateRule.of(5, Duration.ofHours(1)));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Acquisition>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return stores.rateLimits().tryAcquire("tenant:cs101", fivePerHour, T0);
                }));
            }
            start.countDown();
            int acquired = 0;
            for (Future<Acquisition> result : results) {
                if (result.get() instanceof Acquisition.Acquired) {
                    acquired++;
                }
            }
            assertEquals(5, acquired);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachFailureSeesThoseBeforeItUntilAQuietPeriodPasses() {
        String key = "link-failures:203.0.113.9";
        Duration forget = Duration.ofHours(1);

        assertEquals(Failures.NONE, stores.rateLimits().recordFailure(key, T0, forget));
        assertEquals(new Failures(1, Optional.of(T0)), stores.rateLimits().recordFailure(key, T0.plusSeconds(30), forget));
        assertEquals(new Failures(2, Optional.of(T0.plusSeconds(30))),
                stores.rateLimits().recordFailure(key, T0.plusSeconds(30).plus(forget).minusSeconds(1), forget),
                "the memory runs from the newest failure, not the first");
        assertEquals(Failures.NONE, stores.rateLimits().recordFailure(key, T0.plus(Duration.ofHours(3)), forget), "a quiet hour: forgotten");
        assertEquals(Failures.NONE, stores.rateLimits().recordFailure("link-failures:203.0.113.10", T0.plus(Duration.ofHours(3)), forget),
                "keys are counted separately");
    }

    @Test
    void concurrentFailuresOnOneKeyAreEachCountedOnce() throws Exception {
        int callers = 64;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Failures>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return stores.rateLimits().recordFailure("link-failures:198.51.100.7", T0, Duration.ofDays(1));
                }));
            }
            start.countDown();
            Set<Long> seenBefore = new TreeSet<>();
            for (Future<Failures> result : results) {
                seenBefore.add(result.get().count());
            }

            assertEquals(LongStream.range(0, callers).boxed().collect(Collectors.toCollection(TreeSet::new)), seenBefore,
                    "every caller saw a different count: none was lost or doubled");
            assertEquals(new Failures(callers, Optional.of(T0)),
                    stores.rateLimits().recordFailure("link-failures:198.51.100.7", T0, Duration.ofDays(1)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failuresInsideATransactionThatFailsAreNotCounted() {
        String key = "wrong-answers:cs101:1001";
        try {
            stores.transactions().inTransaction(() -> {
                stores.rateLimits().recordFailure(key, T0, Duration.ofDays(1));
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the failure was rolled back with the rest
        }

        assertEquals(Failures.NONE, stores.rateLimits().recordFailure(key, T0.plusSeconds(1), Duration.ofDays(1)));
    }

    @Test
    void purgingKeepsFailuresThatAreStillRemembered() {
        String key = "link-failures:203.0.113.9";
        Duration forget = Duration.ofHours(1);
        stores.rateLimits().recordFailure(key, T0, forget);
        stores.rateLimits().recordFailure(key, T0.plus(Duration.ofMinutes(50)), forget);

        stores.rateLimits().purge(T0.plus(Duration.ofMinutes(70)), Duration.ofMinutes(15));

        assertEquals(new Failures(2, Optional.of(T0.plus(Duration.ofMinutes(50)))),
                stores.rateLimits().recordFailure(key, T0.plus(Duration.ofMinutes(71)), forget));
    }

    @Test
    void aBlockLastsUntilItsEnd() {
        String key = "denied:cs101:1001:jdoe42";
        stores.rateLimits().block(key, T0.plus(Duration.ofDays(1)));

        assertEquals(Optional.of(T0.plus(Duration.ofDays(1))), stores.rateLimits().blockedUntil(key, T0.plusSeconds(1)));
        assertEquals(Optional.empty(), stores.rateLimits().blockedUntil(key, T0.plus(Duration.ofDays(1))));
        assertEquals(Optional.empty(), stores.rateLimits().blockedUntil("denied:cs101:1001:other", T0));
    }

    @Test
    void purgingKeepsEverythingThatStillCounts() {
        String key = "verify:cs101:1001";
        stores.rateLimits().tryAcquire(key, THREE_PER_15_MIN, T0);
        stores.rateLimits().tryAcquire(key, THREE_PER_15_MIN, T0.plusSeconds(600));
        stores.rateLimits().tryAcquire(key, THREE_PER_15_MIN, T0.plusSeconds(700));

        stores.rateLimits().purge(T0.plusSeconds(800), Duration.ofMinutes(15));

        assertInstanceOf(Acquisition.Limited.class, stores.rateLimits().tryAcquire(key, THREE_PER_15_MIN, T0.plusSeconds(800)));
    }
}
