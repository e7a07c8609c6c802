package dev.gatehouse.persistence;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.AuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The audit trail in {@code audit_events}, append-only; newest first by insertion order. */
final class PgAuditLog implements AuditLog {
    private final Jdbc jdbc;

    PgAuditLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(AuditEntry entry) {
        jdbc.run("recording an audit event", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("INSERT INTO audit_events (tenant_id, action, detail, at) VALUES (?, ?, ?, ?)"),
                    entry.tenant().value(), entry.action(), entry.detail(), Sql.timestamp(entry.at()))) {
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<AuditEntry> recent(TenantId tenant, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.run("reading audit events", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement(
                    "SELECT action, detail, at FROM audit_events WHERE tenant_id = ? ORDER BY event_id DESC LIMIT ?"), tenant.value(), limit);
                    ResultSet rs = s.executeQuery()) {
                List<AuditEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(new AuditEntry(tenant, rs.getString("action"), rs.getString("detail"), Sql.instant(rs, "at")));
                }
                return List.copyOf(entries);
            }
        });
    }
}
