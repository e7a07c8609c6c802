package dev.gatehouse.persistence;

import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.port.out.RateLimitStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sliding-window counters in {@code rate_limit_events} and {@code rate_limit_failures}, blocks in
 * {@code rate_limit_blocks}. Each check-and-record first locks the key's row in {@code rate_limit_keys} with
 * an upsert, so concurrent callers on one key, in any instance, take turns.
 */
final class PgRateLimits implements RateLimitStore {
    private final Jdbc jdbc;

    PgRateLimits(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Acquisition tryAcquire(String key, List<RateRule> rules, Instant now) {
        return jdbc.atomically("checking a rate limit", c -> {
            lockKey(c, key, now);
            Duration longestWait = Duration.ZERO;
            for (RateRule rule : rules) {
                Instant windowStart = now.minus(rule.window());
                try (PreparedStatement s = Jdbc.bind(c.prepareStatement("""
                        SELECT at FROM rate_limit_events WHERE key = ? AND at > ?
                        ORDER BY at DESC OFFSET ? LIMIT 1
                        """), key, Sql.timestamp(windowStart), rule.limit() - 1);
                        ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        Duration wait = Duration.between(now, Sql.instant(rs, "at").plus(rule.window()));
                        if (wait.compareTo(longestWait) > 0) {
                            longestWait = wait;
                        }
                    }
                }
            }
            if (!longestWait.isZero() && !longestWait.isNegative()) {
                return new Acquisition.Limited(longestWait);
            }
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("INSERT INTO rate_limit_events (key, at) VALUES (?, ?)"),
                    key, Sql.timestamp(now))) {
                s.executeUpdate();
            }
            return new Acquisition.Acquired();
        });
    }

    @Override
    public Failures recordFailure(String key, Instant now, Duration forgetAfter) {
        return jdbc.atomically("recording a failure", c -> {
            lockKey(c, key, now);
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("DELETE FROM rate_limit_failures WHERE key = ? AND at <= ?"),
                    key, Sql.timestamp(now.minus(forgetAfter)))) {
                s.executeUpdate();
            }
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("INSERT INTO rate_limit_failures (key, at) VALUES (?, ?)"),
                    key, Sql.timestamp(now))) {
                s.executeUpdate();
            }
            return failures(c, key, now, forgetAfter);
        });
    }

    @Override
    public Failures failures(String key, Instant now, Duration forgetAfter) {
        return jdbc.run("counting failures", c -> failures(c, key, now, forgetAfter));
    }

    private static Failures failures(Connection c, String key, Instant now, Duration forgetAfter) throws SQLException {
        try (PreparedStatement s = Jdbc.bind(c.prepareStatement("SELECT count(*), max(at) FROM rate_limit_failures WHERE key = ? AND at > ?"),
                key, Sql.timestamp(now.minus(forgetAfter)));
                ResultSet rs = s.executeQuery()) {
            rs.next();
            long count = rs.getLong(1);
            return count == 0 ? Failures.NONE : new Failures(count, Optional.of(Sql.instant(rs, "max")));
        }
    }

    @Override
    public void block(String key, Instant until) {
        jdbc.run("blocking a key", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("""
                    INSERT INTO rate_limit_blocks (key, blocked_until) VALUES (?, ?)
                    ON CONFLICT (key) DO UPDATE SET blocked_until = EXCLUDED.blocked_until
                    """), key, Sql.timestamp(until))) {
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Instant> blockedUntil(String key, Instant now) {
        return jdbc.run("reading a block", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement(
                    "SELECT blocked_until FROM rate_limit_blocks WHERE key = ? AND blocked_until > ?"), key, Sql.timestamp(now));
                    ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Sql.instant(rs, "blocked_until")) : Optional.empty();
            }
        });
    }

    @Override
    public void purge(Instant now, Duration longestWindow) {
        Instant horizon = now.minus(longestWindow);
        jdbc.run("purging rate limits", c -> {
            for (String sql : List.of(
                    "DELETE FROM rate_limit_events WHERE at <= ?",
                    "DELETE FROM rate_limit_failures WHERE at <= ?",
                    "DELETE FROM rate_limit_keys WHERE touched_at <= ?")) {
                try (PreparedStatement s = Jdbc.bind(c.prepareStatement(sql), Sql.timestamp(horizon))) {
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("DELETE FROM rate_limit_blocks WHERE blocked_until <= ?"),
                    Sql.timestamp(now))) {
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Creates or touches the key's row, holding its lock until the transaction ends. */
    private static void lockKey(Connection c, String key, Instant now) throws SQLException {
        try (PreparedStatement s = Jdbc.bind(c.prepareStatement("""
                INSERT INTO rate_limit_keys (key, touched_at) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET touched_at = GREATEST(rate_limit_keys.touched_at, EXCLUDED.touched_at)
                """), key, Sql.timestamp(now))) {
            s.executeUpdate();
        }
    }
}
