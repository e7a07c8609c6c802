package dev.gatehouse.app;

import dev.gatehouse.core.port.in.CompleteHandoff;
import dev.gatehouse.core.port.in.ExpireSessions;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.InspectOutbox;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.out.MemberUpdates.OutboxDepth;
import dev.gatehouse.core.port.out.VerificationMailer;
import dev.gatehouse.persistence.ChangeFeedStatistics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The figures operators watch, exported at {@code /manage/prometheus}: verifications requested, confirmed,
 * denied and expired, email failures, gate deletions, and the outbox's depth and age. Counted by wrapping
 * the core's ports, so the core knows nothing of metrics.
 */
@Singleton
class GatehouseMetrics {
    private static final Duration DEPTH_CACHE = Duration.ofSeconds(5);

    private final Counter requested;
    private final Counter confirmed;
    private final Counter handedOff;
    private final Counter handoffsCompleted;
    private final Counter callbacksRefused;
    private final Counter wrongAnswers;
    private final Counter denied;
    private final Counter expired;
    private final Counter emailFailures;
    private final Counter gateDeletions;
    private final Provider<InspectOutbox> outbox;
    private final AtomicReference<CachedDepth> depth = new AtomicReference<>();

    private record CachedDepth(OutboxDepth depth, long readAtNanos) {
    }

    GatehouseMetrics(MeterRegistry registry, Provider<InspectOutbox> outbox, ChangeFeedStatistics changeFeed) {
        this.outbox = outbox;
        FunctionCounter.builder("gatehouse.cache.reloads", changeFeed, ChangeFeedStatistics::reloads)
                .description("whole reloads of the membership index and guild cache (start, reconnect, bulk change)")
                .register(registry);
        FunctionCounter.builder("gatehouse.change.notifications", changeFeed, ChangeFeedStatistics::notifications)
                .description("change notifications from any instance applied to this instance's caches").register(registry);
        Gauge.builder("gatehouse.notification.lag.seconds", changeFeed,
                        feed -> feed.notificationLag().map(lag -> lag.toNanos() / 1e9).orElse(Double.NaN))
                .description("latest probe's time from NOTIFY to this instance's change listener").register(registry);
        requested = Counter.builder("gatehouse.verifications.requested").description("/verify requests that sent or would send a link")
                .register(registry);
        confirmed = Counter.builder("gatehouse.verifications.confirmed").description("links confirmed").register(registry);
        handedOff = Counter.builder("gatehouse.handoffs.started").description("members handed off to the organisation's site")
                .register(registry);
        handoffsCompleted = Counter.builder("gatehouse.handoffs.completed").description("hand-off callbacks that linked a member")
                .register(registry);
        callbacksRefused = Counter.builder("gatehouse.handoffs.refused").description("hand-off callbacks refused (bad, expired, replayed)")
                .register(registry);
        wrongAnswers = Counter.builder("gatehouse.questions.wrong").description("wrong answers to the verification question")
                .register(registry);
        denied = Counter.builder("gatehouse.verifications.denied").description("links denied (this wasn't me)").register(registry);
        expired = Counter.builder("gatehouse.verifications.expired").description("links that expired unused").register(registry);
        emailFailures = Counter.builder("gatehouse.email.failures").description("verification emails that could not be sent")
                .register(registry);
        gateDeletions = Counter.builder("gatehouse.gate.deletions").description("messages deleted from unverified members")
                .register(registry);
        Gauge.builder("gatehouse.outbox.depth", this, m -> m.outboxDepth().pending())
                .description("member updates waiting to reach Discord").register(registry);
        Gauge.builder("gatehouse.outbox.oldest.age.seconds", this,
                        m -> m.outboxDepth().oldestAge().map(Duration::toSeconds).orElse(0L))
                .description("age of the oldest waiting member update").register(registry);
    }

    private OutboxDepth outboxDepth() {
        CachedDepth cached = depth.get();
        long now = System.nanoTime();
        if (cached == null || now - cached.readAtNanos() > DEPTH_CACHE.toNanos()) {
            cached = new CachedDepth(outbox.get().depth(), now);
            depth.set(cached);
        }
        return cached.depth();
    }

    RequestVerification counting(RequestVerification delegate) {
        return command -> {
            RequestVerification.RequestResult result = delegate.request(command);
            if (result instanceof RequestVerification.LinkSent) {
                requested.increment();
            } else if (result instanceof RequestVerification.HandoffReady) {
                handedOff.increment();
            } else if (result instanceof RequestVerification.IncorrectAnswer
                    || result instanceof RequestVerification.KickForWrongAnswers) {
                wrongAnswers.increment();
            }
            return result;
        };
    }

    CompleteHandoff counting(CompleteHandoff delegate) {
        return command -> {
            CompleteHandoff.HandoffResult result = delegate.complete(command);
            if (result instanceof CompleteHandoff.HandoffCompleted) {
                handoffsCompleted.increment();
            } else if (result instanceof CompleteHandoff.CallbackRefused) {
                callbacksRefused.increment();
            }
            return result;
        };
    }

    ReviewVerification counting(ReviewVerification delegate) {
        return new ReviewVerification() {
            @Override
            public PreviewResult preview(LinkCommand command) {
                return delegate.preview(command);
            }

            @Override
            public ConfirmResult confirm(LinkCommand command) {
                ConfirmResult result = delegate.confirm(command);
                if (result instanceof Confirmed) {
                    confirmed.increment();
                }
                return result;
            }

            @Override
            public DenyResult deny(LinkCommand command) {
                DenyResult result = delegate.deny(command);
                if (result instanceof Denied) {
                    denied.increment();
                }
                return result;
            }
        };
    }

    GateMessages counting(GateMessages delegate) {
        return command -> {
            GateMessages.GateDecision decision = delegate.decide(command);
            if (decision.deletes()) {
                gateDeletions.increment();
            }
            return decision;
        };
    }

    ExpireSessions counting(ExpireSessions delegate) {
        return () -> {
            int count = delegate.expireOverdue();
            expired.increment(count);
            return count;
        };
    }

    VerificationMailer countingFailures(VerificationMailer delegate) {
        return email -> {
            VerificationMailer.MailOutcome outcome = delegate.send(email);
            if (!(outcome instanceof VerificationMailer.MailOutcome.Sent)) {
                emailFailures.increment();
            }
            return outcome;
        };
    }
}
