package dev.gatehouse.core.service;

import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.port.in.DeliverMemberUpdates;
import dev.gatehouse.core.port.out.AsyncMemberAccess;
import dev.gatehouse.core.port.out.MemberAccess;
import dev.gatehouse.core.port.out.MemberAccess.AccessOutcome;
import dev.gatehouse.core.port.out.MemberUpdates;
import dev.gatehouse.core.port.out.MemberUpdates.ClaimedUpdate;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Applies queued member updates through {@link MemberAccess} or {@link AsyncMemberAccess}. A failure is retried with
 * exponential backoff (5 s doubling, at most 10 min); a platform rate limit is retried no sooner than it asked. Claims
 * are leased briefly, so an update a crashed process had claimed is due again seconds later; a pass stops starting
 * updates once half the lease has gone, and waits for started asynchronous ones no longer than that, leaving the rest
 * to come due again rather than outliving its claim.
 */
public final class MemberUpdateRelay implements DeliverMemberUpdates {
    private static final System.Logger LOG = System.getLogger(MemberUpdateRelay.class.getName());
    /** How long a claim holds an update before another process may take it (every change is idempotent). */
    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(10);

    private final MemberUpdates outbox;
    private final AsyncMemberAccess access;
    private final Shard shard;
    private final Clock clock;

    public MemberUpdateRelay(MemberUpdates outbox, MemberAccess access, Shard shard, Clock clock) {
        this(outbox, AsyncMemberAccess.completing(access), shard, clock);
    }

    public MemberUpdateRelay(MemberUpdates outbox, AsyncMemberAccess access, Shard shard, Clock clock) {
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
        Tally tally = new Tally();
        List<ClaimedUpdate> waiting = new ArrayList<>();
        List<CompletableFuture<AccessOutcome>> pending = new ArrayList<>();
        for (ClaimedUpdate claim : claimed) {
            if (clock.instant().isAfter(stopApplying)) {
                break;
            }
            CompletableFuture<AccessOutcome> outcome = start(claim.update());
            if (outcome.isDone()) {
                record(claim, outcome, tally);
            } else {
                waiting.add(claim);
                pending.add(outcome);
            }
        }
        if (!pending.isEmpty()) {
            awaitUntil(stopApplying, pending);
            for (int i = 0; i < waiting.size(); i++) {
                if (pending.get(i).isDone()) {
                    record(waiting.get(i), pending.get(i), tally);
                } else {
                    LOG.log(System.Logger.Level.INFO, describe(waiting.get(i).update())
                            + " still pending at the end of the pass; due again when its claim runs out");
                }
            }
        }
        return new DeliveryReport(tally.applied, tally.retried, tally.dropped);
    }

    private CompletableFuture<AccessOutcome> start(MemberUpdate update) {
        try {
            return Objects.requireNonNull(access.apply(update), "member access returned no stage").toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void awaitUntil(Instant stopApplying, List<CompletableFuture<AccessOutcome>> pending) {
        long nanos = Math.max(0, Duration.between(clock.instant(), stopApplying).toNanos());
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // each stage's own outcome is read below; an unfinished one stays claimed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(ClaimedUpdate claim, CompletableFuture<AccessOutcome> done, Tally tally) {
        MemberUpdate update = claim.update();
        AccessOutcome outcome = outcomeOf(done);
        Instant now = clock.instant();
        if (outcome instanceof AccessOutcome.Applied) {
            outbox.complete(update.id());
            tally.applied++;
        } else if (outcome instanceof AccessOutcome.Impossible impossible) {
            LOG.log(System.Logger.Level.INFO, "dropping " + describe(update) + ": " + impossible.reason());
            outbox.complete(update.id());
            tally.dropped++;
        } else if (outcome instanceof AccessOutcome.RateLimited limited) {
            Duration wait = limited.retryAfter().isNegative() ? Duration.ZERO : limited.retryAfter();
            outbox.retryAt(update.id(), now.plus(wait), "rate limited for " + wait.toMillis() + " ms");
            tally.retried++;
        } else {
            String reason = ((AccessOutcome.Failed) outcome).reason();
            Duration wait = retryDelay(claim.attempts());
            LOG.log(System.Logger.Level.WARNING, describe(update) + " failed (" + reason + "); retrying in " + wait);
            outbox.retryAt(update.id(), now.plus(wait), reason);
            tally.retried++;
        }
    }

    private static AccessOutcome outcomeOf(CompletableFuture<AccessOutcome> done) {
        try {
            AccessOutcome outcome = done.join();
            return outcome != null ? outcome : new AccessOutcome.Failed("member access returned no outcome");
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return new AccessOutcome.Failed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
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

    private static final class Tally {
        int applied;
        int retried;
        int dropped;
    }
}
