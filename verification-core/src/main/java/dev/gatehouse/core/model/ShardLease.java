package dev.gatehouse.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Who may connect a Discord shard: its owner, last confirmed alive at {@code renewedAt}.
 *
 * @param shard the shard number, from 0
 * @param owner the instance holding the lease
 * @param renewedAt when the owner last renewed it
 */
public record ShardLease(int shard, InstanceId owner, Instant renewedAt) {
    public ShardLease {
        if (shard < 0) {
            throw new IllegalArgumentException("shard must not be negative, got " + shard);
        }
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(renewedAt, "renewedAt");
    }

    /**
     * A lease not renewed for {@code expiry} is void: its owner is presumed dead and the shard is free.
     *
     * @param now the time to judge at
     * @param expiry how long a lease holds without renewal
     * @return whether the lease was void at {@code now}
     */
    public boolean expiredAt(Instant now, Duration expiry) {
        return !renewedAt.plus(expiry).isAfter(now);
    }
}
