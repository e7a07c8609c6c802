package dev.gatehouse.persistence;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this instance's database change feed did: how often it reloaded its caches whole (at start, after a lost
 * connection, on a {@code NOTIFY gatehouse_links, '*'}), how many change notifications it applied, and how long the
 * latest probe notification took from {@code NOTIFY} on another connection to this instance's listener (measured
 * every 10 s). Thread-safe; for metrics.
 */
@Singleton
public final class ChangeFeedStatistics {
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong lagNanos = new AtomicLong(-1);

    /** Nothing counted yet. */
    public ChangeFeedStatistics() {
    }

    /** {@return how many times the caches were reloaded whole} */
    public long reloads() {
        return reloads.get();
    }

    /** {@return how many change notifications were applied} */
    public long notifications() {
        return notifications.get();
    }

    /** {@return the latest probe's time from NOTIFY to this listener; empty before the first probe came back} */
    public Optional<Duration> notificationLag() {
        long lag = lagNanos.get();
        return lag < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(lag));
    }

    void reloaded() {
        reloads.incrementAndGet();
    }

    void notified() {
        notifications.incrementAndGet();
    }

    void probeReturned(long nanos) {
        lagNanos.set(Math.max(0, nanos));
    }
}
