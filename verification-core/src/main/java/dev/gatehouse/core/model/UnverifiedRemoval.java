package dev.gatehouse.core.model;

import dev.gatehouse.core.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a server removes members who haven't verified within a time of joining, and after how long. Members
 * get a warning by direct message first: {@link #LONG_WARNING} before the removal, or halfway through when the time
 * is {@link #SHORT_PERIOD} or less. Members already in the server when it is turned on count from that moment.
 *
 * @param after how long a member may stay unverified, {@link #MIN} to {@link #MAX} in whole seconds; empty for never
 */
public record UnverifiedRemoval(Optional<Duration> after) {
    /** The shortest time a server may give members to verify. */
    public static final Duration MIN = Duration.ofMinutes(1);
    /** The longest time a server may give members to verify. */
    public static final Duration MAX = Duration.ofDays(365);
    /** How long before the removal members are warned, when the time is longer than {@link #SHORT_PERIOD}. */
    public static final Duration LONG_WARNING = Duration.ofHours(24);
    /** Times up to this long warn members halfway through instead. */
    public static final Duration SHORT_PERIOD = Duration.ofDays(2);


    public UnverifiedRemoval {
        Objects.requireNonNull(after, "after");
        after.ifPresent(a -> {
            if (a.compareTo(MIN) < 0 || a.compareTo(MAX) > 0) {
                throw new IllegalArgumentException("remove unverified members after 1 minute to 365 days, got " + a);
            }
            if (a.getNano() != 0) {
                throw new IllegalArgumentException("remove unverified members after whole seconds, got " + a);
            }
        });
    }

    /**
     * Nobody is removed for not verifying (the default).
     *
     * @return the setting
     */
    public static UnverifiedRemoval never() {
        return new UnverifiedRemoval(Optional.empty());
    }

    /**
     * Remove members still unverified this long after joining.
     *
     * @param time {@link #MIN} to {@link #MAX}, whole seconds
     * @return the setting
     */
    public static UnverifiedRemoval after(Duration time) {
        return new UnverifiedRemoval(Optional.of(time));
    }

    /**
     * Reads the way admins write it: {@code off}, or a number with {@code m}, {@code h} or {@code d}
     * ({@code 30m}, {@code 12h}, {@code 7d}).
     *
     * @param text what the admin wrote
     * @return the setting, or empty if the text is not one or is out of range
     */
    public static Optional<UnverifiedRemoval> parse(String text) {
        Objects.requireNonNull(text, "text");
        String written = text.strip().toLowerCase(Locale.ROOT);
        if (written.equals("off") || written.equals("never")) {
            return Optional.of(never());
        }
        return Durations.parse(written).filter(time -> time.compareTo(MIN) >= 0 && time.compareTo(MAX) <= 0)
                .map(UnverifiedRemoval::after);
    }

    /**
     * Whether anyone is ever removed.
     *
     * @return true unless the setting is {@link #never}
     */
    public boolean removes() {
        return after.isPresent();
    }

    /**
     * How long before the removal members are warned: {@link #LONG_WARNING}, or half the time if that is
     * {@link #SHORT_PERIOD} or less.
     *
     * @return the warning's lead
     * @throws IllegalStateException if nobody is removed
     */
    public Duration warningLead() {
        Duration time = time();
        return time.compareTo(SHORT_PERIOD) <= 0 ? time.dividedBy(2) : LONG_WARNING;
    }

    /**
     * When a member who joined at {@code joinedAt} is warned, unless they verify first.
     *
     * @param joinedAt when they joined (or when the setting was turned on, if they were there already)
     * @return when the warning is due
     * @throws IllegalStateException if nobody is removed
     */
    public Instant warningAt(Instant joinedAt) {
        return joinedAt.plus(time()).minus(warningLead());
    }

    /**
     * When a member is removed: their time is up, and a whole warning lead has passed since they were warned (a
     * warning sent late, e.g. after an outage, still gives them that long).
     *
     * @param joinedAt when they joined (or when the setting was turned on)
     * @param warnedAt when the warning was sent
     * @return when the removal is due
     * @throws IllegalStateException if nobody is removed
     */
    public Instant removalAt(Instant joinedAt, Instant warnedAt) {
        Instant timeUp = joinedAt.plus(time());
        Instant leadPassed = warnedAt.plus(warningLead());
        return timeUp.isAfter(leadPassed) ? timeUp : leadPassed;
    }

    private Duration time() {
        return after.orElseThrow(() -> new IllegalStateException("unverified members are not removed"));
    }
}
