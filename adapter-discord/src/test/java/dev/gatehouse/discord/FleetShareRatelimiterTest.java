package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fleet's instances share Discord's per-token global limit by the shards they hold; checked on a simulated clock. */
class FleetShareRatelimiterTest {

    /** A clock that only moves when the limiter waits. */
    private static final class SimulatedTime implements FleetShareRatelimiter.Time {
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
        }
    }

    private static Duration timeFor(int requests, FleetShareRatelimiter limiter, SimulatedTime time) throws InterruptedException {
        long start = time.now;
        for (int i = 0; i < requests; i++) {
            limiter.requestQuota();
        }
        return Duration.ofNanos(time.now - start);
    }

    @Test
    void anInstanceWithEveryShardGetsJavacordsOneProcessRate() throws InterruptedException {
        SimulatedTime time = new SimulatedTime();
        FleetShareRatelimiter limiter = new FleetShareRatelimiter(() -> 4, () -> 4, time);

        // 500 requests: 100 buckets of 5, the first at once, so 99 waits of 112 ms
        assertEquals(Duration.ofMillis(112).multipliedBy(99), timeFor(500, limiter, time));
    }

    @Test
    void theFleetsInstancesTogetherStayAtOneProcessRate() throws InterruptedException {
        int[][] splits = {{4}, {2, 2}, {2, 1, 1}, {1, 1, 1, 1}};
        for (int[] split : splits) {
            double perSecond = 0;
            for (int owned : split) {
                SimulatedTime time = new SimulatedTime();
                Duration took = timeFor(5 * 1001, new FleetShareRatelimiter(() -> owned, () -> 4, time), time);
                perSecond += 5 * 1000 / (took.toNanos() / 1e9);
            }
            assertEquals(5 / 0.112, perSecond, 0.01, "fleet of " + split.length + " instances");
        }
    }

    @Test
    void theShareFollowsTheShardsAsTheyMoveAndAnInstanceWithoutShardsKeepsAMinimum() throws InterruptedException {
        SimulatedTime time = new SimulatedTime();
        AtomicInteger connected = new AtomicInteger(0);
        FleetShareRatelimiter limiter = new FleetShareRatelimiter(connected::get, () -> 4, time);
        assertEquals(Duration.ofMillis(448), limiter.bucket());

        connected.set(2);
        assertEquals(Duration.ofMillis(224), limiter.bucket());
        assertEquals(Duration.ofMillis(224).multipliedBy(9), timeFor(50, limiter, time));

        connected.set(4);
        assertEquals(Duration.ofMillis(112), limiter.bucket());
    }
}
