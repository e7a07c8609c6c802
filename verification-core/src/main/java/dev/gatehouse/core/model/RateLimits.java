package dev.gatehouse.core.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's limits: {@code /verify} per Discord user, emails per directory user (per target mailbox),
 * requests per tenant, and how long a denial blocks the requester from asking for that directory user
 * again. (Failed link attempts per client address are limited service-wide: a bad token names no tenant.)
 *
 * @param perDiscordUser rules on {@code /verify} per Discord user
 * @param perDirectoryUser rules on emails per directory user
 * @param perTenant rules on requests per tenant
 * @param denialBlock how long a denial blocks the requester from asking for that user again
 */
public record RateLimits(
        List<RateRule> perDiscordUser,
        List<RateRule> perDirectoryUser,
        List<RateRule> perTenant,
        Duration denialBlock) {

    public RateLimits {
        perDiscordUser = List.copyOf(Objects.requireNonNull(perDiscordUser, "perDiscordUser"));
        perDirectoryUser = List.copyOf(Objects.requireNonNull(perDirectoryUser, "perDirectoryUser"));
        perTenant = List.copyOf(Objects.requireNonNull(perTenant, "perTenant"));
        Objects.requireNonNull(denialBlock, "denialBlock");
        if (denialBlock.isNegative() || denialBlock.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException("a denial blocks for 0 to 365 days, got " + denialBlock);
        }
    }

    /**
     * 3 per 15 min per Discord user; 3 per hour and 10 per day per directory user; 1,000 per hour per tenant.
     *
     * @return the default limits
     */
    public static RateLimits defaults() {
        return new RateLimits(
                List.of(RateRule.of(3, Duration.ofMinutes(15))),
                List.of(RateRule.of(3, Duration.ofHours(1)), RateRule.of(10, Duration.ofDays(1))),
                List.of(RateRule.of(1000, Duration.ofHours(1))),
                Duration.ofDays(1));
    }
}
