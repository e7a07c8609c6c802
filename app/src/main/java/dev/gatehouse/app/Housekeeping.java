package dev.gatehouse.app;

import dev.gatehouse.core.port.in.ExpireSessions;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Marks overdue links expired every minute and prunes old rate-limit records every hour. */
@Singleton
class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    /** Longer than every rate window and the link-attempt memory, so pruning changes no decision. */
    private static final Duration RATE_RECORDS_KEPT = Duration.ofDays(32);

    private final ExpireSessions expiry;
    private final Stores stores;

    Housekeeping(ExpireSessions expiry, Stores stores) {
        this.expiry = expiry;
        this.stores = stores;
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
            stores.rateLimits().purge(Clock.systemUTC().instant(), RATE_RECORDS_KEPT);
        } catch (StoreUnavailableException e) {
            LOG.warn("could not prune rate-limit records: {}", e.getMessage());
        }
    }
}
