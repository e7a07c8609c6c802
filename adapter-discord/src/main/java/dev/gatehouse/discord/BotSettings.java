package dev.gatehouse.discord;

import java.time.Duration;
import java.util.Objects;

/**
 * How the bot runs: its token, how often it drains the member-update outbox and how many updates per pass,
 * how long it waits for Discord, how long a login may take before it warns, the longest wait between connection
 * attempts, and how many members a {@code /gatehouse members} page lists. The token never appears in
 * {@link #toString()}.
 */
public record BotSettings(String token, Duration deliveryInterval, int deliveryBatch, Duration discordTimeout,
                          Duration loginTimeout, Duration maxReconnectDelay, int membersPageSize) {

    public BotSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(deliveryInterval, "deliveryInterval");
        Objects.requireNonNull(discordTimeout, "discordTimeout");
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        Objects.requireNonNull(maxReconnectDelay, "maxReconnectDelay");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the bot token is empty");
        }
        if (deliveryInterval.isNegative() || deliveryInterval.isZero()) {
            throw new IllegalArgumentException("the delivery interval must be positive");
        }
        if (deliveryBatch < 1 || deliveryBatch > 500) {
            throw new IllegalArgumentException("a delivery pass takes 1 to 500 updates, got " + deliveryBatch);
        }
        if (discordTimeout.isNegative() || discordTimeout.isZero() || loginTimeout.isNegative() || loginTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxReconnectDelay.compareTo(Duration.ofSeconds(1)) < 0 || maxReconnectDelay.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("the longest reconnect delay must be 1 s to 1 h, got " + maxReconnectDelay);
        }
        if (membersPageSize < 1 || membersPageSize > 25) {
            throw new IllegalArgumentException("a members page lists 1 to 25 members, got " + membersPageSize);
        }
    }

    /**
     * Defaults: drain every 5 s, 20 updates per pass, 30 s per Discord call, a warning after 2 min without a login,
     * at most 30 s between connection attempts, 10 members a page.
     */
    public static BotSettings of(String token) {
        return new BotSettings(token, Duration.ofSeconds(5), 20, Duration.ofSeconds(30), Duration.ofMinutes(2),
                Duration.ofSeconds(30), 10);
    }

    public BotSettings withDeliveryInterval(Duration interval) {
        return new BotSettings(token, interval, deliveryBatch, discordTimeout, loginTimeout, maxReconnectDelay, membersPageSize);
    }

    public BotSettings withDiscordTimeout(Duration timeout) {
        return new BotSettings(token, deliveryInterval, deliveryBatch, timeout, loginTimeout, maxReconnectDelay, membersPageSize);
    }

    public BotSettings withLoginTimeout(Duration timeout) {
        return new BotSettings(token, deliveryInterval, deliveryBatch, discordTimeout, timeout, maxReconnectDelay, membersPageSize);
    }

    public BotSettings withMaxReconnectDelay(Duration delay) {
        return new BotSettings(token, deliveryInterval, deliveryBatch, discordTimeout, loginTimeout, delay, membersPageSize);
    }

    public BotSettings withMembersPageSize(int size) {
        return new BotSettings(token, deliveryInterval, deliveryBatch, discordTimeout, loginTimeout, maxReconnectDelay, size);
    }

    @Override
    public String toString() {
        return "BotSettings[token=[redacted], deliveryInterval=" + deliveryInterval + ", deliveryBatch=" + deliveryBatch
                + ", discordTimeout=" + discordTimeout + ", loginTimeout=" + loginTimeout + ", maxReconnectDelay="
                + maxReconnectDelay + ", membersPageSize=" + membersPageSize + "]";
    }
}
