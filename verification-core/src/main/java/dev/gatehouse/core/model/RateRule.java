package dev.gatehouse.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code limit} events in any sliding {@code window}.
 *
 * @param limit how many events are allowed, at least 1
 * @param window the sliding window, positive
 */
public record RateRule(int limit, Duration window) {
    public RateRule {
        Objects.requireNonNull(window, "window");
        if (limit < 1) {
            throw new IllegalArgumentException("a rate limit allows at least 1 event, got " + limit);
        }
        if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(31)) > 0) {
            throw new IllegalArgumentException("a rate window is between 1 ms and 31 days, got " + window);
        }
    }

    /**
     * A rule allowing {@code limit} events per {@code window}.
     *
     * @param limit how many events are allowed
     * @param window the sliding window they are counted in
     * @return the rule
     */
    public static RateRule of(int limit, Duration window) {
        return new RateRule(limit, window);
    }
}
