package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.UpdateId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox of member updates: written in the same transaction as the link that causes them, then
 * claimed, applied to the chat platform and completed, or retried later. Several instances may drain it;
 * a claim leases the rows so no two instances apply the same update at once. Thread-safe.
 */
public interface MemberUpdates {
    void enqueue(List<MemberUpdate> updates);

    /**
     * Claims up to {@code max} due updates of the given shard's guilds, oldest first, leasing each until
     * {@code now + lease}; an update whose lease ran out (its claimer died) is due again.
     */
    List<ClaimedUpdate> claim(Shard shard, int max, Instant now, Duration lease);

    /** The update was applied, or can never be: it leaves the outbox. */
    void complete(UpdateId id);

    /** The update failed for now: due again at {@code notBefore}, with the attempt counted. */
    void retryAt(UpdateId id, Instant notBefore, String lastError);

    /** How many updates wait and how old the oldest is. */
    OutboxDepth depth(Instant now);

    /** How many updates wait, by shard of {@code shardCount} (shards with none are left out). */
    Map<Integer, Long> pendingByShard(int shardCount);

    /** An update with its delivery attempts so far. */
    record ClaimedUpdate(MemberUpdate update, int attempts) {
        public ClaimedUpdate {
            Objects.requireNonNull(update, "update");
        }
    }

    /** Discord's shard split: a guild belongs to shard {@code (guildId >> 22) % count}. */
    record Shard(int index, int count) {
        public static final Shard ALL = new Shard(0, 1);

        public Shard {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("shard index must be in [0, count), got " + index + " of " + count);
            }
        }

        public boolean owns(long guildId) {
            return ((guildId >> 22) % count) == index;
        }
    }

    /** Outbox size and the age of its oldest update. */
    record OutboxDepth(long pending, Optional<Duration> oldestAge) {
        public OutboxDepth {
            Objects.requireNonNull(oldestAge, "oldestAge");
        }
    }
}
