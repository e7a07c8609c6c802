package dev.gatehouse.persistence;

import dev.gatehouse.core.text.Languages;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/** Helpers for the plain JDBC statements of the importer. */
final class Sql {
    private Sql() {
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Sets the parameters of a statement in order. */
    static PreparedStatement bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    /** The column's tag for a language, null if unknown. */
    static String languageTag(Optional<Locale> language) {
        return language.map(Locale::toLanguageTag).orElse(null);
    }

    /** The language of a column's tag (the columns' CHECKs admit only tags; only supported languages are written). */
    static Optional<Locale> language(String tag) {
        return Optional.ofNullable(tag).flatMap(Languages::ofTag);
    }
}
