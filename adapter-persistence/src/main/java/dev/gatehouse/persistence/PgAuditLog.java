package dev.gatehouse.persistence;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.AuditLog;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.util.List;

/** The audit trail in {@code audit_events}, append-only; newest first by insertion order. */
@Singleton
@Bean(typed = PgAuditLog.class)
final class PgAuditLog implements AuditLog {
    private final Db db;
    private final AuditEventRepository repository;

    PgAuditLog(Db db, AuditEventRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public void record(AuditEntry entry) {
        db.write("recording an audit event", () -> {
            repository.append(entry.tenant().value(), entry.action(), entry.detail(), entry.at());
            return null;
        });
    }

    @Override
    public List<AuditEntry> recent(TenantId tenant, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.read("reading audit events", () -> repository.recent(tenant.value(), limit).stream()
                .map(row -> new AuditEntry(tenant, row.action(), row.detail(), row.at()))
                .toList());
    }
}
