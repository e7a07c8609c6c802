package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.MemberUpdate;
import java.time.Duration;
import java.util.Objects;

/**
 * Applies a member update on the chat platform (grant or revoke a role, set or reset a nickname). Must
 * be idempotent: an update may be applied again after a crash. Reports the outcome as a value; the core
 * decides when to retry. Thread-safe.
 */
@FunctionalInterface
public interface MemberAccess {
    /**
     * Applies the update, blocking until the platform answered.
     *
     * @param update the role or nickname change to make
     * @return how it ended; a thrown exception counts as {@link AccessOutcome.Failed}
     */
    AccessOutcome apply(MemberUpdate update);

    /** How applying an update ended. */
    sealed interface AccessOutcome {
        /** Done (or already so). */
        record Applied() implements AccessOutcome {
        }

        /**
         * Can never succeed (member left, role deleted, server owner's nickname); dropped with the reason logged.
         *
         * @param reason why, for the log
         */
        record Impossible(String reason) implements AccessOutcome {
            public Impossible {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /**
         * The platform asked to wait (HTTP 429 Retry-After); retried no sooner than that.
         *
         * @param retryAfter the wait the platform asked for
         */
        record RateLimited(Duration retryAfter) implements AccessOutcome {
            public RateLimited {
                Objects.requireNonNull(retryAfter, "retryAfter");
            }
        }

        /**
         * Failed for now (network, 5xx, bot not connected); retried with backoff.
         *
         * @param reason why, for the log
         */
        record Failed(String reason) implements AccessOutcome {
            public Failed {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /** {@return the outcome of an update that is done} */
        static AccessOutcome applied() {
            return new Applied();
        }
    }
}
