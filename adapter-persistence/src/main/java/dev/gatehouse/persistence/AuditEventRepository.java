package dev.gatehouse.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditEventRepository extends GenericRepository<AuditEventRow, Long> {

    AuditEventRow save(AuditEventRow event);

    @Query("SELECT * FROM audit_events WHERE tenant_id = :tenantId ORDER BY event_id DESC LIMIT :limit")
    List<AuditEventRow> recent(String tenantId, int limit);
}
