package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.RateRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Counters behind the rate limits, keyed by an opaque string the core builds (e.g. {@code
 * verify:cs101:1234}). Each operation on one key is atomic, across threads and instances. Thread-safe.
 */
public interface RateLimitStore {

    /**
     * Records one event for {@code key} if, counting it, no rule is exceeded within its sliding window;
     * otherwise records nothing and says how long until the busiest rule allows one more.
     */
    Acquisition tryAcquire(String key, List<RateRule> rules, Instant now);

    /**
     * Counts one failure for {@code key}. Failures older than {@code forgetAfter} before {@code now}
     * are dropped first, so the count restarts after a quiet period.
     */
    Failures recordFailure(String key, Instant now, Duration forgetAfter);

    /** The failures counted for {@code key} within {@code forgetAfter}. */
    Failures failures(String key, Instant now, Duration forgetAfter);

    /** Blocks {@code key} until the given time (a later block replaces an earlier one). */
    void block(String key, Instant until);

    /** When a current block on {@code key} ends, if it is blocked at {@code now}. */
    Optional<Instant> blockedUntil(String key, Instant now);

    /** Deletes events, failures and blocks that can no longer affect any decision. */
    void purge(Instant now, Duration longestWindow);

    /** The outcome of {@link #tryAcquire}. */
    sealed interface Acquisition {
        record Acquired() implements Acquisition {
        }

        record Limited(Duration retryAfter) implements Acquisition {
            public Limited {
                Objects.requireNonNull(retryAfter, "retryAfter");
            }
        }
    }

    /** How many failures are counted and when the last one was. */
    record Failures(long count, Optional<Instant> last) {
        public static final Failures NONE = new Failures(0, Optional.empty());

        public Failures {
            Objects.requireNonNull(last, "last");
            if (count < 0) {
                throw new IllegalArgumentException("failure count can't be negative");
            }
        }
    }
}
