package dev.gatehouse.persistence;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.AuditLog;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    /** One JDBC batch on the transaction's connection: a sync audits every link it ends. */
    @Override
    public void recordAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        db.write("recording audit events", () -> db.jdbc("recording audit events", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_events (tenant_id, action, detail, at) VALUES (?, ?, ?, ?)")) {
                for (AuditEntry entry : entries) {
                    insert.setString(1, entry.tenant().value());
                    insert.setString(2, entry.action());
                    insert.setString(3, entry.detail());
                    insert.setObject(4, OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC));
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        }));
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
