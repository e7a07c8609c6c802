package dev.gatehouse.core.service;

import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.port.in.DeliverMemberUpdates;
import dev.gatehouse.core.port.out.MemberAccess;
import dev.gatehouse.core.port.out.MemberAccess.AccessOutcome;
import dev.gatehouse.core.port.out.MemberUpdates;
import dev.gatehouse.core.port.out.MemberUpdates.ClaimedUpdate;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Applies queued member updates through {@link MemberAccess}. A failure is retried with exponential
 * backoff (5 s doubling, at most 10 min); a platform rate limit is retried no sooner than it asked. Claims are
 * leased briefly, so an update a crashed process had claimed is due again seconds later; a pass stops applying its
 * batch once half the lease has gone, leaving the rest to come due again rather than outliving its claim.
 */
public final class MemberUpdateRelay implements DeliverMemberUpdates {
    private static final System.Logger LOG = System.getLogger(MemberUpdateRelay.class.getName());
    /** How long a claim holds an update before another process may take it (every change is idempotent). */
    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(10);

    private final MemberUpdates outbox;
    private final MemberAccess access;
    private final Shard shard;
    private final Clock clock;

    public MemberUpdateRelay(MemberUpdates outbox, MemberAccess access, Shard shard, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.access = Objects.requireNonNull(access, "access");
        this.shard = Objects.requireNonNull(shard, "shard");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public DeliveryReport deliverDue(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("deliver at least one update per pass");
        }
        Instant claimedAt = clock.instant();
        Instant stopApplying = claimedAt.plus(LEASE.dividedBy(2));
        List<ClaimedUpdate> claimed = outbox.claim(shard, max, claimedAt, LEASE);
        int applied = 0;
        int retried = 0;
        int dropped = 0;
        for (ClaimedUpdate claim : claimed) {
            if (clock.instant().isAfter(stopApplying)) {
                break;
            }
            MemberUpdate update = claim.update();
            AccessOutcome outcome = apply(update);
            Instant now = clock.instant();
            if (outcome instanceof AccessOutcome.Applied) {
                outbox.complete(update.id());
                applied++;
            } else if (outcome instanceof AccessOutcome.Impossible impossible) {
                LOG.log(System.Logger.Level.INFO, "dropping " + describe(update) + ": " + impossible.reason());
                outbox.complete(update.id());
                dropped++;
            } else if (outcome instanceof AccessOutcome.RateLimited limited) {
                Duration wait = limited.retryAfter().isNegative() ? Duration.ZERO : limited.retryAfter();
                outbox.retryAt(update.id(), now.plus(wait), "rate limited for " + wait.toMillis() + " ms");
                retried++;
            } else {
                String reason = ((AccessOutcome.Failed) outcome).reason();
                Duration wait = retryDelay(claim.attempts());
                LOG.log(System.Logger.Level.WARNING, describe(update) + " failed (" + reason + "); retrying in " + wait);
                outbox.retryAt(update.id(), now.plus(wait), reason);
                retried++;
            }
        }
        return new DeliveryReport(applied, retried, dropped);
    }

    private AccessOutcome apply(MemberUpdate update) {
        try {
            return Objects.requireNonNull(access.apply(update), "member access returned no outcome");
        } catch (RuntimeException e) {
            return new AccessOutcome.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static Duration retryDelay(int previousAttempts) {
        int doublings = Math.min(previousAttempts, 20);
        Duration delay = FIRST_RETRY.multipliedBy(1L << doublings);
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }

    private static String describe(MemberUpdate update) {
        return update.change().getClass().getSimpleName() + " for member " + update.member() + " in server " + update.guild();
    }
}
