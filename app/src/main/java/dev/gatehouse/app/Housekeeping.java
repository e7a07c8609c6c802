package dev.gatehouse.app;

import dev.gatehouse.core.port.in.ExpireSessions;
import dev.gatehouse.core.port.in.PurgeOldRecords;
import dev.gatehouse.core.port.in.PurgeOldRecords.Purged;
import dev.gatehouse.core.port.in.RemoveUnverifiedMembers;
import dev.gatehouse.core.port.in.ReverifyMembers;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks overdue links expired every minute, prunes old rate-limit records every hour, and every hour deletes the
 * sessions, hand-offs and wrong answers older than each tenant's retention. Every
 * {@code gatehouse.lifecycle.sweep-interval} (a minute by default) it reminds members whose verification ends soon,
 * ends those that lapsed, and queues the warnings and kicks due to members who haven't verified in servers that remove
 * them; several instances may sweep at once, and each member is handled once.
 */
@Singleton
class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final ExpireSessions expiry;
    private final PurgeOldRecords retention;
    private final ReverifyMembers reverification;
    private final RemoveUnverifiedMembers unverified;

    Housekeeping(ExpireSessions expiry, PurgeOldRecords retention, ReverifyMembers reverification,
            RemoveUnverifiedMembers unverified) {
        this.expiry = expiry;
        this.retention = retention;
        this.reverification = reverification;
        this.unverified = unverified;
    }

    @Scheduled(fixedDelay = "${gatehouse.lifecycle.sweep-interval:60s}", initialDelay = "${gatehouse.lifecycle.sweep-interval:60s}")
    void reverify() {
        try {
            ReverifyMembers.Swept swept = reverification.sweep();
            if (swept.reminded() + swept.lapsed() > 0) {
                LOG.info("re-verification: {} members reminded, {} verifications lapsed", swept.reminded(), swept.lapsed());
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("could not sweep lapsing verifications: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelay = "${gatehouse.lifecycle.sweep-interval:60s}", initialDelay = "${gatehouse.lifecycle.sweep-interval:60s}")
    void removeUnverifiedMembers() {
        try {
            RemoveUnverifiedMembers.Swept swept = unverified.sweep();
            if (swept.warned() + swept.removed() > 0) {
                LOG.info("unverified members: {} warned, {} removed for not verifying in time", swept.warned(), swept.removed());
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("could not sweep for unverified members: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "2m")
    void purgeOldRecords() {
        try {
            Purged purged = retention.purge();
            if (purged.total() > 0) {
                LOG.info("retention: deleted {} sessions, {} hand-offs and {} wrong answers past their tenant's retention",
                        purged.sessions(), purged.handoffs(), purged.wrongAnswers());
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("could not purge old records: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelay = "60s", initialDelay = "30s")
    void expireOverdueLinks() {
        try {
            int expired = expiry.expireOverdue();
            if (expired > 0) {
                LOG.info("{} verification links expired unused", expired);
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("could not expire overdue links: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void pruneRateLimits() {
        try {
            retention.pruneRateLimits();
        } catch (StoreUnavailableException e) {
            LOG.warn("could not prune rate-limit records: {}", e.getMessage());
        }
    }
}
