package dev.gatehouse.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Conversions between the core's values and JDBC column values. */
final class Sql {
    private Sql() {
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A duration as PostgreSQL interval input (ISO 8601), to be cast with {@code ?::interval}. */
    static String interval(Duration duration) {
        return duration.toString();
    }

    /** Reads a column selected as {@code (extract(epoch from x) * 1000000)::bigint}. */
    static Duration micros(ResultSet rs, String column) throws SQLException {
        return Duration.ofNanos(Math.multiplyExact(rs.getLong(column), 1000L));
    }

    static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
