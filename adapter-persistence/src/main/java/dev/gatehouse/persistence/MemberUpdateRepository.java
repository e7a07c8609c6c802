package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MemberUpdateRepository extends GenericRepository<MemberUpdateRow, UUID> {

    /**
     * Claims up to {@code max} due updates of the shard: {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers
     * never get the same row, and the lease set in the same statement. The returned rows carry in
     * {@code due_at} the time they were due <em>before</em> this claim, the order they are to be handed out in.
     */
    @Query("""
            WITH due AS (
                SELECT update_id, due_at FROM member_updates
                WHERE due_at <= :now AND ((guild_id >> 22) % :shardCount) = :shardIndex
                ORDER BY due_at, created_at
                LIMIT :max
                FOR UPDATE SKIP LOCKED)
            UPDATE member_updates m SET due_at = :leaseEnd
            FROM due WHERE m.update_id = due.update_id
            RETURNING m.update_id, m.guild_id, m.member_id, m.change_kind, m.role_id, m.nickname, m.reason,
                      m.created_at, due.due_at AS due_at, m.attempts, m.last_error,
                      m.notice_kind, m.notice_at, m.notice_language, m.notice_time_zone
            """)
    List<MemberUpdateRow> claim(Instant now, int shardCount, int shardIndex, int max, Instant leaseEnd);

    void deleteById(UUID updateId);

    @Query("UPDATE member_updates SET due_at = :dueAt, attempts = attempts + 1, last_error = :lastError WHERE update_id = :updateId")
    void retryAt(UUID updateId, Instant dueAt, @Nullable String lastError);

    @Query("SELECT count(*) AS pending, min(created_at) AS oldest FROM member_updates")
    OutboxDepthRow depth();
}
