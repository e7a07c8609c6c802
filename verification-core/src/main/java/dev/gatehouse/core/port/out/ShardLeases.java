package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.FleetMember;
import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.RelayedNotice;
import dev.gatehouse.core.model.ShardLease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The fleet's shared record of who owns which Discord shard, who is alive, when the last IDENTIFY of each
 * concurrency bucket went out, which slash command set is registered, and the log channel notices waiting for the
 * owner of their guild's shard (claimed, posted, then removed: at least once). Every operation is atomic across threads
 * and instances (the database every instance shares is the only coordinator). Thread-safe; unavailable storage
 * throws {@link StoreUnavailableException}.
 */
public interface ShardLeases {

    /**
     * The instance is alive at {@code now}: records its heartbeat (joining the fleet the first time) and renews
     * every lease it holds.
     *
     * @param instance the instance
     * @param now the time of the heartbeat
     * @return the shards it holds after that; empty for none
     */
    Set<Integer> heartbeat(InstanceId instance, Instant now);

    /**
     * Keeps a notice until the owner of its guild's shard takes it.
     *
     * @param notice the notice, with its guild and channel
     */
    void relayNotice(RelayedNotice notice);

    /**
     * Claims waiting notices of one shard until {@code now + claimFor}, oldest first: notices nobody claimed, or whose
     * claim ran out without {@link #noticePosted} (the claimant died or could not post). Concurrent callers never both
     * get a notice while its claim holds; a notice stays in the store until it is reported posted.
     *
     * @param shard the shard
     * @param shardCount the number of shards the guilds are spread over
     * @param max at most this many
     * @param now the time of the claim
     * @param claimFor how long the claim holds, more than zero
     * @return the notices claimed; empty if none is claimable
     */
    List<RelayedNotice> claimNotices(int shard, int shardCount, int max, Instant now, Duration claimFor);

    /**
     * The claimed notice was posted: it is removed, never to be claimed again. Idempotent.
     *
     * @param notice the id of the notice
     */
    void noticePosted(UUID notice);

    /**
     * How many notices wait, by shard.
     *
     * @param shardCount the number of shards the guilds are spread over
     * @return the waiting count per shard; shards with none are left out
     */
    Map<Integer, Long> waitingNotices(int shardCount);

    /**
     * Instances with a heartbeat newer than {@code now - expiry}, ordered by id.
     *
     * @param now the time to judge at
     * @param expiry how long an instance counts as alive after its last heartbeat
     * @return the live instances; empty for none
     */
    List<FleetMember> fleet(Instant now, Duration expiry);

    /** {@return every recorded lease, expired ones included, ordered by shard} */
    List<ShardLease> leases();

    /**
     * Takes the lease of {@code shard} for {@code instance} if nobody holds it or its holder's lease expired; a lease
     * the instance already holds is renewed. Of concurrent callers at most one acquires.
     *
     * @param shard the shard number, from 0
     * @param instance the instance asking
     * @param now the time of the request, recorded as the lease's renewal
     * @param expiry how long a lease holds without renewal
     * @return acquired with the new lease, or the live lease another instance holds
     */
    Acquisition acquire(int shard, InstanceId instance, Instant now, Duration expiry);

    /**
     * Gives up the lease of {@code shard} if {@code instance} holds it; does nothing otherwise.
     *
     * @param shard the shard number, from 0
     * @param instance the instance giving it up
     */
    void release(int shard, InstanceId instance);

    /**
     * The instance leaves the fleet: its leases are released and its heartbeat forgotten.
     *
     * @param instance the instance leaving
     */
    void leave(InstanceId instance);

    /**
     * Reserves the right to IDENTIFY in concurrency bucket {@code bucket} at {@code now} if the bucket's last
     * identify was at least {@code spacing} ago and fewer than {@code dailyLimit} identifies went out in the
     * last 24 hours (all buckets); otherwise reserves nothing and says when to try again.
     *
     * @param bucket the concurrency bucket, from 0 to Discord's {@code max_concurrency - 1}
     * @param now the time of the identify
     * @param spacing the least time between two identifies of one bucket
     * @param dailyLimit how many identifies may go out in 24 hours, fleet-wide
     * @return granted (the identify is recorded at {@code now}), or when to try again
     */
    IdentifySlot reserveIdentify(int bucket, Instant now, Duration spacing, int dailyLimit);

    /**
     * Claims the registration of the command set with this hash: the first caller for a hash gets
     * {@link RegistrationClaim.Claimed}, every later one {@link RegistrationClaim.AlreadyClaimed}.
     *
     * @param commandSetHash a hash of the slash command set
     * @param instance the instance asking, recorded as the claimant
     * @param now the time of the claim
     * @return claimed for the first caller, else who claimed it first and when
     */
    RegistrationClaim claimCommandRegistration(String commandSetHash, InstanceId instance, Instant now);

    /** What {@link #acquire} did. */
    sealed interface Acquisition {
        /**
         * The instance holds the lease now.
         *
         * @param lease the lease, renewed at the call's {@code now}
         */
        record Acquired(ShardLease lease) implements Acquisition {
            public Acquired {
                Objects.requireNonNull(lease, "lease");
            }
        }

        /**
         * Another live instance holds it.
         *
         * @param lease the other instance's lease
         */
        record HeldByAnother(ShardLease lease) implements Acquisition {
            public HeldByAnother {
                Objects.requireNonNull(lease, "lease");
            }
        }
    }

    /** What {@link #reserveIdentify} did. */
    sealed interface IdentifySlot {
        /** The caller may identify now. */
        record Granted() implements IdentifySlot {
        }

        /**
         * Too soon for the bucket or the day's budget is spent: retry at {@code retryAt}.
         *
         * @param retryAt the earliest time an identify may be granted
         * @param dailyBudgetSpent whether the 24-hour budget, not the bucket's spacing, is what holds it back
         */
        record NotBefore(Instant retryAt, boolean dailyBudgetSpent) implements IdentifySlot {
            public NotBefore {
                Objects.requireNonNull(retryAt, "retryAt");
            }
        }
    }

    /** What {@link #claimCommandRegistration} did. */
    sealed interface RegistrationClaim {
        /** This caller registers the commands. */
        record Claimed() implements RegistrationClaim {
        }

        /**
         * Someone claimed this command set before.
         *
         * @param by the instance that claimed it
         * @param at when it claimed it
         */
        record AlreadyClaimed(InstanceId by, Instant at) implements RegistrationClaim {
            public AlreadyClaimed {
                Objects.requireNonNull(by, "by");
                Objects.requireNonNull(at, "at");
            }
        }
    }
}
