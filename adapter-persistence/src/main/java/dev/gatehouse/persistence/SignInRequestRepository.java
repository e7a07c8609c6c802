package dev.gatehouse.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SignInRequestRepository extends GenericRepository<SignInRequestRow, String> {

    Optional<SignInRequestRow> findById(String linkHash);

    Optional<SignInRequestRow> findByStateHash(String stateHash);

    /** Waits for, then holds until the transaction ends, the advisory lock of one (tenant, requester). */
    @Query("SELECT true FROM (SELECT pg_advisory_xact_lock(hashtextextended(:lockName, 0))) locked")
    boolean lockRequester(String lockName);

    @Query("UPDATE sign_in_requests SET state = 'SUPERSEDED' WHERE tenant_id = :tenantId AND requester_id = :requesterId AND state = 'PENDING'")
    int supersedePending(String tenantId, long requesterId);

    @Query("""
            INSERT INTO sign_in_requests (link_hash, tenant_id, guild_id, guild_name, requester_id, requester_name,
                                          created_at, expires_at, state)
            VALUES (:linkHash, :tenantId, :guildId, :guildName, :requesterId, :requesterName, :createdAt, :expiresAt, :state)
            ON CONFLICT (tenant_id, requester_id) WHERE state = 'PENDING' DO NOTHING
            """)
    int insertUnlessPending(String linkHash, String tenantId, long guildId, String guildName, long requesterId,
            String requesterName, Instant createdAt, Instant expiresAt, String state);

    @Query("""
            UPDATE sign_in_requests SET state_hash = :stateHash, nonce_hash = :nonceHash, verifier_hash = :verifierHash
            WHERE link_hash = :linkHash AND state = 'PENDING' AND expires_at > :now
            RETURNING *
            """)
    List<SignInRequestRow> bind(String linkHash, String stateHash, String nonceHash, String verifierHash, Instant now);

    /** The single-use rule: PENDING, unexpired and bound to exactly these hashes becomes CONFIRMED, in one statement. */
    @Query("""
            UPDATE sign_in_requests SET state = 'CONFIRMED'
            WHERE state_hash = :stateHash AND nonce_hash = :nonceHash AND verifier_hash = :verifierHash
              AND state = 'PENDING' AND expires_at > :now
            RETURNING *
            """)
    List<SignInRequestRow> use(String stateHash, String nonceHash, String verifierHash, Instant now);

    @Query("UPDATE sign_in_requests SET state = 'EXPIRED' WHERE state = 'PENDING' AND expires_at <= :now")
    int expireOverdue(Instant now);

    @Query("DELETE FROM sign_in_requests WHERE tenant_id = :tenantId")
    int deleteOfTenant(String tenantId);

    @Query("DELETE FROM sign_in_requests WHERE tenant_id = :tenantId AND requester_id = :requesterId")
    int deleteOfRequester(String tenantId, long requesterId);

    @Query("DELETE FROM sign_in_requests WHERE tenant_id = :tenantId AND expires_at < :expiredBefore")
    int purgeExpiredBefore(String tenantId, Instant expiredBefore);
}
