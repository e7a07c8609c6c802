package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An append-only record of who linked, unlinked, confirmed and denied what. Thread-safe. */
public interface AuditLog {
    /**
     * Appends an entry.
     *
     * @param entry the entry
     */
    void record(AuditEntry entry);

    /**
     * Records the entries in order, as {@link #record} each would; a store may write them in one round trip.
     *
     * @param entries the entries, oldest first
     */
    default void recordAll(List<AuditEntry> entries) {
        entries.forEach(this::record);
    }

    /**
     * The tenant's newest entries first.
     *
     * @param tenant the tenant
     * @param limit the most entries to return
     * @return up to {@code limit} entries, newest first; empty if the tenant has none
     */
    List<AuditEntry> recent(TenantId tenant, int limit);

    /**
     * One audit line: what happened, in which tenant, and a human-readable detail without secrets.
     *
     * @param tenant the tenant it happened in
     * @param action what happened, a short fixed word such as {@code link}
     * @param detail who and what, readable by a person
     * @param at when it happened
     */
    record AuditEntry(TenantId tenant, String action, String detail, Instant at) {
        public AuditEntry {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(at, "at");
        }
    }
}
