package dev.gatehouse.persistence;

import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.port.out.RateLimitStore;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Sliding-window events in {@code rate_limit_events}, blocks in {@code rate_limit_blocks}: each check-and-record
 * of events first locks the key's row in {@code rate_limit_keys} with an upsert, so concurrent callers on one
 * key, in any instance, take turns. Failures are one counter row per key in {@code rate_limit_failure_counts},
 * counted by a single upsert and deleted by {@link #purge} once their memory has lapsed.
 */
@Singleton
@Bean(typed = PgRateLimits.class)
final class PgRateLimits implements RateLimitStore {
    /**
     * Counts one failure in one statement (the upsert takes the key's row lock, so concurrent callers take turns)
     * and returns how many came before it and the newest of those; a count last touched at or before the
     * horizon restarts at 1. Parameters: key, now, forget-at, horizon (three times).
     */
    private static final String COUNT_FAILURE = """
            INSERT INTO rate_limit_failure_counts AS c (key, failures, last_failure, previous_failure, forget_at)
            VALUES (?, 1, ?, NULL, ?)
            ON CONFLICT (key) DO UPDATE SET
                failures = CASE WHEN c.last_failure <= ? THEN 1 ELSE c.failures + 1 END,
                previous_failure = CASE WHEN c.last_failure <= ? THEN NULL ELSE c.last_failure END,
                last_failure = GREATEST(EXCLUDED.last_failure, CASE WHEN c.last_failure <= ? THEN EXCLUDED.last_failure ELSE c.last_failure END),
                forget_at = GREATEST(EXCLUDED.forget_at, c.forget_at)
            RETURNING failures - 1, previous_failure
            """;

    private final Db db;
    private final RateLimitRepository repository;

    PgRateLimits(Db db, RateLimitRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public Acquisition tryAcquire(String key, List<RateRule> rules, Instant now) {
        return db.write("checking a rate limit", () -> {
            repository.lockKey(key, now);
            Duration longestWait = Duration.ZERO;
            for (RateRule rule : rules) {
                List<Instant> limiting = repository.nthNewestEvent(key, now.minus(rule.window()), rule.limit() - 1);
                if (!limiting.isEmpty()) {
                    Duration wait = Duration.between(now, limiting.get(0).plus(rule.window()));
                    if (wait.compareTo(longestWait) > 0) {
                        longestWait = wait;
                    }
                }
            }
            if (!longestWait.isZero() && !longestWait.isNegative()) {
                return new Acquisition.Limited(longestWait);
            }
            repository.recordEvent(key, now);
            return new Acquisition.Acquired();
        });
    }

    @Override
    public Failures recordFailure(String key, Instant now, Duration forgetAfter) {
        return db.write("recording a failure", () -> db.jdbc("recording a failure", c -> {
            try (PreparedStatement count = c.prepareStatement(COUNT_FAILURE)) {
                OffsetDateTime horizon = utc(now.minus(forgetAfter));
                count.setString(1, key);
                count.setObject(2, utc(now));
                count.setObject(3, utc(now.plus(forgetAfter)));
                count.setObject(4, horizon);
                count.setObject(5, horizon);
                count.setObject(6, horizon);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    long before = row.getLong(1);
                    OffsetDateTime previous = row.getObject(2, OffsetDateTime.class);
                    return before == 0 || previous == null ? Failures.NONE : new Failures(before, Optional.of(previous.toInstant()));
                }
            }
        }));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void block(String key, Instant until) {
        db.write("blocking a key", () -> {
            repository.block(key, until);
            return null;
        });
    }

    @Override
    public Optional<Instant> blockedUntil(String key, Instant now) {
        return db.read("reading a block", () -> repository.findBlock(key, now)).map(RateLimitBlockRow::blockedUntil);
    }

    @Override
    public void purge(Instant now, Duration longestWindow) {
        Instant horizon = now.minus(longestWindow);
        db.write("purging rate limits", () -> {
            repository.purgeEvents(horizon);
            repository.purgeFailures(now);
            repository.purgeKeys(horizon);
            return repository.purgeBlocks(now);
        });
    }
}
