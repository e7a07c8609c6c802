package dev.gatehouse.core.port.in;

import java.time.Duration;

/**
 * Retention: deletes each tenant's sessions and hand-offs whose expiry is older than the tenant's retention, and
 * wrong answers given before it. Links, the directory and the audit log are kept. Idempotent; safe to run from
 * several instances at once. A store outage surfaces as {@link dev.gatehouse.core.port.out.StoreUnavailableException}.
 */
public interface PurgeOldRecords {
    /** Longer than every rate window and the link-attempt memory, so pruning changes no decision. */
    Duration RATE_RECORDS_KEPT = Duration.ofDays(32);

    /** {@return how many records of each kind were deleted} */
    Purged purge();

    /** Drops rate-limit and backoff records older than {@link #RATE_RECORDS_KEPT}; no limit decision changes. */
    void pruneRateLimits();

    /**
     * How many records were deleted, over all tenants.
     *
     * @param sessions sessions deleted
     * @param handoffs hand-offs deleted
     * @param wrongAnswers wrong answers deleted
     */
    record Purged(long sessions, long handoffs, long wrongAnswers) {
        public Purged {
            if (sessions < 0 || handoffs < 0 || wrongAnswers < 0) {
                throw new IllegalArgumentException("counts can't be negative");
            }
        }

        /**
         * All records deleted.
         *
         * @return sessions, hand-offs and wrong answers together
         */
        public long total() {
            return sessions + handoffs + wrongAnswers;
        }
    }
}
