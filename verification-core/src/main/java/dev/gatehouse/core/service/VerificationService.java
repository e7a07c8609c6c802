package dev.gatehouse.core.service;

import dev.gatehouse.core.event.VerificationDenied;
import dev.gatehouse.core.event.VerificationEvent;
import dev.gatehouse.core.model.Backoff;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.in.ExpireSessions;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.SessionView;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.Sessions.Consumption;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Transactions.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The emailed link's pages: preview it, confirm or deny it; and the expiry of overdue links and hand-offs.
 * Applies single use, one account per directory user, denial blocks and the client address's backoff.
 */
public final class VerificationService implements ReviewVerification, ExpireSessions {
    private static final System.Logger LOG = System.getLogger(VerificationService.class.getName());

    private final Stores stores;
    private final Clock clock;
    private final ClientBackoff backoff;
    private final Linking linking;
    private final EventBus events;

    public VerificationService(Stores stores, Clock clock, Backoff linkAttemptBackoff, EventBus events) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new ClientBackoff(stores.rateLimits(), Objects.requireNonNull(linkAttemptBackoff, "linkAttemptBackoff"));
        this.linking = new Linking(stores);
        this.events = Objects.requireNonNull(events, "events");
    }

    // ---- preview, confirm, deny ----------------------------------------------------------------------

    @Override
    public PreviewResult preview(LinkCommand command) {
        return onLink("preview", command, PreviewResult.class, (token, now, committed) -> {
            Optional<VerificationSession> session = stores.sessions().findByTokenHash(token.hash());
            if (session.isEmpty()) {
                return new LinkUnknown();
            }
            return session.get().isOpenAt(now) ? new AwaitingDecision(view(session.get()))
                    : (PreviewResult) closedOutcome(session.get(), now);
        });
    }

    @Override
    public ConfirmResult confirm(LinkCommand command) {
        return onLink("confirmation", command, ConfirmResult.class,
                (token, now, committed) -> stores.transactions().decide(() -> confirmInTransaction(token, now, committed)));
    }

    @Override
    public DenyResult deny(LinkCommand command) {
        return onLink("denial", command, DenyResult.class,
                (token, now, committed) -> stores.transactions().inTransaction(() -> {
                    committed.clear(); // a retried transaction starts over
                    return denyInTransaction(token, now, committed);
                }));
    }

    /** What a link page does with a well-formed token; events it adds are published once it returns. */
    @FunctionalInterface
    private interface LinkAct<R> {
        R apply(VerificationToken token, Instant now, List<VerificationEvent> committed);
    }

    /**
     * The frame of every link page: the token's format, counting
     * unusable tokens toward the client address's backoff (only after the token was looked at, so a good one
     * always works), publishing events, and store outages.
     */
    private <R> R onLink(String act, LinkCommand command, Class<R> resultType, LinkAct<R> work) {
        try {
            Instant now = clock.instant();
            Optional<VerificationToken> token = VerificationToken.parse(command.token());
            if (token.isEmpty()) {
                return resultType.cast(unknown(command, now));
            }
            List<VerificationEvent> committed = new ArrayList<>();
            R result = work.apply(token.get(), now, committed);
            events.publish(committed);
            return result instanceof LinkUnknown ? resultType.cast(unknown(command, now)) : result;
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "link " + act + " failed: store unavailable: " + e.getMessage());
            return resultType.cast(new ServiceUnavailable());
        }
    }

    /** An unusable token: counted; answered as unknown, or as "wait" if the address is guessing too fast. */
    private Object unknown(LinkCommand command, Instant now) {
        Optional<Duration> waiting = backoff.recordFailure(command.client(), now);
        return waiting.<Object>map(TooManyAttempts::new).orElseGet(LinkUnknown::new);
    }

    /** Confirms, or rolls back the consumed session when the link can't be made, so the link stays usable for nothing. */
    private Decision<ConfirmResult> confirmInTransaction(VerificationToken token, Instant now, List<VerificationEvent> committed) {
        committed.clear(); // a retried transaction starts over
        Consumption consumption = stores.sessions().consume(token.hash(), SessionState.CONFIRMED, now);
        if (consumption instanceof Consumption.NotConsumed notConsumed) {
            return Decision.commit(notConsumed.current().map(s -> (ConfirmResult) closedOutcome(s, now)).orElseGet(LinkUnknown::new));
        }
        VerificationSession session = ((Consumption.Consumed) consumption).session();
        TenantSettings tenant = stores.tenants().find(session.tenant())
                .orElseThrow(() -> new IllegalStateException("session " + session.id() + " names a missing tenant"));
        Optional<DirectoryUser> entry = stores.directory().find(session.tenant(), session.directoryUser());
        SessionView view = view(session, Optional.of(tenant), entry);
        Linking.Outcome outcome = linking.link(tenant, session.requester().id(), session.directoryUser(), session.guild(),
                LinkOrigin.EMAIL, entry.map(DirectoryUser::name), entry.map(DirectoryUser::groups).orElse(Set.of()), "by email", session.language(), now,
                committed);
        if (outcome instanceof Linking.Outcome.AccountTaken) {
            committed.clear();
            return Decision.rollBack(new AccountAlreadyLinked(view));
        }
        if (outcome instanceof Linking.Outcome.UserTaken) {
            committed.clear();
            return Decision.rollBack(new UserLinkedElsewhere(view));
        }
        Link link = ((Linking.Outcome.Made) outcome).link();
        return Decision.commit(new Confirmed(view, link, tenant.verificationHoldsUntil(link.linkedAt())));
    }

    private DenyResult denyInTransaction(VerificationToken token, Instant now, List<VerificationEvent> committed) {
        Consumption consumption = stores.sessions().consume(token.hash(), SessionState.DENIED, now);
        if (consumption instanceof Consumption.NotConsumed notConsumed) {
            return notConsumed.current().map(s -> (DenyResult) closedOutcome(s, now)).orElseGet(LinkUnknown::new);
        }
        VerificationSession session = ((Consumption.Consumed) consumption).session();
        Duration block = stores.tenants().find(session.tenant()).map(t -> t.rateLimits().denialBlock()).orElse(Duration.ZERO);
        Instant blockedUntil = now.plus(block);
        stores.rateLimits().block(RateKeys.denial(session.tenant(), session.requester().id(), session.directoryUser()), blockedUntil);
        stores.audit().record(new AuditEntry(session.tenant(), "verification.denied", "the mailbox of "
                + session.directoryUser() + " denied Discord user " + session.requester().id(), now));
        committed.add(new VerificationDenied(session, blockedUntil, now));
        return new Denied(view(session), blockedUntil);
    }

    /**
     * The page for a session that can no longer be confirmed or denied; implements all three result types. Once its
     * expiry has passed it names nobody, so an old link shows no personal data.
     */
    private Object closedOutcome(VerificationSession session, Instant now) {
        if (!now.isBefore(session.expiresAt())) {
            return new LinkInactive();
        }
        switch (session.state()) {
            case CONFIRMED:
                return new AlreadyConfirmed(view(session));
            case DENIED:
                return new AlreadyDenied(view(session));
            case SUPERSEDED:
                return new LinkReplaced();
            case CANCELLED:
                return new LinkWithdrawn();
            case PENDING:
            case EXPIRED:
            default:
                return new LinkInactive();
        }
    }

    private SessionView view(VerificationSession session) {
        return view(session, stores.tenants().find(session.tenant()), stores.directory().find(session.tenant(), session.directoryUser()));
    }

    private SessionView view(VerificationSession session, Optional<TenantSettings> tenant, Optional<DirectoryUser> entry) {
        String tenantName = tenant.map(TenantSettings::displayName).orElse(session.tenant().value());
        String realName = entry.map(u -> u.name().value()).orElse(session.directoryUser().value());
        return new SessionView(session.requester(), session.directoryUser(), realName, tenantName, session.guildName(),
                session.expiresAt(), session.language(), tenant.map(TenantSettings::timeZone).orElse(TenantSettings.DEFAULT_TIME_ZONE),
                clock.instant());
    }

    // ---- expiry --------------------------------------------------------------------------------------

    @Override
    public int expireOverdue() {
        Instant now = clock.instant();
        return stores.sessions().expireOverdue(now) + stores.handoffs().expireOverdue(now) + stores.signIns().expireOverdue(now);
    }
}
