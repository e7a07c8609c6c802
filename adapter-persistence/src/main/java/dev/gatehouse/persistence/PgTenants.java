package dev.gatehouse.persistence;

import dev.gatehouse.core.model.ClientSecret;
import dev.gatehouse.core.model.DirectoryAuthority;
import dev.gatehouse.core.model.GuildBindingPolicy;
import dev.gatehouse.core.model.OidcSettings;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.RateLimits;
import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.model.VerificationLifetime;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.port.out.Tenants;
import dev.gatehouse.core.port.out.Tenants.TenantRemoval;
import dev.gatehouse.core.text.Languages;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Tenants in the {@code tenants} table; rate rules are kept as text such as {@code 3/PT1H,10/PT24H}, the question
 * as a prompt and a {@code text[]} of answers, the hand-off secret encrypted with the {@link SecretKeyRing}'s current
 * key (the tenant id authenticated with it). A secret the ring can't decrypt comes back as
 * {@link HandoffSettings#secretProblem()}, and saving such a tenant keeps the stored ciphertext.
 *
 * <p>{@link #find} answers from a cache of the tenants read so far (a confirmation reads its tenant on every
 * request). A trigger on {@code tenants} sends {@code NOTIFY gatehouse_tenants} with the tenant id for every
 * committed change, whoever made it; the {@link ChangeListener} then drops that entry here, and the whole cache
 * when it reconnects. Writes through this class drop the entry when their transaction ends too, and a thread whose
 * open transaction wrote a tenant reads the table (it must see its own uncommitted change, which must not reach the
 * cache). An entry read while a change was being dropped is not kept.
 *
 * <p>{@link #delete} removes, in one transaction, the tenant's rows from {@code tenants}, {@code sessions},
 * {@code handoff_requests}, {@code wrong_answers}, {@code directory_users} and {@code links}, and tells every
 * instance's membership index to forget the tenant's links. Sessions and hand-offs go before links: a confirmation
 * holding a session's row finishes first, and the link it made is then deleted too. It keeps {@code audit_events}; it leaves the rate-limit rows, which
 * expire on their own, so a tenant deleted and created again can't shed a block or a limit; and the
 * {@code member_updates} of its (already unbound) servers, which are keyed by server and finish as after an unbind.
 */
@Singleton
@Bean(typed = PgTenants.class)
final class PgTenants implements Tenants {
    static final String CHANNEL = "gatehouse_tenants";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Db db;
    private final TenantRepository repository;
    private final SecretKeyRing keys;
    private final TenantData data;
    private final Map<String, Optional<TenantSettings>> cache = new ConcurrentHashMap<>();
    /** Counts dropped entries, so a read that raced with a change can tell and not keep what it read. */
    private final AtomicLong drops = new AtomicLong();
    /** How many tenant writes the current thread's open transaction holds. */
    private final ThreadLocal<int[]> pendingWrites = ThreadLocal.withInitial(() -> new int[1]);
    private final TenantOidcRepository oidc;

    /** The repositories of the tables holding what a tenant keeps, and the index to tell of a deletion. */
    private record TenantData(GuildRepository guilds, DirectoryUserRepository directory, LinkRepository links, PgMembershipIndex index,
            SessionRepository sessions, HandoffRequestRepository handoffs, WrongAnswerRepository wrongAnswers) {
    }

    PgTenants(Db db, TenantRepository repository, SecretKeyRing keys, GuildRepository guilds, DirectoryUserRepository directory,
            LinkRepository links, PgMembershipIndex index, SessionRepository sessions, HandoffRequestRepository handoffs,
            WrongAnswerRepository wrongAnswers, TenantOidcRepository oidc) {
        this.db = db;
        this.oidc = oidc;
        this.repository = repository;
        this.keys = keys;
        this.data = new TenantData(guilds, directory, links, index, sessions, handoffs, wrongAnswers);
    }

    @Override
    public Optional<TenantSettings> find(TenantId id) {
        String key = id.value();
        boolean cacheable = pendingWrites.get()[0] == 0;
        if (cacheable) {
            Optional<TenantSettings> cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        long before = drops.get();
        Optional<TenantSettings> found = db.read("finding a tenant", () -> repository.findById(key)
                .map(row -> settings(row).withOidc(oidc.findById(row.tenantId()).map(this::oidc).orElse(OidcSettings.none()))));
        if (cacheable) {
            cache.put(key, found);
            if (drops.get() != before) {
                cache.remove(key, found);
            }
        }
        return found;
    }

    /** Drops one tenant's cached settings (a change to it was committed, here or by another instance). */
    void changed(String tenantId) {
        drops.incrementAndGet();
        cache.remove(tenantId);
    }

    /** Drops every cached tenant (the change feed was lost for a while). */
    void forgetAll() {
        drops.incrementAndGet();
        cache.clear();
    }

    /** Marks the tenant written by the current transaction: this thread bypasses the cache until it ends. */
    private void writing(String tenantId) {
        changed(tenantId);
        if (db.inTransaction()) {
            int[] pending = pendingWrites.get();
            pending[0]++;
            db.afterCompletion(() -> {
                pending[0]--;
                changed(tenantId);
            });
        }
    }

    /**
     * @throws SecretKeyUnavailableException if the settings carry a new secret and no secrets key is configured;
     *         nothing is written then
     */
    @Override
    public void save(TenantSettings t) {
        RateLimits limits = t.rateLimits();
        HandoffSettings handoff = t.handoff();
        boolean keep = handoff.secret().isEmpty() && handoff.secretProblem().isPresent();
        Optional<SecretKeyRing.Sealed> sealed = handoff.secret().map(secret -> seal(t.id(), secret));
        OidcSettings provider = t.oidc();
        boolean keepClient = provider.secret().isEmpty() && provider.secretProblem().isPresent();
        Optional<SecretKeyRing.Sealed> client = provider.secret().map(secret -> sealClientSecret(t.id(), secret));
        boolean writeProvider = t.method() == VerificationMethod.OIDC || !provider.equals(OidcSettings.none());
        db.write("saving a tenant", () -> {
            writing(t.id().value());
            repository.upsert(t.id().value(), t.displayName(), t.sessionLifetime(), t.unknownUserReply().name(),
                    t.relinkPolicy().name(), t.guildBinding().name(), rules(limits.perDiscordUser()),
                    rules(limits.perDirectoryUser()), rules(limits.perTenant()), limits.denialBlock(), t.method().name(),
                    handoff.siteUrl().map(URI::toString).orElse(null), handoff.lifetime(), QuestionColumns.prompt(t.question()),
                    QuestionColumns.answers(t.question()), sealed.map(SecretKeyRing.Sealed::keyId).orElse(null),
                    sealed.map(SecretKeyRing.Sealed::ciphertext).orElse(null), keep, t.retention(),
                    t.defaultLanguage().toLanguageTag(), t.timeZone().getId(), t.verificationLifetime().text(), t.reminderBefore());
            if (writeProvider) {
                oidc.upsert(t.id().value(), provider.issuer().map(URI::toString).orElse(null), provider.clientId().orElse(null),
                        client.map(SecretKeyRing.Sealed::keyId).orElse(null), client.map(SecretKeyRing.Sealed::ciphertext).orElse(null),
                        provider.scopes().toArray(String[]::new), provider.userClaim(), provider.authority().name(),
                        provider.groupsClaim(), provider.loginProblem().orElse(null), keepClient);
            }
            return null;
        });
    }

    @Override
    public List<TenantSettings> all() {
        return db.read("listing tenants", () -> {
            Map<String, OidcSettings> providers = oidc.findAll().stream().collect(Collectors.toMap(TenantOidcRow::tenantId, this::oidc));
            return repository.listOrderByTenantId().stream()
                    .map(row -> settings(row).withOidc(providers.getOrDefault(row.tenantId(), OidcSettings.none()))).toList();
        });
    }

    SecretKeyRing.Sealed seal(TenantId tenant, HandoffSecret secret) {
        try {
            return keys.seal(secretContext(tenant.value()), secret.keyBytes());
        } catch (SecretKeyUnavailableException e) {
            throw new SecretKeyUnavailableException("can't store the hand-off secret of tenant " + tenant
                    + ": no secrets key is configured (" + SecretKeys.HOW_TO_CONFIGURE + ")");
        }
    }

    SecretKeyRing.Sealed sealClientSecret(TenantId tenant, ClientSecret secret) {
        try {
            return keys.seal(clientSecretContext(tenant.value()), secret.reveal().getBytes(StandardCharsets.UTF_8));
        } catch (SecretKeyUnavailableException e) {
            throw new SecretKeyUnavailableException("can't store the client secret of tenant " + tenant
                    + ": no secrets key is configured (" + SecretKeys.HOW_TO_CONFIGURE + ")");
        }
    }

    /** What the ciphertext of a tenant's client secret is bound to, so it can't be moved to another tenant or column. */
    static String clientSecretContext(String tenantId) {
        return "gatehouse tenant_oidc.secret_sealed " + tenantId;
    }

    private OidcSettings oidc(TenantOidcRow row) {
        Optional<ClientSecret> secret = Optional.empty();
        Optional<String> problem = Optional.empty();
        if (row.secretSealed() != null) {
            SecretKeyRing.Opening opening = keys.open(clientSecretContext(row.tenantId()), row.secretKeyId(), row.secretSealed());
            if (opening instanceof SecretKeyRing.Opening.Opened opened) {
                try {
                    secret = Optional.of(new ClientSecret(new String(opened.plaintext(), StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException e) {
                    problem = Optional.of("the decrypted value is not a valid client secret");
                }
            } else {
                problem = Optional.of(((SecretKeyRing.Opening.Unopenable) opening).reason());
            }
        }
        return new OidcSettings(Optional.ofNullable(row.issuer()).map(URI::create), Optional.ofNullable(row.clientId()), secret,
                List.of(row.scopes()), row.userClaim(), DirectoryAuthority.valueOf(row.authority()), row.groupsClaim(), problem,
                Optional.ofNullable(row.loginProblem()));
    }

    /** What the ciphertext of a tenant's secret is bound to, so it can't be moved to another tenant. */
    static String secretContext(String tenantId) {
        return "gatehouse tenants.handoff_secret_sealed " + tenantId;
    }

    private TenantSettings settings(TenantRow row) {
        RateLimits limits = new RateLimits(rules(row.perDiscordUser()), rules(row.perDirectoryUser()), rules(row.perTenant()),
                row.denialBlock());
        return new TenantSettings(new TenantId(row.tenantId()), row.displayName(), row.sessionLifetime(),
                UnknownUserReply.valueOf(row.unknownUserReply()), RelinkPolicy.valueOf(row.relinkPolicy()),
                GuildBindingPolicy.valueOf(row.guildBinding()), limits, VerificationMethod.valueOf(row.method()),
                handoff(row), QuestionColumns.question(row.questionPrompt(), row.questionAnswers()), row.retention(),
                Languages.ofTag(row.defaultLanguage()).orElse(TenantSettings.DEFAULT_LANGUAGE), ZoneId.of(row.timeZone()))
                .withReverification(VerificationLifetime.parse(row.verificationLifetime()), row.reminderBefore());
    }

    private HandoffSettings handoff(TenantRow row) {
        Optional<URI> site = Optional.ofNullable(row.handoffSiteUrl()).map(URI::create);
        Optional<HandoffSecret> secret = Optional.empty();
        Optional<String> problem = Optional.empty();
        if (row.handoffSecretSealed() != null) {
            SecretKeyRing.Opening opening = keys.open(secretContext(row.tenantId()), row.handoffSecretKeyId(), row.handoffSecretSealed());
            if (opening instanceof SecretKeyRing.Opening.Opened opened) {
                try {
                    secret = Optional.of(new HandoffSecret(new String(opened.plaintext(), StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException e) {
                    problem = Optional.of("the decrypted value is not a valid secret");
                }
            } else {
                problem = Optional.of(((SecretKeyRing.Opening.Unopenable) opening).reason());
            }
        } else if (row.handoffSecret() != null) {
            secret = Optional.of(new HandoffSecret(row.handoffSecret()));
        }
        return new HandoffSettings(site, secret, row.handoffLifetime(), problem);
    }

    static String rules(List<RateRule> rules) {
        return rules.stream().map(r -> r.limit() + "/" + r.window()).collect(Collectors.joining(","));
    }

    static List<RateRule> rules(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<RateRule> rules = new ArrayList<>();
        for (String item : text.split(",")) {
            int slash = item.indexOf('/');
            rules.add(RateRule.of(Integer.parseInt(item.substring(0, slash)), Duration.parse(item.substring(slash + 1))));
        }
        return List.copyOf(rules);
    }

    /** A server bound by another transaction meanwhile makes the foreign key of {@code guilds} refuse the deletion too. */
    @Override
    public Optional<TenantRemoval> delete(TenantId id) {
        try {
            return deleteUnlessBound(id);
        } catch (Db.SqlFailure e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.sqlState())) {
                throw new IllegalStateException("a server was bound to tenant " + id + " while it was being deleted", e);
            }
            throw e;
        }
    }

    private Optional<TenantRemoval> deleteUnlessBound(TenantId id) {
        String tenant = id.value();
        return db.write("deleting a tenant", () -> {
            List<Long> bound = data.guilds().findByTenantIdOrderByGuildId(tenant).stream().map(GuildRow::guildId).toList();
            if (!bound.isEmpty()) {
                throw new IllegalStateException("servers " + bound + " are still bound to tenant " + id);
            }
            writing(tenant);
            if (repository.deleteTenant(tenant) == 0) {
                return Optional.empty();
            }
            data.sessions().deleteOfTenant(tenant);
            data.handoffs().deleteOfTenant(tenant);
            oidc.deleteOfTenant(tenant);
            data.wrongAnswers().clear(tenant);
            long users = data.directory().deleteOfTenant(tenant);
            long links = data.links().deleteOfTenant(tenant);
            long forgottenUpTo = data.links().forgetTenantAndNotify(tenant);
            db.afterCommit(() -> data.index().forgetTenant(id, forgottenUpTo));
            return Optional.of(new TenantRemoval(users, links));
        });
    }
}
