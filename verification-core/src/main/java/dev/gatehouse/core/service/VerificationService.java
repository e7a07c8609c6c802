package dev.gatehouse.core.service;

import dev.gatehouse.core.event.MemberUnlinked;
import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.event.VerificationDenied;
import dev.gatehouse.core.event.VerificationEvent;
import dev.gatehouse.core.model.Backoff;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.SessionId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.Texts;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.in.ExpireSessions;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.SessionView;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.Links.LinkInsert;
import dev.gatehouse.core.port.out.RateLimitStore;
import dev.gatehouse.core.port.out.RateLimitStore.Acquisition;
import dev.gatehouse.core.port.out.RateLimitStore.Failures;
import dev.gatehouse.core.port.out.Sessions.Consumption;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.TokenSource;
import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationLinks;
import dev.gatehouse.core.port.out.VerificationMailer;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The email-link flow: request a link, preview it, confirm or deny it, and expire what is overdue. Applies
 * the policies: newest request wins, single use, one account per directory user, denial blocks, rate
 * limits per requester, mailbox, tenant and client address, and no enumeration unless the tenant opts in.
 */
public final class VerificationService implements RequestVerification, ReviewVerification, ExpireSessions {
    private static final System.Logger LOG = System.getLogger(VerificationService.class.getName());

    private final Stores stores;
    private final Clock clock;
    private final TokenSource tokens;
    private final VerificationLinks links;
    private final VerificationMailer mailer;
    private final Executor mailExecutor;
    private final Backoff linkAttemptBackoff;
    private final EventBus events;

    public VerificationService(Stores stores, Clock clock, TokenSource tokens, VerificationLinks links, VerificationMailer mailer,
                               Executor mailExecutor, Backoff linkAttemptBackoff, EventBus events) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.links = Objects.requireNonNull(links, "links");
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.mailExecutor = Objects.requireNonNull(mailExecutor, "mailExecutor");
        this.linkAttemptBackoff = Objects.requireNonNull(linkAttemptBackoff, "linkAttemptBackoff");
        this.events = Objects.requireNonNull(events, "events");
    }

    // ---- request -------------------------------------------------------------------------------------

    @Override
    public RequestResult request(RequestCommand command) {
        try {
            return requestLink(command);
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "verification request failed: store unavailable", e);
            return new ServiceUnavailable();
        }
    }

    private RequestResult requestLink(RequestCommand command) {
        Optional<GuildSettings> guild = stores.guilds().find(command.guild());
        Optional<TenantSettings> found = guild.flatMap(g -> stores.tenants().find(g.tenant()));
        if (found.isEmpty()) {
            return new GuildNotSetUp();
        }
        TenantSettings tenant = found.get();
        DirectoryUserId userId;
        try {
            userId = new DirectoryUserId(command.userId());
        } catch (IllegalArgumentException e) {
            return new InvalidUserId(e.getMessage());
        }
        Instant now = clock.instant();
        RateLimitStore limits = stores.rateLimits();
        Acquisition byRequester = limits.tryAcquire(RateKeys.requester(tenant.id(), command.requester().id()),
                tenant.rateLimits().perDiscordUser(), now);
        if (byRequester instanceof Acquisition.Limited l) {
            return new RateLimited(Limit.REQUESTER, l.retryAfter());
        }
        Optional<Link> existing = stores.links().findByDiscordUser(tenant.id(), command.requester().id());
        if (existing.isPresent()) {
            requeueAccess(existing.get(), guild.get(), now);
            return new AlreadyVerified(existing.get());
        }
        Optional<Instant> blocked = limits.blockedUntil(RateKeys.denial(tenant.id(), command.requester().id(), userId), now);
        if (blocked.isPresent()) {
            return new BlockedByDenial(Duration.between(now, blocked.get()));
        }
        Acquisition byTenant = limits.tryAcquire(RateKeys.tenant(tenant.id()), tenant.rateLimits().perTenant(), now);
        if (byTenant instanceof Acquisition.Limited l) {
            return new RateLimited(Limit.TENANT, l.retryAfter());
        }
        Acquisition byMailbox = limits.tryAcquire(RateKeys.mailbox(tenant.id(), userId), tenant.rateLimits().perDirectoryUser(), now);
        if (byMailbox instanceof Acquisition.Limited l) {
            return new RateLimited(Limit.MAILBOX, l.retryAfter());
        }
        Instant expiresAt = now.plus(tenant.sessionLifetime());
        boolean reveal = tenant.unknownUserReply() == UnknownUserReply.INVALID_USER_ID;
        Optional<DirectoryUser> user = stores.directory().find(tenant.id(), userId);
        if (user.isEmpty()) {
            return reveal ? new UnknownUser(userId) : nothingSent(userId, expiresAt, tenant);
        }
        if (tenant.relinkPolicy() == RelinkPolicy.REFUSE && stores.links().findByDirectoryUser(tenant.id(), userId).isPresent()) {
            return reveal ? new DirectoryUserTaken(userId) : nothingSent(userId, expiresAt, tenant);
        }
        VerificationToken token = tokens.next();
        VerificationSession session = new VerificationSession(SessionId.random(), tenant.id(), command.guild(),
                guildName(command), command.requester(), userId, token.hash(), now, expiresAt, SessionState.PENDING);
        stores.transactions().inTransaction(() -> {
            stores.sessions().startReplacingPending(session);
            stores.audit().record(new AuditEntry(tenant.id(), "verification.requested",
                    "Discord user " + command.requester().id() + " asked to verify as " + userId + " in server " + command.guild(), now));
            return null;
        });
        VerificationEmail email = new VerificationEmail(user.get().email(), user.get().name(), tenant.id(), tenant.displayName(),
                command.requester(), session.guildName(), links.confirmLink(token), links.denyLink(token), expiresAt,
                tenant.sessionLifetime());
        CompletableFuture<MailDelivery> delivery = dispatch(session, email);
        Optional<String> masked = reveal ? Optional.of(user.get().email().masked()) : Optional.empty();
        return new LinkSent(userId, masked, expiresAt, tenant.sessionLifetime(), delivery);
    }

    private static LinkSent nothingSent(DirectoryUserId userId, Instant expiresAt, TenantSettings tenant) {
        return new LinkSent(userId, Optional.empty(), expiresAt, tenant.sessionLifetime(),
                CompletableFuture.completedFuture(MailDelivery.NONE));
    }

    private static String guildName(RequestCommand command) {
        String name = command.guildName().strip();
        if (name.isEmpty() || name.length() > 100 || Texts.hasControlCharacter(name)) {
            return "server " + command.guild();
        }
        return name;
    }

    private CompletableFuture<MailDelivery> dispatch(VerificationSession session, VerificationEmail email) {
        try {
            return CompletableFuture.supplyAsync(() -> deliver(session, email), mailExecutor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(withdraw(session, "mail queue is full"));
        }
    }

    private MailDelivery deliver(VerificationSession session, VerificationEmail email) {
        MailOutcome outcome;
        try {
            outcome = mailer.send(email);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "mailer threw instead of reporting an outcome", e);
            outcome = new MailOutcome.Unavailable("mailer failed: " + e.getClass().getSimpleName());
        }
        if (outcome instanceof MailOutcome.Sent) {
            return MailDelivery.SENT;
        }
        String reason = outcome instanceof MailOutcome.Rejected r ? "rejected: " + r.reason()
                : "unavailable: " + ((MailOutcome.Unavailable) outcome).reason();
        return withdraw(session, reason);
    }

    private MailDelivery withdraw(VerificationSession session, String reason) {
        LOG.log(System.Logger.Level.WARNING, "verification email for session " + session.id() + " not sent (" + reason
                + "); link withdrawn");
        try {
            stores.transactions().inTransaction(() -> {
                stores.sessions().cancel(session.id());
                stores.audit().record(new AuditEntry(session.tenant(), "verification.mail_failed",
                        "email for " + session.directoryUser() + " not sent: " + reason, clock.instant()));
                return null;
            });
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.ERROR, "could not withdraw session " + session.id() + " after a mail failure", e);
        }
        return MailDelivery.FAILED;
    }

    private void requeueAccess(Link link, GuildSettings guild, Instant now) {
        Optional<DisplayName> name = stores.directory().find(link.tenant(), link.directoryUser()).map(DirectoryUser::name);
        List<MemberUpdate> updates = MemberUpdatePlanner.grantAccess(List.of(guild), link.discordUser(), name,
                "Gatehouse: member is verified", now);
        if (!updates.isEmpty()) {
            stores.transactions().inTransaction(() -> {
                stores.memberUpdates().enqueue(updates);
                return null;
            });
        }
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
                    : (PreviewResult) closedOutcome(session.get());
        });
    }

    @Override
    public ConfirmResult confirm(LinkCommand command) {
        return onLink("confirmation", command, ConfirmResult.class,
                (token, now, committed) -> stores.transactions().inTransaction(() -> confirmInTransaction(token, now, committed)));
    }

    @Override
    public DenyResult deny(LinkCommand command) {
        return onLink("denial", command, DenyResult.class,
                (token, now, committed) -> stores.transactions().inTransaction(() -> denyInTransaction(token, now, committed)));
    }

    /** What a link page does with a well-formed token; events it adds are published once it returns. */
    @FunctionalInterface
    private interface LinkAct<R> {
        R apply(VerificationToken token, Instant now, List<VerificationEvent> committed);
    }

    /**
     * The frame of every link page: the client address's backoff, the token's format, counting unusable tokens
     * as failures, turning an aborted transaction into its result, publishing events, and store outages.
     */
    private <R> R onLink(String act, LinkCommand command, Class<R> resultType, LinkAct<R> work) {
        try {
            Instant now = clock.instant();
            Optional<TooManyAttempts> waiting = backoffFor(command, now);
            if (waiting.isPresent()) {
                return resultType.cast(waiting.get());
            }
            Optional<VerificationToken> token = VerificationToken.parse(command.token());
            if (token.isEmpty()) {
                recordFailure(command, now);
                return resultType.cast(new LinkUnknown());
            }
            List<VerificationEvent> committed = new ArrayList<>();
            R result;
            try {
                result = work.apply(token.get(), now, committed);
            } catch (Aborted aborted) {
                committed.clear();
                result = aborted.result(resultType);
            }
            if (result instanceof LinkUnknown) {
                recordFailure(command, now);
            }
            events.publish(committed);
            return result;
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "link " + act + " failed: store unavailable", e);
            return resultType.cast(new ServiceUnavailable());
        }
    }

    private ConfirmResult confirmInTransaction(VerificationToken token, Instant now, List<VerificationEvent> committed) {
        Consumption consumption = stores.sessions().consume(token.hash(), SessionState.CONFIRMED, now);
        if (consumption instanceof Consumption.NotConsumed notConsumed) {
            return notConsumed.current().map(s -> (ConfirmResult) closedOutcome(s)).orElseGet(LinkUnknown::new);
        }
        VerificationSession session = ((Consumption.Consumed) consumption).session();
        TenantSettings tenant = stores.tenants().find(session.tenant())
                .orElseThrow(() -> new IllegalStateException("session " + session.id() + " names a missing tenant"));
        SessionView view = view(session);
        Optional<Link> requesterLink = stores.links().findByDiscordUser(tenant.id(), session.requester().id());
        if (requesterLink.isPresent()) {
            throw new Aborted(new AccountAlreadyLinked(view));
        }
        Optional<Link> holder = stores.links().findByDirectoryUser(tenant.id(), session.directoryUser());
        List<GuildSettings> guilds = stores.guilds().ofTenant(tenant.id());
        if (holder.isPresent()) {
            if (tenant.relinkPolicy() == RelinkPolicy.REFUSE) {
                throw new Aborted(new UserLinkedElsewhere(view));
            }
            Link previous = holder.get();
            stores.links().remove(tenant.id(), previous.discordUser());
            stores.memberUpdates().enqueue(MemberUpdatePlanner.revokeAccess(guilds, previous.discordUser(),
                    "Gatehouse: directory user " + previous.directoryUser() + " verified another account", now));
            stores.audit().record(new AuditEntry(tenant.id(), "link.moved", "directory user " + previous.directoryUser()
                    + " moved from Discord user " + previous.discordUser() + " to " + session.requester().id(), now));
            committed.add(new MemberUnlinked(previous, session.requester().id(), now));
        }
        Link link = new Link(tenant.id(), session.requester().id(), session.directoryUser(), now, LinkOrigin.EMAIL);
        LinkInsert insert = stores.links().insert(link);
        if (insert instanceof LinkInsert.DiscordUserTaken) {
            throw new Aborted(new AccountAlreadyLinked(view));
        }
        if (insert instanceof LinkInsert.DirectoryUserTaken) {
            throw new Aborted(new UserLinkedElsewhere(view));
        }
        Optional<DisplayName> name = stores.directory().find(tenant.id(), session.directoryUser()).map(DirectoryUser::name);
        stores.memberUpdates().enqueue(MemberUpdatePlanner.grantAccess(guilds, link.discordUser(), name,
                "Gatehouse: verified as " + session.directoryUser() + " by email", now));
        stores.audit().record(new AuditEntry(tenant.id(), "verification.confirmed",
                "Discord user " + link.discordUser() + " verified as " + link.directoryUser(), now));
        committed.add(new MemberVerified(link, session.guild(), now));
        return new Confirmed(view, link);
    }

    private DenyResult denyInTransaction(VerificationToken token, Instant now, List<VerificationEvent> committed) {
        Consumption consumption = stores.sessions().consume(token.hash(), SessionState.DENIED, now);
        if (consumption instanceof Consumption.NotConsumed notConsumed) {
            return notConsumed.current().map(s -> (DenyResult) closedOutcome(s)).orElseGet(LinkUnknown::new);
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

    /** The page for a session that can no longer be confirmed or denied; implements all three result types. */
    private Object closedOutcome(VerificationSession session) {
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
                return new LinkExpired(session.expiresAt());
        }
    }

    private Optional<TooManyAttempts> backoffFor(LinkCommand command, Instant now) {
        Failures failures = stores.rateLimits().failures(RateKeys.linkFailures(command.client()), now, linkAttemptBackoff.forgetAfter());
        Duration wait = linkAttemptBackoff.waitAfter(failures.count());
        if (wait.isZero() || failures.last().isEmpty()) {
            return Optional.empty();
        }
        Instant allowedAt = failures.last().get().plus(wait);
        return now.isBefore(allowedAt) ? Optional.of(new TooManyAttempts(Duration.between(now, allowedAt))) : Optional.empty();
    }

    private void recordFailure(LinkCommand command, Instant now) {
        stores.rateLimits().recordFailure(RateKeys.linkFailures(command.client()), now, linkAttemptBackoff.forgetAfter());
    }

    private SessionView view(VerificationSession session) {
        String tenantName = stores.tenants().find(session.tenant()).map(TenantSettings::displayName).orElse(session.tenant().value());
        String realName = stores.directory().find(session.tenant(), session.directoryUser())
                .map(u -> u.name().value()).orElse(session.directoryUser().value());
        return new SessionView(session.requester(), session.directoryUser(), realName, tenantName, session.guildName(),
                session.expiresAt());
    }

    // ---- expiry --------------------------------------------------------------------------------------

    @Override
    public int expireOverdue() {
        return stores.sessions().expireOverdue(clock.instant());
    }
}
