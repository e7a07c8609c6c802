package dev.gatehouse.core.service;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.SessionId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.OidcSettings;
import dev.gatehouse.core.model.SignInRequest;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.Texts;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.SetupWarning;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.HandoffTokens;
import dev.gatehouse.core.port.out.RateLimitStore;
import dev.gatehouse.core.port.out.RateLimitStore.Acquisition;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.TokenSource;
import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationLinks;
import dev.gatehouse.core.port.out.VerificationMailer;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import dev.gatehouse.core.text.Languages;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code /verify}: the server's switch and question first, then the tenant's method, an emailed link or a
 * signed hand-off to the organisation's site. Applies the policies: newest request wins, denial blocks, rate
 * limits per requester, mailbox and tenant, wrong answers logged and counted, and no enumeration unless the
 * tenant opts in.
 */
public final class RequestService implements RequestVerification {
    private static final System.Logger LOG = System.getLogger(RequestService.class.getName());

    private final Stores stores;
    private final Clock clock;
    private final TokenSource tokens;
    private final VerificationLinks links;
    private final VerificationMailer mailer;
    private final Executor mailExecutor;
    private final Duration mailDeadline;
    private final ScheduledExecutorService deadlines;
    private final Optional<HandoffTokens> handoffTokens;

    /**
     * @param mailExecutor where emails are sent; it may refuse work ({@link RejectedExecutionException}) when full
     * @param mailDeadline longest wait from the request to the mailer's outcome before the link is withdrawn
     * @param deadlines    runs the deadline checks; each check is short
     */
    public RequestService(Stores stores, Clock clock, TokenSource tokens, VerificationLinks links, VerificationMailer mailer,
                          Executor mailExecutor, Duration mailDeadline, ScheduledExecutorService deadlines,
                          Optional<HandoffTokens> handoffTokens) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.links = Objects.requireNonNull(links, "links");
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.mailExecutor = Objects.requireNonNull(mailExecutor, "mailExecutor");
        this.mailDeadline = Objects.requireNonNull(mailDeadline, "mailDeadline");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.handoffTokens = Objects.requireNonNull(handoffTokens, "handoffTokens");
    }

    @Override
    public RequestResult request(RequestCommand command) {
        try {
            return handle(command);
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "verification request failed: store unavailable: " + e.getMessage());
            return new ServiceUnavailable();
        }
    }

    private RequestResult handle(RequestCommand command) {
        Optional<GuildSettings> found = stores.guilds().find(command.guild());
        Optional<TenantSettings> tenantFound = found.flatMap(g -> stores.tenants().find(g.tenant()));
        if (tenantFound.isEmpty()) {
            return new GuildNotSetUp();
        }
        GuildSettings guild = found.get();
        TenantSettings tenant = tenantFound.get();
        if (!guild.enabled()) {
            return new VerificationOff();
        }
        List<SetupWarning> problems = setupProblems(guild, tenant);
        if (!problems.isEmpty()) {
            return new SetupIncomplete(problems);
        }
        Optional<VerificationQuestion> question = guild.questionUnder(tenant);
        boolean email = tenant.method() == VerificationMethod.EMAIL_LINK;
        Optional<String> typedUserId = command.userId();
        boolean askQuestion = question.isPresent() && command.answer().isEmpty();
        boolean askUserId = email && typedUserId.isEmpty();
        if ((askQuestion || askUserId) && stores.links().findByDiscordUser(tenant.id(), command.requester().id()).isEmpty()) {
            return new DetailsNeeded(askQuestion ? question.map(VerificationQuestion::prompt) : Optional.empty(), askUserId);
        }
        Optional<DirectoryUserId> userId = Optional.empty();
        if (email && typedUserId.isPresent()) {
            try {
                userId = Optional.of(new DirectoryUserId(typedUserId.get()));
            } catch (IllegalArgumentException e) {
                return new InvalidUserId(e.getMessage());
            }
        }
        Instant now = clock.instant();
        Acquisition byRequester = stores.rateLimits().tryAcquire(RateKeys.requester(tenant.id(), command.requester().id()),
                tenant.rateLimits().perDiscordUser(), now);
        if (byRequester instanceof Acquisition.Limited l) {
            return new RateLimited(Limit.REQUESTER, l.retryAfter());
        }
        Optional<Link> existing = stores.links().findByDiscordUser(tenant.id(), command.requester().id());
        if (existing.isPresent() && !tenant.mayRenew(existing.get().linkedAt(), now)) {
            requeueAccess(existing.get(), guild, now);
            return new AlreadyVerified(existing.get());
        }
        if (existing.isPresent()) {
            // renewing near the end of the verification: the same person proves it again, no question asked
            if (tenant.method() == VerificationMethod.OIDC) {
                return requestSignIn(command, tenant, now);
            }
            return email ? requestEmail(command, tenant, existing.get().directoryUser(), now) : requestHandoff(command, tenant, now);
        }
        if (askQuestion || askUserId) {
            // linked when first checked, unlinked since: ask as for anyone else
            return new DetailsNeeded(askQuestion ? question.map(VerificationQuestion::prompt) : Optional.empty(), askUserId);
        }
        if (question.isPresent() && !question.get().accepts(command.answer().orElseThrow())) {
            return wrongAnswer(command, guild, tenant, now);
        }
        if (tenant.method() == VerificationMethod.OIDC) {
            return requestSignIn(command, tenant, now);
        }
        return email ? requestEmail(command, tenant, userId.orElseThrow(), now) : requestHandoff(command, tenant, now);
    }

    /** What keeps this server from verifying anyone; also shown by status. */
    static List<SetupWarning> setupProblems(GuildSettings guild, TenantSettings tenant) {
        List<SetupWarning> problems = new ArrayList<>();
        if (tenant.method() == VerificationMethod.SITE_HANDOFF) {
            HandoffSettings handoff = tenant.handoff();
            if (handoff.siteUrl().isEmpty()) {
                problems.add(new SetupWarning.HandoffSiteMissing());
            }
            if (handoff.secretProblem().isPresent()) {
                problems.add(new SetupWarning.HandoffSecretUnreadable(handoff.secretProblem().get()));
            } else if (handoff.secret().isEmpty()) {
                problems.add(new SetupWarning.HandoffSecretMissing());
            }
        }
        if (tenant.method() == VerificationMethod.OIDC) {
            OidcSettings oidc = tenant.oidc();
            if (oidc.issuer().isEmpty()) {
                problems.add(new SetupWarning.OidcIssuerMissing());
            }
            if (oidc.clientId().isEmpty()) {
                problems.add(new SetupWarning.OidcClientIdMissing());
            }
            if (oidc.secretProblem().isPresent()) {
                problems.add(new SetupWarning.OidcSecretUnreadable(oidc.secretProblem().get()));
            } else if (oidc.secret().isEmpty()) {
                problems.add(new SetupWarning.OidcSecretMissing());
            }
        }
        guild.questionUnder(tenant).filter(q -> !q.hasAnswers()).ifPresent(q ->
                problems.add(new SetupWarning.QuestionWithoutAnswers(q.prompt())));
        return problems;
    }

    private RequestResult wrongAnswer(RequestCommand command, GuildSettings guild, TenantSettings tenant, Instant now) {
        String answer = command.answer().orElse("");
        KickPolicy kick = guild.kickPolicy();
        int count = stores.transactions().inTransaction(() -> {
            stores.wrongAnswers().record(new WrongAnswer(tenant.id(), guild.guild(), command.requester().id(), answer, now));
            int failures = 1 + (int) stores.rateLimits().recordFailure(RateKeys.wrongAnswers(tenant.id(), command.requester().id()), now,
                    Duration.ofHours(KickPolicy.WINDOW_HOURS)).count();
            boolean kicking = kick.kicks() && failures >= kick.kickAfter().getAsInt();
            stores.audit().record(new AuditEntry(tenant.id(), kicking ? "verification.kicked" : "verification.wrong_answer",
                    "Discord user " + command.requester().id() + " answered the question wrong in server " + guild.guild()
                            + " (" + failures + " in " + KickPolicy.WINDOW_HOURS + " h)" + (kicking ? "; kicked" : ""), now));
            return failures;
        });
        if (kick.kicks() && count >= kick.kickAfter().getAsInt()) {
            return new KickForWrongAnswers(count);
        }
        return new IncorrectAnswer(count, kick.kickAfter());
    }

    // ---- emailed link --------------------------------------------------------------------------------

    private RequestResult requestEmail(RequestCommand command, TenantSettings tenant, DirectoryUserId userId, Instant now) {
        RateLimitStore limits = stores.rateLimits();
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
        if (tenant.relinkPolicy() == RelinkPolicy.REFUSE && stores.links().findByDirectoryUser(tenant.id(), userId)
                .filter(l -> !l.discordUser().equals(command.requester().id())).isPresent()) {
            return reveal ? new DirectoryUserTaken(userId) : nothingSent(userId, expiresAt, tenant);
        }
        VerificationToken token = tokens.next();
        VerificationSession session = new VerificationSession(SessionId.random(), tenant.id(), command.guild(),
                guildName(command), command.requester(), userId, token.hash(), now, expiresAt, SessionState.PENDING,
                command.language().flatMap(Languages::match));
        stores.transactions().inTransaction(() -> {
            stores.sessions().startReplacingPending(session);
            stores.audit().record(new AuditEntry(tenant.id(), "verification.requested",
                    "Discord user " + command.requester().id() + " asked to verify as " + userId + " in server " + command.guild(), now));
            return null;
        });
        VerificationEmail email = new VerificationEmail(user.get().email(), user.get().name(), tenant.id(), tenant.displayName(),
                command.requester(), session.guildName(), links.confirmLink(token), links.denyLink(token), expiresAt,
                tenant.sessionLifetime(), session.language().orElse(tenant.defaultLanguage()), tenant.timeZone());
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
        PendingMail pending = new PendingMail(session);
        Runnable send = () -> {
            if (pending.decided()) {
                return;
            }
            MailOutcome outcome = send(email);
            pending.finish(outcome);
        };
        try {
            mailExecutor.execute(send);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(withdraw(session, "the mail queue is full"));
        }
        if (!pending.result.isDone()) {
            ScheduledFuture<?> check = deadlines.schedule(() -> {
                if (pending.expire() && mailExecutor instanceof ThreadPoolExecutor pool) {
                    pool.remove(send);
                }
            }, mailDeadline.toMillis(), TimeUnit.MILLISECONDS);
            pending.result.whenComplete((delivery, e) -> check.cancel(false));
        }
        return pending.result;
    }

    private MailOutcome send(VerificationEmail email) {
        try {
            return mailer.send(email);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "mailer threw instead of reporting an outcome", e);
            return new MailOutcome.Unavailable("mailer failed: " + e.getClass().getSimpleName());
        }
    }

    /** One email on its way: the mailer's outcome or the deadline decides, whichever comes first, once. */
    private final class PendingMail {
        private final VerificationSession session;
        private final AtomicBoolean decided = new AtomicBoolean();
        private final CompletableFuture<MailDelivery> result = new CompletableFuture<>();

        PendingMail(VerificationSession session) {
            this.session = session;
        }

        boolean decided() {
            return decided.get();
        }

        void finish(MailOutcome outcome) {
            if (!decided.compareAndSet(false, true)) {
                if (outcome instanceof MailOutcome.Sent) {
                    LOG.log(System.Logger.Level.WARNING, "verification email for session " + session.id()
                            + " was sent after its deadline; its link had already been withdrawn");
                }
                return;
            }
            if (outcome instanceof MailOutcome.Sent) {
                result.complete(MailDelivery.SENT);
                return;
            }
            String reason = outcome instanceof MailOutcome.Rejected r ? "rejected: " + r.reason()
                    : "unavailable: " + ((MailOutcome.Unavailable) outcome).reason();
            result.complete(withdraw(session, reason));
        }

        /** True if the deadline decided (the mailer had not answered). */
        boolean expire() {
            if (!decided.compareAndSet(false, true)) {
                return false;
            }
            result.complete(withdraw(session, "no answer from the mail relay within " + mailDeadline.toMillis() + " ms"));
            return true;
        }
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
        Optional<DirectoryUser> person = stores.directory().find(link.tenant(), link.directoryUser());
        List<MemberUpdate> updates = MemberUpdatePlanner.grantAccess(List.of(guild), link.discordUser(), person.map(DirectoryUser::name),
                person.map(DirectoryUser::groups).orElse(Set.of()), "Gatehouse: member is verified", now);
        if (!updates.isEmpty()) {
            stores.transactions().inTransaction(() -> {
                stores.memberUpdates().enqueue(updates);
                return null;
            });
        }
    }

    // ---- hand-off to the organisation's site ---------------------------------------------------------

    private RequestResult requestSignIn(RequestCommand command, TenantSettings tenant, Instant now) {
        VerificationToken link = tokens.next();
        Instant expiresAt = now.plus(SignInRequest.LIFETIME);
        SignInRequest request = new SignInRequest(tenant.id(), command.guild(), guildName(command), command.requester(), link.hash(),
                Optional.empty(), now, expiresAt, SessionState.PENDING);
        stores.transactions().inTransaction(() -> {
            stores.signIns().startReplacingPending(request);
            stores.audit().record(new AuditEntry(tenant.id(), "signin.requested", "Discord user " + command.requester().id()
                    + " asked to sign in with the identity provider in server " + command.guild(), now));
            return null;
        });
        return new SignInReady(links.signInLink(link), expiresAt, SignInRequest.LIFETIME);
    }

    private RequestResult requestHandoff(RequestCommand command, TenantSettings tenant, Instant now) {
        Acquisition byTenant = stores.rateLimits().tryAcquire(RateKeys.tenant(tenant.id()), tenant.rateLimits().perTenant(), now);
        if (byTenant instanceof Acquisition.Limited l) {
            return new RateLimited(Limit.TENANT, l.retryAfter());
        }
        if (handoffTokens.isEmpty()) {
            return new SetupIncomplete(List.of(new SetupWarning.HandoffSignerMissing()));
        }
        HandoffSettings handoff = tenant.handoff();
        VerificationToken jti = tokens.next();
        Instant expiresAt = now.plus(handoff.lifetime());
        HandoffRequest request = new HandoffRequest(tenant.id(), command.guild(), guildName(command), command.requester(),
                jti.hash(), now, expiresAt, SessionState.PENDING, command.language().flatMap(Languages::match));
        String token = handoffTokens.get().sign(new HandoffTokens.Grant(jti, command.requester(), command.guild(), now, expiresAt),
                handoff.secret().orElseThrow());
        stores.transactions().inTransaction(() -> {
            stores.handoffs().startReplacingPending(request);
            stores.audit().record(new AuditEntry(tenant.id(), "handoff.requested", "Discord user " + command.requester().id()
                    + " was handed off to the organisation's site from server " + command.guild(), now));
            return null;
        });
        return new HandoffReady(withToken(handoff.siteUrl().orElseThrow(), token), expiresAt, handoff.lifetime());
    }

    /** The site URL with {@code jwt=<token>} added to its query (a JWT is URL-safe as it is). */
    static URI withToken(URI site, String token) {
        String url = site.toString();
        String separator = site.getRawQuery() == null ? "?" : (url.endsWith("&") || url.endsWith("?") ? "" : "&");
        return URI.create(url + separator + "jwt=" + token);
    }
}
