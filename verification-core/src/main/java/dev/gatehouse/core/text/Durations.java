package dev.gatehouse.core.text;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way Gatehouse words a duration, in every language it speaks (Discord replies, emails and pages):
 * under a minute in seconds, otherwise rounded up to whole minutes and said in days, hours and minutes, leaving
 * out parts that are zero ("1 hour 30 minutes", "1 Stunde 30 Minuten", "1 hora y 30 minutos"). Thread-safe.
 */
public final class Durations {
    static final String BUNDLE = "dev.gatehouse.core.text.durations";

    private static final Pattern WRITTEN = Pattern.compile("(\\d{1,9})\\s*([dhms])");

    private Durations() {
    }

    /**
     * Reads a duration as operators and admins write it: a whole number of days, hours, minutes or seconds
     * ({@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}) or ISO-8601 ({@code P365D}, {@code PT30S}).
     *
     * @param text the written duration
     * @return the duration, or empty when the text is neither form
     */
    public static Optional<Duration> parse(String text) {
        String written = text.strip().toLowerCase(Locale.ROOT);
        Matcher shorthand = WRITTEN.matcher(written);
        if (shorthand.matches()) {
            long n = Long.parseLong(shorthand.group(1));
            return Optional.of(switch (shorthand.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        try {
            return Optional.of(Duration.parse(written.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code duration} in words in {@code language} (English if unsupported); negative durations count as zero.
     *
     * @param duration the duration
     * @param language the member's language
     * @return the words, e.g. "10 minutes"
     */
    public static String describe(Duration duration, Locale language) {
        ResourceBundle texts = bundle(language);
        long seconds = Math.max(0, duration.toSeconds() + (duration.getNano() > 0 ? 1 : 0));
        if (seconds < 60) {
            return count(texts, "seconds", Math.max(1, seconds), language);
        }
        long minutesTotal = (seconds + 59) / 60;
        long days = minutesTotal / 1_440;
        long hours = minutesTotal % 1_440 / 60;
        long minutes = minutesTotal % 60;
        List<String> parts = new ArrayList<>();
        if (days > 0) {
            parts.add(count(texts, "days", days, language));
        }
        if (hours > 0) {
            parts.add(count(texts, "hours", hours, language));
        }
        if (minutes > 0) {
            parts.add(count(texts, "minutes", minutes, language));
        }
        String out = parts.get(parts.size() - 1);
        if (parts.size() > 1) {
            out = format(texts, "list.end", language, parts.get(parts.size() - 2), out);
            for (int i = parts.size() - 3; i >= 0; i--) {
                out = format(texts, "list.middle", language, parts.get(i), out);
            }
        }
        return out;
    }

    static ResourceBundle bundle(Locale language) {
        return ResourceBundle.getBundle(BUNDLE, Languages.orEnglish(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static String count(ResourceBundle texts, String unit, long n, Locale language) {
        return format(texts, unit, language, n, Long.toString(n));
    }

    private static String format(ResourceBundle texts, String key, Locale language, Object... arguments) {
        return new MessageFormat(texts.getString(key), language).format(arguments);
    }
}
