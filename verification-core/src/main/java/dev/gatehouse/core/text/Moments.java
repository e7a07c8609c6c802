package dev.gatehouse.core.text;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The one way Gatehouse writes a point in time for people: in the tenant's time zone, with the zone named, in the
 * member's language ("2 December 2026, 14:05 CET", "2. Dezember 2026, 14:05 MEZ"). Thread-safe.
 */
public final class Moments {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private Moments() {
    }

    /**
     * A point in time for people.
     *
     * @param instant the time
     * @param zone the tenant's zone; UTC is named "UTC"
     * @param language the member's language (English if unsupported)
     * @return the date and time with the zone named
     */
    public static String describe(Instant instant, ZoneId zone, Locale language) {
        Locale supported = Languages.orEnglish(language);
        ResourceBundle texts = Durations.bundle(supported);
        ZoneId named = zone.equals(ZoneOffset.UTC) ? UTC : zone;
        return DateTimeFormatter.ofPattern(texts.getString("moment.pattern"), supported).withZone(named).format(instant);
    }
}
