package dev.gatehouse.core.service;

import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.PurgeOldRecords;
import dev.gatehouse.core.port.out.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** Deletes what each tenant's retention says is old enough: sessions, hand-offs and wrong answers. */
public final class Retention implements PurgeOldRecords {
    private final Stores stores;
    private final Clock clock;

    public Retention(Stores stores, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Purged purge() {
        Instant now = clock.instant();
        long sessions = 0;
        long handoffs = 0;
        long answers = 0;
        for (TenantSettings tenant : stores.tenants().all()) {
            Instant cutoff = now.minus(tenant.retention());
            sessions += stores.sessions().purgeExpiredBefore(tenant.id(), cutoff);
            handoffs += stores.handoffs().purgeExpiredBefore(tenant.id(), cutoff) + stores.signIns().purgeExpiredBefore(tenant.id(), cutoff);
            answers += stores.wrongAnswers().purgeBefore(tenant.id(), cutoff);
        }
        return new Purged(sessions, handoffs, answers);
    }

    @Override
    public void pruneRateLimits() {
        stores.rateLimits().purge(clock.instant(), RATE_RECORDS_KEPT);
    }
}
