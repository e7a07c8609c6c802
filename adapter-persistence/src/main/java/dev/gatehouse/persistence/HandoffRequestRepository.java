package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface HandoffRequestRepository extends GenericRepository<HandoffRequestRow, String> {

    Optional<HandoffRequestRow> findById(String jtiHash);

    /** Waits for, then holds until the transaction ends, the advisory lock of one (tenant, requester). */
    @Query("SELECT true FROM (SELECT pg_advisory_xact_lock(hashtextextended(:lockName, 0))) locked")
    boolean lockRequester(String lockName);

    @Query("UPDATE handoff_requests SET state = 'SUPERSEDED' WHERE tenant_id = :tenantId AND requester_id = :requesterId AND state = 'PENDING'")
    int supersedePending(String tenantId, long requesterId);

    /** Inserts the hand-off unless the requester already has a PENDING one; returns the rows inserted. */
    @Query("""
            INSERT INTO handoff_requests (jti_hash, tenant_id, guild_id, guild_name, requester_id, requester_name,
                                          created_at, expires_at, state, language)
            VALUES (:jtiHash, :tenantId, :guildId, :guildName, :requesterId, :requesterName, :createdAt, :expiresAt, :state, :language)
            ON CONFLICT (tenant_id, requester_id) WHERE state = 'PENDING' DO NOTHING
            """)
    int insertUnlessPending(String jtiHash, String tenantId, long guildId, String guildName, long requesterId,
            String requesterName, Instant createdAt, Instant expiresAt, String state, @Nullable String language);

    /** The single-use rule: PENDING and unexpired becomes CONFIRMED, in one statement. */
    @Query("""
            UPDATE handoff_requests SET state = 'CONFIRMED'
            WHERE jti_hash = :jtiHash AND state = 'PENDING' AND expires_at > :now
            RETURNING *
            """)
    List<HandoffRequestRow> use(String jtiHash, Instant now);

    @Query("UPDATE handoff_requests SET state = 'EXPIRED' WHERE state = 'PENDING' AND expires_at <= :now")
    int expireOverdue(Instant now);

    @Query("DELETE FROM handoff_requests WHERE tenant_id = :tenantId")
    int deleteOfTenant(String tenantId);

    @Query("DELETE FROM handoff_requests WHERE tenant_id = :tenantId AND expires_at < :expiredBefore")
    int purgeExpiredBefore(String tenantId, Instant expiredBefore);

    @Query("SELECT * FROM handoff_requests WHERE tenant_id = :tenantId AND requester_id = :requesterId ORDER BY created_at")
    List<HandoffRequestRow> ofRequester(String tenantId, long requesterId);

    @Query("DELETE FROM handoff_requests WHERE tenant_id = :tenantId AND requester_id = :requesterId")
    int deleteOfRequester(String tenantId, long requesterId);
}
