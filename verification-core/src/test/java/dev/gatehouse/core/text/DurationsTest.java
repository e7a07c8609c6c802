package dev.gatehouse.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationsTest {
    private static final Locale DE = Locale.GERMAN;

    @Test
    void englishDurationsAreSecondsUnderAMinuteElseWholeMinutesRoundedUp() {
        assertEquals("45 seconds", Durations.describe(Duration.ofSeconds(45), Locale.ENGLISH));
        assertEquals("1 second", Durations.describe(Duration.ZERO, Locale.ENGLISH));
        assertEquals("1 minute", Durations.describe(Duration.ofSeconds(60), Locale.ENGLISH));
        assertEquals("2 minutes", Durations.describe(Duration.ofSeconds(61), Locale.ENGLISH));
        assertEquals("15 minutes", Durations.describe(Duration.ofMinutes(15), Locale.ENGLISH));
        assertEquals("1 hour 30 minutes", Durations.describe(Duration.ofMinutes(90), Locale.ENGLISH));
        assertEquals("2 hours", Durations.describe(Duration.ofMinutes(120), Locale.ENGLISH));
        assertEquals("1 day", Durations.describe(Duration.ofDays(1), Locale.ENGLISH));
        assertEquals("1 day 2 hours 5 minutes", Durations.describe(Duration.ofMinutes(1_440 + 125), Locale.ENGLISH));
    }

    @Test
    void otherLanguagesUseTheirOwnPluralsAndConjunctions() {
        assertEquals("1 Stunde und 30 Minuten", Durations.describe(Duration.ofMinutes(90), DE));
        assertEquals("1 Tag, 2 Stunden und 5 Minuten", Durations.describe(Duration.ofMinutes(1_440 + 125), DE));
        assertEquals("1 heure et 30 minutes", Durations.describe(Duration.ofMinutes(90), Locale.FRENCH));
        assertEquals("1 minute", Durations.describe(Duration.ofMinutes(1), Locale.FRENCH));
        assertEquals("1 hora y 30 minutos", Durations.describe(Duration.ofMinutes(90), Locale.forLanguageTag("es")));
        assertEquals("10 minutos", Durations.describe(Duration.ofMinutes(10), Languages.BRAZILIAN_PORTUGUESE));
    }

    @Test
    void anUnsupportedLanguageIsEnglish() {
        assertEquals("10 minutes", Durations.describe(Duration.ofMinutes(10), Locale.JAPANESE));
        assertEquals(Locale.ENGLISH, Languages.orEnglish(Locale.forLanguageTag("xx-YY")));
        assertEquals(Languages.BRAZILIAN_PORTUGUESE, Languages.orEnglish(Locale.forLanguageTag("pt-PT")));
        assertEquals(Locale.GERMAN, Languages.orEnglish(Locale.forLanguageTag("de-AT")));
    }

    @Test
    void momentsNameTheirZoneInTheMembersLanguage() {
        Instant t = Instant.parse("2026-03-02T09:15:30Z");
        assertEquals("2 March 2026, 09:15 UTC", Moments.describe(t, ZoneOffset.UTC, Locale.ENGLISH));
        assertEquals("2. März 2026, 10:15 Uhr MEZ", Moments.describe(t, ZoneId.of("Europe/Berlin"), DE));
    }

    @Test
    void durationsAreReadAsOperatorsWriteThemAndAnythingElseIsNone() {
        assertEquals(Optional.of(Duration.ofDays(7)), Durations.parse("7d"));
        assertEquals(Optional.of(Duration.ofHours(12)), Durations.parse(" 12 H "));
        assertEquals(Optional.of(Duration.ofMinutes(30)), Durations.parse("30m"));
        assertEquals(Optional.of(Duration.ofSeconds(45)), Durations.parse("45s"));
        assertEquals(Optional.of(Duration.ofDays(365)), Durations.parse("P365D"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), Durations.parse("pt30s"));
        assertEquals(Optional.empty(), Durations.parse("a week"));
        assertEquals(Optional.empty(), Durations.parse("7w"));
        assertEquals(Optional.empty(), Durations.parse(""));
    }
}
