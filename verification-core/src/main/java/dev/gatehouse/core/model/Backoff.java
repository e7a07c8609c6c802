package dev.gatehouse.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential wait after repeated failures: after {@code step} failures wait {@code firstWait}, after
 * {@code 2*step} twice that, doubling every {@code step} failures, never more than {@code maxWait}.
 * Failures are forgotten after {@code forgetAfter} without a new one.
 *
 * @param step how many failures make one step, at least 1
 * @param firstWait the wait after the first step, positive
 * @param maxWait the longest wait, at least {@code firstWait}
 * @param forgetAfter how long failures are remembered without a new one, at least {@code maxWait}
 */
public record Backoff(int step, Duration firstWait, Duration maxWait, Duration forgetAfter) {
    public Backoff {
        Objects.requireNonNull(firstWait, "firstWait");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        if (step < 1) {
            throw new IllegalArgumentException("backoff step must be at least 1 failure, got " + step);
        }
        if (firstWait.isNegative() || firstWait.isZero() || maxWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("backoff waits must be positive and maxWait >= firstWait");
        }
        if (forgetAfter.compareTo(maxWait) < 0) {
            throw new IllegalArgumentException("failures must be remembered at least as long as the longest wait");
        }
    }

    /**
     * The seed's schedule: 5 failures → 10 s, 10 → 20 s, 15 → 40 s, doubling per 5, at most a day.
     *
     * @return the schedule
     */
    public static Backoff standard() {
        return new Backoff(5, Duration.ofSeconds(10), Duration.ofDays(1), Duration.ofDays(1));
    }

    /**
     * How long to wait after the given number of failures (zero below the first step).
     *
     * @param failures how many failures were counted
     * @return the wait, never more than {@code maxWait}
     */
    public Duration waitAfter(long failures) {
        long steps = failures / step;
        if (steps == 0) {
            return Duration.ZERO;
        }
        if (steps > 40) {
            return maxWait;
        }
        Duration wait = firstWait.multipliedBy(1L << (steps - 1));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
