package dev.gatehouse.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RateLimitRepository extends GenericRepository<RateLimitKeyRow, String> {

    /** Creates or touches the key's row, holding its row lock until the transaction ends. */
    @Query("""
            INSERT INTO rate_limit_keys (key, touched_at) VALUES (:key, :now)
            ON CONFLICT (key) DO UPDATE SET touched_at = GREATEST(rate_limit_keys.touched_at, EXCLUDED.touched_at)
            """)
    void lockKey(String key, Instant now);

    /** The time of the key's {@code skip + 1}-th newest event after {@code since}, if it has that many. */
    @Query("SELECT at FROM rate_limit_events WHERE key = :key AND at > :since ORDER BY at DESC OFFSET :skip LIMIT 1")
    List<Instant> nthNewestEvent(String key, Instant since, int skip);

    @Query("INSERT INTO rate_limit_events (key, at) VALUES (:key, :at)")
    void recordEvent(String key, Instant at);

    @Query("""
            INSERT INTO rate_limit_blocks (key, blocked_until) VALUES (:key, :until)
            ON CONFLICT (key) DO UPDATE SET blocked_until = EXCLUDED.blocked_until
            """)
    void block(String key, Instant until);

    @Query("SELECT * FROM rate_limit_blocks WHERE key = :key AND blocked_until > :now")
    Optional<RateLimitBlockRow> findBlock(String key, Instant now);

    @Query("DELETE FROM rate_limit_events WHERE at <= :horizon")
    int purgeEvents(Instant horizon);

    @Query("DELETE FROM rate_limit_failure_counts WHERE forget_at <= :now")
    int purgeFailures(Instant now);

    @Query("DELETE FROM rate_limit_keys WHERE touched_at <= :horizon")
    int purgeKeys(Instant horizon);

    @Query("DELETE FROM rate_limit_blocks WHERE blocked_until <= :now")
    int purgeBlocks(Instant now);
}
