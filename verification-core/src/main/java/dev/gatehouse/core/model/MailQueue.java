package dev.gatehouse.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How verification emails leave: {@code senders} send at once, at most {@code capacity} more wait, and each
 * email has {@code deadline} from the member's request to the relay's answer. A full queue or a passed deadline
 * tells the member at once that the email failed, and withdraws its link.
 *
 * @param senders  threads sending at once (1 to {@value #MAX_SENDERS})
 * @param capacity requests that may wait for a sender (0 to {@value #MAX_CAPACITY}); 0 means none waits
 * @param deadline longest time from the request to the mailer's outcome (1 ms to 10 min)
 */
public record MailQueue(int senders, int capacity, Duration deadline) {
    /** Most senders accepted. */
    public static final int MAX_SENDERS = 64;
    /** Largest queue accepted. */
    public static final int MAX_CAPACITY = 10_000;
    /** Longest deadline accepted: past it, Discord can no longer tell the member (15 min). */
    public static final Duration MAX_DEADLINE = Duration.ofMinutes(10);
    /** Default senders. */
    public static final int DEFAULT_SENDERS = 4;
    /** Default queue capacity. */
    public static final int DEFAULT_CAPACITY = 100;
    /** Default deadline. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    public MailQueue {
        if (senders < 1 || senders > MAX_SENDERS) {
            throw new IllegalArgumentException("mail senders must be between 1 and " + MAX_SENDERS + ", got " + senders);
        }
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("mail queue capacity must be between 0 and " + MAX_CAPACITY + ", got " + capacity);
        }
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.toMillis() < 1 || deadline.compareTo(MAX_DEADLINE) > 0) {
            throw new IllegalArgumentException("mail deadline must be between 1 ms and " + MAX_DEADLINE.toMinutes()
                    + " min, got " + deadline);
        }
    }

    /**
     * {@value #DEFAULT_SENDERS} senders, {@value #DEFAULT_CAPACITY} waiting, 30 s deadline.
     *
     * @return the queue's settings
     */
    public static MailQueue standard() {
        return new MailQueue(DEFAULT_SENDERS, DEFAULT_CAPACITY, DEFAULT_DEADLINE);
    }
}
