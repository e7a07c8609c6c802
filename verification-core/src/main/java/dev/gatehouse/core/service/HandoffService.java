package dev.gatehouse.core.service;

import dev.gatehouse.core.event.VerificationEvent;
import dev.gatehouse.core.model.Backoff;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.Texts;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.in.CompleteHandoff;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.HandoffRequests.Use;
import dev.gatehouse.core.port.out.HandoffTokens;
import dev.gatehouse.core.port.out.HandoffTokens.Callback;
import dev.gatehouse.core.port.out.HandoffTokens.Reading;
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

/**
 * The organisation's site calls back with a signed token: check the tenant uses the hand-off, the signature,
 * the type, the expiry, that the {@code jti} names a pending hand-off for the same member and server, and use
 * it once; then link exactly as a confirmed email link does.
 */
public final class HandoffService implements CompleteHandoff {
    private static final System.Logger LOG = System.getLogger(HandoffService.class.getName());
    /** A token longer than this is not ours; don't spend time parsing it. */
    static final int MAX_TOKEN_LENGTH = 4096;

    private final Stores stores;
    private final Clock clock;
    private final HandoffTokens tokens;
    private final ClientBackoff backoff;
    private final Linking linking;
    private final EventBus events;

    public HandoffService(Stores stores, Clock clock, HandoffTokens tokens, Backoff callbackBackoff, EventBus events) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.backoff = new ClientBackoff(stores.rateLimits(), Objects.requireNonNull(callbackBackoff, "callbackBackoff"));
        this.linking = new Linking(stores);
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public HandoffResult complete(CallbackCommand command) {
        try {
            Instant now = clock.instant();
            List<VerificationEvent> committed = new ArrayList<>();
            HandoffResult result = check(command, now, committed);
            events.publish(committed);
            if (result instanceof CallbackRefused refused) {
                LOG.log(System.Logger.Level.INFO, "hand-off callback for tenant " + Texts.preview(command.tenant()) + " refused: "
                        + refused.reason());
                if (countsAsGuessing(refused.reason())) {
                    Optional<Duration> waiting = backoff.recordFailure(command.client(), now);
                    if (waiting.isPresent()) {
                        return new TooManyAttempts(waiting.get());
                    }
                }
            }
            return result;
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "hand-off callback failed: store unavailable: " + e.getMessage());
            return new ServiceUnavailable();
        }
    }

    private HandoffResult check(CallbackCommand command, Instant now, List<VerificationEvent> committed) {
        Optional<TenantSettings> tenant = tenantId(command.tenant()).flatMap(id -> stores.tenants().find(id));
        Optional<HandoffSecret> secret = tenant.filter(t -> t.method() == VerificationMethod.SITE_HANDOFF)
                .flatMap(t -> t.handoff().secret());
        if (secret.isEmpty()) {
            return refused(Refusal.NOT_ENABLED);
        }
        if (command.token().isEmpty() || command.token().length() > MAX_TOKEN_LENGTH) {
            return refused(Refusal.MALFORMED);
        }
        Reading reading = tokens.readCallback(command.token(), secret.get());
        if (reading instanceof Reading.BadSignature) {
            return refused(Refusal.BAD_SIGNATURE);
        }
        if (reading instanceof Reading.WrongType) {
            return refused(Refusal.WRONG_TYPE);
        }
        if (reading instanceof Reading.Malformed) {
            return refused(Refusal.MALFORMED);
        }
        Callback callback = ((Reading.Signed) reading).callback();
        if (!now.isBefore(callback.expiresAt())) {
            return refused(Refusal.EXPIRED);
        }
        Optional<VerificationToken> jti = VerificationToken.parse(callback.jti());
        if (jti.isEmpty()) {
            return refused(Refusal.UNKNOWN_REQUEST);
        }
        DirectoryUserId member;
        try {
            member = new DirectoryUserId(callback.memberId());
        } catch (IllegalArgumentException e) {
            return refused(Refusal.INVALID_MEMBER_ID);
        }
        Optional<DisplayName> name = callback.name().flatMap(HandoffService::displayName);
        TenantSettings settings = tenant.get();
        return stores.transactions().decide(() -> use(settings, jti.get(), callback, member, name, now, committed));
    }

    /** Uses the hand-off and links; rolls the use back when the claims or the link don't hold, so nothing changes. */
    private Decision<HandoffResult> use(TenantSettings tenant, VerificationToken jti, Callback callback, DirectoryUserId member,
                                        Optional<DisplayName> name, Instant now, List<VerificationEvent> committed) {
        committed.clear(); // a retried transaction starts over
        Use use = stores.handoffs().use(jti.hash(), now);
        if (use instanceof Use.NotUsed notUsed) {
            return Decision.commit(refused(notUsed.current().filter(r -> r.tenant().equals(tenant.id()))
                    .map(HandoffService::whyUnusable).orElse(Refusal.UNKNOWN_REQUEST)));
        }
        HandoffRequest request = ((Use.Used) use).request();
        if (!request.tenant().equals(tenant.id())) {
            return Decision.rollBack(refused(Refusal.UNKNOWN_REQUEST));
        }
        if (!request.requester().id().toString().equals(callback.discordUserId().strip())
                || !request.guild().toString().equals(callback.guildId().strip())) {
            return Decision.rollBack(refused(Refusal.CLAIMS_MISMATCH));
        }
        Linking.Outcome outcome = linking.link(tenant, request.requester().id(), member, request.guild(), LinkOrigin.HANDOFF,
                linking.nicknameOf(tenant, member, name), linking.groupsOf(tenant, member), "by the organisation's site",
                request.language(), now, committed);
        if (outcome instanceof Linking.Outcome.AccountTaken) {
            committed.clear();
            return Decision.rollBack(new HandoffConflict(Conflict.ACCOUNT_ALREADY_LINKED));
        }
        if (outcome instanceof Linking.Outcome.UserTaken) {
            committed.clear();
            return Decision.rollBack(new HandoffConflict(Conflict.MEMBER_LINKED_ELSEWHERE));
        }
        stores.audit().record(new AuditEntry(tenant.id(), "handoff.completed", "the organisation's site vouched for Discord user "
                + request.requester().id() + " as " + member, now));
        return Decision.commit(new HandoffCompleted(((Linking.Outcome.Made) outcome).link()));
    }

    /**
     * Refusals of tokens not signed with the tenant's secret, which anyone can send. A callback signed with it but
     * expired, replayed or superseded comes from the organisation's site itself, which posts every member's callback
     * from one address: counting those would make the site wait for its members' slowness.
     */
    private static boolean countsAsGuessing(Refusal reason) {
        return reason == Refusal.NOT_ENABLED || reason == Refusal.MALFORMED || reason == Refusal.BAD_SIGNATURE
                || reason == Refusal.WRONG_TYPE;
    }

    private static Refusal whyUnusable(HandoffRequest request) {
        if (request.state() == SessionState.CONFIRMED) {
            return Refusal.ALREADY_USED;
        }
        if (request.state() == SessionState.SUPERSEDED) {
            return Refusal.REPLACED;
        }
        return Refusal.EXPIRED;
    }

    private static Optional<TenantId> tenantId(String text) {
        try {
            return Optional.of(new TenantId(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<DisplayName> displayName(String text) {
        try {
            return Optional.of(new DisplayName(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static CallbackRefused refused(Refusal reason) {
        return new CallbackRefused(reason);
    }
}
