package dev.gatehouse.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface WrongAnswerRepository extends GenericRepository<WrongAnswerRow, Long> {

    WrongAnswerRow save(WrongAnswerRow answer);

    /**
     * The tenant's wrong answers grouped by normalised form: most attempts first, then latest, then by form; each
     * with its {@code spellings}, most frequent first (ties by spelling), at most {@code maxSpellings}.
     * Forms and spellings compare by code point ({@code COLLATE "C"}), whatever the database's collation.
     */
    @Query("""
            WITH groups AS (
                SELECT normalised, count(*) AS attempts, count(DISTINCT member_id) AS distinct_members,
                       min(at) AS first_seen, max(at) AS last_seen
                FROM wrong_answers
                WHERE tenant_id = :tenantId
                GROUP BY normalised
                ORDER BY attempts DESC, last_seen DESC, normalised COLLATE "C"
                LIMIT :limit),
            spellings AS (
                SELECT w.normalised, w.original,
                       row_number() OVER (PARTITION BY w.normalised ORDER BY count(*) DESC, w.original COLLATE "C") AS rank
                FROM wrong_answers w JOIN groups g ON g.normalised = w.normalised
                WHERE w.tenant_id = :tenantId
                GROUP BY w.normalised, w.original)
            SELECT g.normalised, g.attempts, g.distinct_members,
                   ARRAY(SELECT s.original FROM spellings s
                         WHERE s.normalised = g.normalised AND s.rank <= :maxSpellings
                         ORDER BY s.rank) AS spellings,
                   g.first_seen, g.last_seen
            FROM groups g
            ORDER BY g.attempts DESC, g.last_seen DESC, g.normalised COLLATE "C"
            """)
    List<WrongAnswerGroupRow> top(String tenantId, int limit, int maxSpellings);

    @Query("DELETE FROM wrong_answers WHERE tenant_id = :tenantId")
    long clear(String tenantId);

    @Query("DELETE FROM wrong_answers WHERE tenant_id = :tenantId AND at < :before")
    long purgeBefore(String tenantId, Instant before);

    @Query("SELECT * FROM wrong_answers WHERE tenant_id = :tenantId AND member_id = :memberId ORDER BY at, answer_id")
    List<WrongAnswerRow> ofMember(String tenantId, long memberId);

    @Query("DELETE FROM wrong_answers WHERE tenant_id = :tenantId AND member_id = :memberId")
    int deleteOfMember(String tenantId, long memberId);
}
