package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of the append-only {@code audit_events}; the id gives the insertion order. */
@MappedEntity("audit_events")
record AuditEventRow(@Id @GeneratedValue @Nullable Long eventId, String tenantId, String action, String detail, Instant at) {
}
