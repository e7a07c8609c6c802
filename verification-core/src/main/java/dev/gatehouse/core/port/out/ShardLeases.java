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

/**
 * The fleet's shared record of who owns which Discord shard, who is alive, when the last IDENTIFY of each
 * concurrency bucket went out, which slash command set is registered, and the log channel notices waiting for the
 * owner of their guild's shard. Every operation is atomic across threads
 * and instances (the database every instance shares is the only coordinator). Thread-safe; unavailable storage
 * throws {@link StoreUnavailableException}.
 */
public interface ShardLeases {

    /**
     * The instance is alive at {@code now}: records its heartbeat (joining the fleet the first time) and renews
     * every lease it holds. Returns the shards it holds after that.
     */
    Set<Integer> heartbeat(InstanceId instance, Instant now);

    /** Keeps {@code notice} until the owner of its guild's shard takes it. */
    void relayNotice(RelayedNotice notice);

    /**
     * Removes and returns up to {@code max} waiting notices of shard {@code shard} of {@code shardCount}, oldest
     * first. A notice is taken once: concurrent callers never both get it.
     */
    List<RelayedNotice> takeNotices(int shard, int shardCount, int max);

    /** How many notices wait, by shard of {@code shardCount} (shards with none are left out). */
    Map<Integer, Long> waitingNotices(int shardCount);

    /** Instances with a heartbeat newer than {@code now - expiry}, ordered by id. */
    List<FleetMember> fleet(Instant now, Duration expiry);

    /** Every recorded lease, expired ones included, ordered by shard. */
    List<ShardLease> leases();

    /**
     * Takes the lease of {@code shard} for {@code instance} if nobody holds it or its holder's lease expired; a lease
     * the instance already holds is renewed. Of concurrent callers at most one acquires.
     */
    Acquisition acquire(int shard, InstanceId instance, Instant now, Duration expiry);

    /** Gives up the lease of {@code shard} if {@code instance} holds it; does nothing otherwise. */
    void release(int shard, InstanceId instance);

    /** The instance leaves the fleet: its leases are released and its heartbeat forgotten. */
    void leave(InstanceId instance);

    /**
     * Reserves the right to IDENTIFY in concurrency bucket {@code bucket} at {@code now} if the bucket's last
     * identify was at least {@code spacing} ago and fewer than {@code dailyLimit} identifies went out in the
     * last 24 hours (all buckets); otherwise reserves nothing and says when to try again.
     */
    IdentifySlot reserveIdentify(int bucket, Instant now, Duration spacing, int dailyLimit);

    /**
     * Claims the registration of the command set with this hash: the first caller for a hash gets
     * {@link RegistrationClaim.Claimed}, every later one {@link RegistrationClaim.AlreadyClaimed}.
     */
    RegistrationClaim claimCommandRegistration(String commandSetHash, InstanceId instance, Instant now);

    /** What {@link #acquire} did. */
    sealed interface Acquisition {
        /** The instance holds the lease now. */
        record Acquired(ShardLease lease) implements Acquisition {
            public Acquired {
                Objects.requireNonNull(lease, "lease");
            }
        }

        /** Another live instance holds it. */
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

        /** Too soon for the bucket or the day's budget is spent: retry at {@code retryAt}. */
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

        /** Someone claimed this command set before. */
        record AlreadyClaimed(InstanceId by, Instant at) implements RegistrationClaim {
            public AlreadyClaimed {
                Objects.requireNonNull(by, "by");
                Objects.requireNonNull(at, "at");
            }
        }
    }
}
