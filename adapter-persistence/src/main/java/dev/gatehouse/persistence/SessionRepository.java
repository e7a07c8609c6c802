package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SessionRepository extends GenericRepository<SessionRow, UUID> {

    Optional<SessionRow> findByTokenHash(String tokenHash);

    /** Waits for, then holds until the transaction ends, the advisory lock of one (tenant, requester). */
    @Query("SELECT true FROM (SELECT pg_advisory_xact_lock(hashtextextended(:lockName, 0))) locked")
    boolean lockRequester(String lockName);

    @Query("UPDATE sessions SET state = 'SUPERSEDED' WHERE tenant_id = :tenantId AND requester_id = :requesterId AND state = 'PENDING'")
    int supersedePending(String tenantId, long requesterId);

    /** Inserts the session unless the requester already has a PENDING one; returns the rows inserted. */
    @Query("""
            INSERT INTO sessions (session_id, tenant_id, guild_id, guild_name, requester_id, requester_name,
                                  directory_user_id, token_hash, created_at, expires_at, state, language)
            VALUES (:sessionId, :tenantId, :guildId, :guildName, :requesterId, :requesterName,
                    :directoryUserId, :tokenHash, :createdAt, :expiresAt, :state, :language)
            ON CONFLICT (tenant_id, requester_id) WHERE state = 'PENDING' DO NOTHING
            """)
    int insertUnlessPending(UUID sessionId, String tenantId, long guildId, String guildName, long requesterId,
            String requesterName, String directoryUserId, String tokenHash, Instant createdAt, Instant expiresAt, String state,
            @Nullable String language);

    @Query("UPDATE sessions SET state = 'CANCELLED' WHERE session_id = :sessionId AND state = 'PENDING'")
    int cancel(UUID sessionId);

    @Query("UPDATE sessions SET state = 'EXPIRED' WHERE state = 'PENDING' AND expires_at <= :now")
    int expireOverdue(Instant now);

    @Query("""
            SELECT count(*) FROM sessions
            WHERE tenant_id = :tenantId AND requester_id = :requesterId AND state = 'PENDING' AND expires_at > :now
            """)
    int countOpen(String tenantId, long requesterId, Instant now);

    @Query("DELETE FROM sessions WHERE tenant_id = :tenantId")
    int deleteOfTenant(String tenantId);

    @Query("DELETE FROM sessions WHERE tenant_id = :tenantId AND expires_at < :expiredBefore")
    int purgeExpiredBefore(String tenantId, Instant expiredBefore);

    /** A person's sessions: for their user id or requested by their Discord account ('' and 0 match nothing). */
    @Query("""
            SELECT * FROM sessions
            WHERE tenant_id = :tenantId AND (directory_user_id = :directoryUserId OR requester_id = :requesterId)
            ORDER BY created_at
            """)
    List<SessionRow> ofPerson(String tenantId, String directoryUserId, long requesterId);

    @Query("DELETE FROM sessions WHERE tenant_id = :tenantId AND (directory_user_id = :directoryUserId OR requester_id = :requesterId)")
    int deleteOfPerson(String tenantId, String directoryUserId, long requesterId);
}
