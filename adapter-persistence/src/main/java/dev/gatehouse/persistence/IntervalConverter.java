package dev.gatehouse.persistence;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.postgresql.util.PGInterval;

/**
 * A {@link Duration} in a PostgreSQL {@code interval} column. A month counts as 30 days and a year as 365.25 days,
 * as {@code extract(epoch from …)} does; durations written by the adapter only ever use hours, minutes and seconds.
 */
@Singleton
final class IntervalConverter implements AttributeConverter<Duration, Object> {
    private static final long DAY = 86_400L;

    @Override
    public Object convertToPersistedValue(Duration duration, ConversionContext context) {
        if (duration == null) {
            return null;
        }
        long seconds = duration.getSeconds();
        double fraction = duration.getNano() / 1e9;
        return new PGInterval(0, 0, 0, (int) (seconds / 3600), (int) (seconds % 3600 / 60), seconds % 60 + fraction);
    }

    @Override
    public Duration convertToEntityValue(Object persisted, ConversionContext context) {
        if (persisted == null) {
            return null;
        }
        PGInterval interval = persisted instanceof PGInterval pg ? pg : parse(persisted.toString());
        long days = interval.getYears() * 36525L * DAY / 100 + interval.getMonths() * 30L * DAY + interval.getDays() * DAY;
        return Duration.ofSeconds(days + interval.getHours() * 3600L + interval.getMinutes() * 60L + interval.getWholeSeconds(),
                interval.getMicroSeconds() * 1000L);
    }

    private static PGInterval parse(String text) {
        try {
            return new PGInterval(text);
        } catch (java.sql.SQLException e) {
            throw new IllegalArgumentException("not an interval: " + text, e);
        }
    }
}
