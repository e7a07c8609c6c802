package dev.gatehouse.core.service;

import dev.gatehouse.core.event.VerificationEvent;
import dev.gatehouse.core.model.DirectoryAuthority;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.OidcSettings;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.SignInRequest;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.SignInWithProvider;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.SignInRequests.Use;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.TokenSource;
import dev.gatehouse.core.port.out.Transactions.Decision;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The protocol-independent half of a sign-in with an identity provider: the pending request, its binding to
 * {@code state}, {@code nonce} and verifier (stored as hashes), one use within 10 minutes, newest wins, and the link
 * made as a confirmed email link makes it. A missing claim is remembered on the tenant for {@code status}.
 */
public final class SignInService implements SignInWithProvider {
    private static final System.Logger LOG = System.getLogger(SignInService.class.getName());

    private final Stores stores;
    private final Clock clock;
    private final TokenSource tokens;
    private final Linking linking;
    private final EventBus events;

    public SignInService(Stores stores, Clock clock, TokenSource tokens, EventBus events) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.linking = new Linking(stores);
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public PreviewResult preview(String linkToken) {
        return guarded(() -> {
            Optional<TokenHash> hash = VerificationToken.parse(linkToken).map(VerificationToken::hash);
            Optional<SignInRequest> request = hash.flatMap(h -> stores.signIns().findByLink(h));
            if (request.isEmpty()) {
                return new SignInRefused(Refusal.UNKNOWN);
            }
            if (!request.get().isOpenAt(clock.instant())) {
                return new SignInRefused(whyUnusable(request.get()));
            }
            Optional<TenantSettings> tenant = enabledTenant(request.get());
            if (tenant.isEmpty()) {
                return new SignInRefused(Refusal.NOT_ENABLED);
            }
            return new SignInPreview(tenant.get().id(), tenant.get().displayName(), request.get().requester(),
                    request.get().guildName(), request.get().expiresAt());
        });
    }

    @Override
    public BeginResult begin(String linkToken) {
        return guarded(() -> {
            Instant now = clock.instant();
            Optional<TokenHash> hash = VerificationToken.parse(linkToken).map(VerificationToken::hash);
            Optional<SignInRequest> request = hash.flatMap(h -> stores.signIns().findByLink(h));
            if (request.isEmpty()) {
                return new SignInRefused(Refusal.UNKNOWN);
            }
            if (!request.get().isOpenAt(now)) {
                return new SignInRefused(whyUnusable(request.get()));
            }
            Optional<TenantSettings> tenant = enabledTenant(request.get());
            if (tenant.isEmpty()) {
                return new SignInRefused(Refusal.NOT_ENABLED);
            }
            VerificationToken state = tokens.next();
            VerificationToken nonce = tokens.next();
            VerificationToken verifier = tokens.next();
            SignInRequest.Binding binding = new SignInRequest.Binding(state.hash(), nonce.hash(), verifier.hash());
            Optional<SignInRequest> bound = stores.signIns().bind(hash.get(), binding, now);
            if (bound.isEmpty()) {
                return new SignInRefused(Refusal.EXPIRED);
            }
            return new SignInBegun(tenant.get().oidc(), state, nonce, verifier, bound.get().expiresAt());
        });
    }

    @Override
    public AwaitResult awaiting(Secrets secrets) {
        return guarded(() -> {
            Optional<SignInRequest.Binding> binding = binding(secrets);
            if (binding.isEmpty()) {
                return new SignInRefused(Refusal.UNKNOWN);
            }
            Optional<SignInRequest> request = stores.signIns().findByState(binding.get().stateHash());
            Optional<Refusal> refusal = refusal(request, binding.get(), clock.instant());
            if (refusal.isPresent()) {
                return new SignInRefused(refusal.get());
            }
            Optional<TenantSettings> tenant = enabledTenant(request.get());
            if (tenant.isEmpty()) {
                return new SignInRefused(Refusal.NOT_ENABLED);
            }
            return new AwaitingProvider(tenant.get().id(), tenant.get().oidc());
        });
    }

    @Override
    public SignInResult complete(Secrets secrets, ProviderClaims claims) {
        return guarded(() -> {
            Instant now = clock.instant();
            Optional<SignInRequest.Binding> binding = binding(secrets);
            if (binding.isEmpty()) {
                return new SignInRefused(Refusal.UNKNOWN);
            }
            Optional<SignInRequest> request = stores.signIns().findByState(binding.get().stateHash());
            Optional<Refusal> refusal = refusal(request, binding.get(), now);
            if (refusal.isPresent()) {
                return new SignInRefused(refusal.get());
            }
            Optional<TenantSettings> found = enabledTenant(request.get());
            if (found.isEmpty()) {
                return new SignInRefused(Refusal.NOT_ENABLED);
            }
            TenantSettings tenant = found.get();
            OidcSettings oidc = tenant.oidc();
            Optional<DirectoryUserId> member = text(claims.claims().get(oidc.userClaim())).flatMap(SignInService::userId);
            if (member.isEmpty()) {
                rememberMissingClaim(tenant, claims);
                return new SignInRefused(Refusal.MISSING_CLAIM);
            }
            if (oidc.authority() == DirectoryAuthority.DIRECTORY_REQUIRED
                    && stores.directory().find(tenant.id(), member.get()).isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "sign-in for tenant " + tenant.id() + " refused: " + member.get() + " is not in the directory");
                return new SignInRefused(Refusal.NOT_IN_DIRECTORY);
            }
            Optional<DisplayName> name = oidc.authority() == DirectoryAuthority.PROVIDER
                    ? text(claims.claims().get("name")).flatMap(SignInService::displayName) : Optional.empty();
            Optional<Set<GroupName>> groups = oidc.authority() == DirectoryAuthority.PROVIDER
                    ? Optional.of(groups(claims.claims().get(oidc.groupsClaim()))) : Optional.empty();
            List<VerificationEvent> committed = new ArrayList<>();
            SignInResult result = stores.transactions().decide(() -> use(tenant, binding.get(), member.get(), name, groups, now,
                    committed));
            events.publish(committed);
            return result;
        });
    }

    private Decision<SignInResult> use(TenantSettings tenant, SignInRequest.Binding binding, DirectoryUserId member,
                                       Optional<DisplayName> name, Optional<Set<GroupName>> providerGroups, Instant now,
                                       List<VerificationEvent> committed) {
        committed.clear();
        Use use = stores.signIns().use(binding, now);
        if (use instanceof Use.NotUsed notUsed) {
            return Decision.commit(new SignInRefused(refusal(notUsed.current(), binding, now).orElse(Refusal.ALREADY_USED)));
        }
        SignInRequest request = ((Use.Used) use).request();
        Optional<DisplayName> nickname = linking.nicknameOf(tenant, member, name);
        Linking.Outcome outcome = linking.link(tenant, request.requester().id(), member, request.guild(), LinkOrigin.OIDC,
                nickname, providerGroups.orElseGet(() -> linking.groupsOf(tenant, member)), "by the identity provider",
                Optional.empty(), now, committed); // a sign-in request doesn't keep the member's language
        if (outcome instanceof Linking.Outcome.AccountTaken) {
            committed.clear();
            return Decision.rollBack(new SignInConflict(Conflict.ACCOUNT_ALREADY_LINKED));
        }
        if (outcome instanceof Linking.Outcome.UserTaken) {
            committed.clear();
            return Decision.rollBack(new SignInConflict(Conflict.USER_LINKED_ELSEWHERE));
        }
        stores.audit().record(new AuditEntry(tenant.id(), "signin.completed", "the identity provider signed in Discord user "
                + request.requester().id() + " as " + member, now));
        return Decision.commit(new SignedIn(((Linking.Outcome.Made) outcome).link(), request.requester(),
                nickname.map(DisplayName::value).orElse(member.value()), tenant.displayName(), request.guildName()));
    }

    private void rememberMissingClaim(TenantSettings tenant, ProviderClaims claims) {
        String problem = "the provider's ID token has no usable claim \"" + tenant.oidc().userClaim() + "\"; it sent: "
                + String.join(", ", claims.claims().keySet().stream().sorted().toList());
        LOG.log(System.Logger.Level.WARNING, "sign-in for tenant " + tenant.id() + " refused: " + problem);
        stores.transactions().inTransaction(() -> {
            stores.tenants().find(tenant.id()).ifPresent(current ->
                    stores.tenants().save(current.withOidc(current.oidc().withLoginProblem(problem))));
            stores.audit().record(new AuditEntry(tenant.id(), "signin.missing_claim", problem, clock.instant()));
            return null;
        });
    }

    private Optional<TenantSettings> enabledTenant(SignInRequest request) {
        return stores.tenants().find(request.tenant()).filter(t -> t.method() == VerificationMethod.OIDC)
                .filter(t -> t.oidc().issuer().isPresent() && t.oidc().clientId().isPresent() && t.oidc().secret().isPresent());
    }

    private static Optional<Refusal> refusal(Optional<SignInRequest> request, SignInRequest.Binding binding, Instant now) {
        if (request.isEmpty()) {
            return Optional.of(Refusal.UNKNOWN);
        }
        if (!request.get().binding().map(binding::equals).orElse(false)) {
            return Optional.of(Refusal.MISMATCH);
        }
        if (!request.get().isOpenAt(now)) {
            return Optional.of(whyUnusable(request.get()));
        }
        return Optional.empty();
    }

    private static Optional<SignInRequest.Binding> binding(Secrets secrets) {
        Optional<VerificationToken> state = VerificationToken.parse(secrets.state());
        Optional<VerificationToken> nonce = VerificationToken.parse(secrets.nonce());
        Optional<VerificationToken> verifier = VerificationToken.parse(secrets.verifier());
        if (state.isEmpty()) {
            return Optional.empty();
        }
        TokenHash none = new TokenHash("0".repeat(64));
        return Optional.of(new SignInRequest.Binding(state.get().hash(), nonce.map(VerificationToken::hash).orElse(none),
                verifier.map(VerificationToken::hash).orElse(none)));
    }

    private static Refusal whyUnusable(SignInRequest request) {
        if (request.state() == SessionState.CONFIRMED) {
            return Refusal.ALREADY_USED;
        }
        if (request.state() == SessionState.SUPERSEDED) {
            return Refusal.REPLACED;
        }
        return Refusal.EXPIRED;
    }

    /** The provider's groups claim: a list of names or one {@code ;}-separated string; names that can't be groups are skipped. */
    private static Set<GroupName> groups(Object claim) {
        List<?> values = claim instanceof List<?> list ? list : claim instanceof String cell ? List.of(cell.split(GroupName.SEPARATOR)) : List.of();
        Set<GroupName> groups = new TreeSet<>();
        for (Object value : values) {
            if (value instanceof String name && !name.isBlank()) {
                try {
                    groups.add(new GroupName(name));
                } catch (IllegalArgumentException e) {
                    LOG.log(System.Logger.Level.DEBUG, "skipped a group the provider named: " + e.getMessage());
                }
            }
        }
        return groups;
    }

    private static Optional<String> text(Object claim) {
        if (claim instanceof String s) {
            return Optional.of(s);
        }
        if (claim instanceof Number || claim instanceof Boolean) {
            return Optional.of(claim.toString());
        }
        return Optional.empty();
    }

    private static Optional<DirectoryUserId> userId(String text) {
        try {
            return Optional.of(new DirectoryUserId(text));
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

    private static <R> R guarded(Supplier<R> work) {
        try {
            return work.get();
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "sign-in failed: store unavailable: " + e.getMessage());
            @SuppressWarnings("unchecked")
            R unavailable = (R) new ServiceUnavailable();
            return unavailable;
        }
    }
}
