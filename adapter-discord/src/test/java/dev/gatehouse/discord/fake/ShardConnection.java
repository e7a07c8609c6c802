package dev.gatehouse.discord.fake;

import java.time.Instant;
import java.util.Optional;

/**
 * One gateway session as the fake saw it: which shard of how many the client identified as, when, and when the
 * connection closed (empty while it is open).
 */
public record ShardConnection(int connection, int shard, int shardCount, Instant identifiedAt,
        Optional<Instant> closedAt) {

    public ShardConnection {
        if (shard < 0 || shardCount < 1 || shard >= shardCount) {
            throw new IllegalArgumentException("shard " + shard + " of " + shardCount);
        }
        if (identifiedAt == null || closedAt == null) {
            throw new IllegalArgumentException("identifiedAt and closedAt are required");
        }
    }

    /** Whether the connection is still open. */
    public boolean open() {
        return closedAt.isEmpty();
    }

    /** Whether both sessions served the same shard at some common instant. */
    public boolean overlaps(ShardConnection other) {
        if (shard != other.shard || shardCount != other.shardCount) {
            return false;
        }
        Instant myEnd = closedAt.orElse(Instant.MAX);
        Instant otherEnd = other.closedAt.orElse(Instant.MAX);
        return identifiedAt.isBefore(otherEnd) && other.identifiedAt.isBefore(myEnd);
    }
}
