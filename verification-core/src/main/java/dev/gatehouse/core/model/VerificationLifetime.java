package dev.gatehouse.core.model;

import dev.gatehouse.core.text.Durations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a verification holds before the member must verify again: forever, a fixed time after it was made, or
 * until the end of a date that comes round every year (such as the end of an academic year).
 *
 * <p>Every lifetime turns a link's time into the moment it lapses, never earlier for a later link; so "which links
 * have lapsed by {@code t}" is always "those made before {@link #lapseCutoff cutoff(t)}", one range of link times.
 */
public sealed interface VerificationLifetime {

    /** The shortest fixed lifetime. */
    Duration MIN_DURATION = Duration.ofMinutes(1);

    /**
     * When a verification made at {@code linkedAt} lapses.
     *
     * @param linkedAt when the link was made or last renewed
     * @param reminderBefore how long before the lapse the member is reminded
     * @param zone the tenant's zone, in which annual dates end
     * @return the moment it lapses, or empty if it holds forever
     */
    Optional<Instant> until(Instant linkedAt, Duration reminderBefore, ZoneId zone);

    /**
     * The link time before which verifications have lapsed by {@code now}.
     *
     * @param now the time to judge at
     * @param reminderBefore how long before the lapse the member is reminded
     * @param zone the tenant's zone
     * @return links made before this have lapsed; empty if verifications hold forever
     */
    Optional<Instant> lapseCutoff(Instant now, Duration reminderBefore, ZoneId zone);

    /**
     * The text the operator writes and the store keeps: {@code forever}, an ISO-8601 duration such as {@code P365D},
     * or a month and day such as {@code --06-30}.
     *
     * @return the text, readable by {@link #parse}
     */
    String text();

    /**
     * Reads what {@link #text} writes; also accepts {@code 06-30} for a date and durations such as {@code 30d},
     * {@code 12h} or {@code 1m}.
     *
     * @param text the lifetime as text
     * @return the lifetime
     * @throws IllegalArgumentException when the text is none of these
     */
    static VerificationLifetime parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.equalsIgnoreCase("forever")) {
            return new Forever();
        }
        if (t.matches("(--)?\\d{2}-\\d{2}")) {
            try {
                return new UntilAnnually(MonthDay.parse(t.startsWith("--") ? t : "--" + t));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("no such date '" + text + "': write the month and day as MM-DD, such as 06-30");
            }
        }
        return new Lasting(Durations.parse(t).orElseThrow(() -> new IllegalArgumentException("unknown verification lifetime '"
                + text + "': write forever, a duration such as 365d, 12h, 30m or P365D, or a yearly date such as 06-30")));
    }

    /** A verification holds until the link ends for another reason. */
    record Forever() implements VerificationLifetime {
        @Override
        public Optional<Instant> until(Instant linkedAt, Duration reminderBefore, ZoneId zone) {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> lapseCutoff(Instant now, Duration reminderBefore, ZoneId zone) {
            return Optional.empty();
        }

        @Override
        public String text() {
            return "forever";
        }
    }

    /**
     * A verification holds for a fixed time after it was made.
     *
     * @param duration how long, at least {@link #MIN_DURATION}
     */
    record Lasting(Duration duration) implements VerificationLifetime {
        public Lasting {
            Objects.requireNonNull(duration, "duration");
            if (duration.compareTo(MIN_DURATION) < 0) {
                throw new IllegalArgumentException("a verification lasts at least 1 minute, got " + duration);
            }
        }

        @Override
        public Optional<Instant> until(Instant linkedAt, Duration reminderBefore, ZoneId zone) {
            return Optional.of(linkedAt.plus(duration));
        }

        @Override
        public Optional<Instant> lapseCutoff(Instant now, Duration reminderBefore, ZoneId zone) {
            return Optional.of(now.minus(duration));
        }

        @Override
        public String text() {
            return duration.toString();
        }
    }

    /**
     * A verification holds until the end of the next occurrence of a date (in the tenant's zone), "every 30 June".
     * One made inside the reminder period before that date holds until the following year's, so a member who
     * verifies again when reminded gains a year, and one who joins the week before the date isn't cut off at once.
     *
     * @param date the month and day; 29 February ends on 28 February in other years
     */
    record UntilAnnually(MonthDay date) implements VerificationLifetime {
        public UntilAnnually {
            Objects.requireNonNull(date, "date");
        }

        @Override
        public Optional<Instant> until(Instant linkedAt, Duration reminderBefore, ZoneId zone) {
            int year = linkedAt.atZone(zone).getYear() - 1;
            Instant end = endOf(year, zone);
            while (!end.minus(reminderBefore).isAfter(linkedAt)) {
                end = endOf(++year, zone);
            }
            return Optional.of(end);
        }

        @Override
        public Optional<Instant> lapseCutoff(Instant now, Duration reminderBefore, ZoneId zone) {
            // the last end of the date at or before now; links whose end is that one or earlier have lapsed
            int year = now.atZone(zone).getYear() + 1;
            Instant end = endOf(year, zone);
            while (end.isAfter(now)) {
                end = endOf(--year, zone);
            }
            return Optional.of(end.minus(reminderBefore));
        }

        @Override
        public String text() {
            return date.toString();
        }

        /** The start of the day after the date in that year: the first moment it no longer holds. */
        private Instant endOf(int year, ZoneId zone) {
            try {
                LocalDate day = date.atYear(year);
                return day.plusDays(1).atStartOfDay(zone).toInstant();
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("the date " + date + " is out of range in " + year, e);
            }
        }
    }
}
