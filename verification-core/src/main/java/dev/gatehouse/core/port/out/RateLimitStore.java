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
     *
     * @param key what is limited, e.g. one member in one tenant
     * @param rules every rule that applies to the key
     * @param now the time of the event
     * @return whether the event was counted, or how long to wait
     */
    Acquisition tryAcquire(String key, List<RateRule> rules, Instant now);

    /**
     * Counts one failure for {@code key} and says what was counted before it, in one atomic step: of concurrent
     * callers on one key, in any instance, each sees the failures of those before it, so N failures count N.
     * The count restarts once {@code forgetAfter} has passed since the key's newest failure; the key's record
     * is kept no longer than that, and {@link #purge} drops it afterwards (one record per key, whatever the
     * number of failures).
     *
     * @param key what failed, e.g. one member's answers
     * @param now the time of the failure
     * @param forgetAfter how long a key's failures are remembered after its newest one
     * @return the failures counted before this one
     */
    Failures recordFailure(String key, Instant now, Duration forgetAfter);

    /**
     * Blocks {@code key} until the given time (a later block replaces an earlier one).
     *
     * @param key what is blocked
     * @param until the end of the block
     */
    void block(String key, Instant until);

    /**
     * When a current block on {@code key} ends, if it is blocked at {@code now}.
     *
     * @param key what may be blocked
     * @param now the current time
     * @return the end of the block, or empty if the key is not blocked
     */
    Optional<Instant> blockedUntil(String key, Instant now);

    /**
     * Deletes what can no longer affect any decision: events older than {@code longestWindow}, failures once
     * their key's memory has lapsed, blocks that have ended.
     *
     * @param now the current time
     * @param longestWindow the longest window of any rule in use
     */
    void purge(Instant now, Duration longestWindow);

    /** The outcome of {@link #tryAcquire}. */
    sealed interface Acquisition {
        /** Within the limit; the attempt was counted. */
        record Acquired() implements Acquisition {
        }

        /**
         * Over the limit; try again after {@code retryAfter}.
         *
         * @param retryAfter how long until one more event is allowed
         */
        record Limited(Duration retryAfter) implements Acquisition {
            public Limited {
                Objects.requireNonNull(retryAfter, "retryAfter");
            }
        }
    }

    /**
     * How many failures were counted before this one (within the memory) and when the newest of them was.
     *
     * @param count how many failures, zero or more
     * @param last when the newest of them was, empty if none
     */
    record Failures(long count, Optional<Instant> last) {
        /** No failures remembered. */
        public static final Failures NONE = new Failures(0, Optional.empty());

        public Failures {
            Objects.requireNonNull(last, "last");
            if (count < 0) {
                throw new IllegalArgumentException("failure count can't be negative");
            }
        }
    }
}
