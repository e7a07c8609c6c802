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
    /**
     * Adds updates to the outbox, due at once; called in the transaction that causes them.
     *
     * @param updates the updates
     */
    void enqueue(List<MemberUpdate> updates);

    /**
     * Claims up to {@code max} due updates of the given shard's guilds, oldest first, leasing each until
     * {@code now + lease}; an update whose lease ran out (its claimer died) is due again.
     *
     * @param shard whose guilds' updates to claim
     * @param max at most this many are claimed
     * @param now the current time
     * @param lease how long the claimer has to complete or retry them
     * @return the claimed updates, oldest first
     */
    List<ClaimedUpdate> claim(Shard shard, int max, Instant now, Duration lease);

    /**
     * The update was applied, or can never be: it leaves the outbox.
     *
     * @param id the update
     */
    void complete(UpdateId id);

    /**
     * The update failed for now: due again at {@code notBefore}, with the attempt counted.
     *
     * @param id the update
     * @param notBefore when it is due again
     * @param lastError why it failed, kept for operators
     */
    void retryAt(UpdateId id, Instant notBefore, String lastError);

    /**
     * How many updates wait and how old the oldest is.
     *
     * @param now the current time, to age the oldest update
     * @return the outbox's size and age
     */
    OutboxDepth depth(Instant now);

    /**
     * How many updates wait, by shard.
     *
     * @param shardCount the number of shards the guilds are spread over
     * @return the waiting count per shard; shards with none are left out
     */
    Map<Integer, Long> pendingByShard(int shardCount);

    /**
     * An update with its delivery attempts so far.
     *
     * @param update the update to apply
     * @param attempts how many times it was tried before this claim
     */
    record ClaimedUpdate(MemberUpdate update, int attempts) {
        public ClaimedUpdate {
            Objects.requireNonNull(update, "update");
        }
    }

    /**
     * Discord's shard split: a guild belongs to shard {@code (guildId >> 22) % count}.
     *
     * @param index this instance's shard, from 0
     * @param count how many shards there are, at least 1
     */
    record Shard(int index, int count) {
        /** One shard that owns every guild: a single instance. */
        public static final Shard ALL = new Shard(0, 1);

        public Shard {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("shard index must be in [0, count), got " + index + " of " + count);
            }
        }

        /**
         * Whether a guild belongs to this shard.
         *
         * @param guildId the guild's Discord snowflake
         * @return true if this shard handles the guild
         */
        public boolean owns(long guildId) {
            return ((guildId >> 22) % count) == index;
        }
    }

    /**
     * Outbox size and the age of its oldest update.
     *
     * @param pending how many updates wait
     * @param oldestAge how long the oldest has waited, empty if none waits
     */
    record OutboxDepth(long pending, Optional<Duration> oldestAge) {
        public OutboxDepth {
            Objects.requireNonNull(oldestAge, "oldestAge");
        }
    }
}
