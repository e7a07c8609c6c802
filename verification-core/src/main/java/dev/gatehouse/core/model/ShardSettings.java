package dev.gatehouse.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How the fleet shares Discord shards: how many, how often each instance heartbeats, after how long a silent
 * instance's leases expire (its shards are taken over), Discord's {@code max_concurrency} and daily identify budget.
 *
 * @param shardCount how many shards the bot connects, at least 1
 * @param heartbeat how often each instance renews its leases, more than zero
 * @param leaseExpiry how long a lease holds without renewal, at least two heartbeats
 * @param maxConcurrency Discord's {@code max_concurrency}: how many shards may identify at once, at least 1
 * @param identifySpacing the pause between two identifies of the same concurrency bucket
 * @param dailyIdentifies how many identifies Discord allows a day, at least 1
 */
public record ShardSettings(int shardCount, Duration heartbeat, Duration leaseExpiry, int maxConcurrency,
        Duration identifySpacing, int dailyIdentifies) {
    public ShardSettings {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, got " + shardCount);
        }
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(leaseExpiry, "leaseExpiry");
        Objects.requireNonNull(identifySpacing, "identifySpacing");
        if (heartbeat.isNegative() || heartbeat.isZero() || leaseExpiry.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the lease expiry must be at least two heartbeats, got heartbeat "
                    + heartbeat + " and expiry " + leaseExpiry);
        }
        if (maxConcurrency < 1 || dailyIdentifies < 1) {
            throw new IllegalArgumentException("max concurrency and daily identifies must be at least 1");
        }
    }

    /**
     * Discord's defaults: heartbeat 5 s, expiry 20 s (takeover within 30 s), one identify per 5 s, 1,000 a day.
     *
     * @param shardCount how many shards the bot connects, at least 1
     * @return the settings
     */
    public static ShardSettings defaults(int shardCount) {
        return new ShardSettings(shardCount, Duration.ofSeconds(5), Duration.ofSeconds(20), 1, Duration.ofSeconds(5), 1000);
    }
}
