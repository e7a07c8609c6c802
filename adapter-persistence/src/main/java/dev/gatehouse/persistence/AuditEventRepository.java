package dev.gatehouse.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditEventRepository extends GenericRepository<AuditEventRow, Long> {

    /** Appends an event; nothing is read back (the id only orders events). */
    @Query("INSERT INTO audit_events (tenant_id, action, detail, at) VALUES (:tenantId, :action, :detail, :at)")
    void append(String tenantId, String action, String detail, Instant at);

    @Query("SELECT * FROM audit_events WHERE tenant_id = :tenantId ORDER BY event_id DESC LIMIT :limit")
    List<AuditEventRow> recent(String tenantId, int limit);
}
