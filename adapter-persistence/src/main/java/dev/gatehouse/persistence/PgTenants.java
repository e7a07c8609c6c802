package dev.gatehouse.persistence;

import dev.gatehouse.core.model.GuildBindingPolicy;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.RateLimits;
import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.port.out.Tenants;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tenants in the {@code tenants} table; rate rules are kept as text such as {@code 3/PT1H,10/PT24H}, the question
 * as a prompt and a {@code text[]} of answers, the hand-off secret encrypted with the {@link SecretKeyRing}'s current
 * key (the tenant id authenticated with it). A secret the ring can't decrypt comes back as
 * {@link HandoffSettings#secretProblem()}, and saving such a tenant keeps the stored ciphertext. Not cached: every
 * {@link #find} reads the table.
 */
@Singleton
@Bean(typed = PgTenants.class)
final class PgTenants implements Tenants {
    private final Db db;
    private final TenantRepository repository;
    private final SecretKeyRing keys;

    PgTenants(Db db, TenantRepository repository, SecretKeyRing keys) {
        this.db = db;
        this.repository = repository;
        this.keys = keys;
    }

    @Override
    public Optional<TenantSettings> find(TenantId id) {
        return db.read("finding a tenant", () -> repository.findById(id.value()).map(this::settings));
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
        db.write("saving a tenant", () -> {
            repository.upsert(t.id().value(), t.displayName(), t.sessionLifetime(), t.unknownUserReply().name(),
                    t.relinkPolicy().name(), t.guildBinding().name(), rules(limits.perDiscordUser()),
                    rules(limits.perDirectoryUser()), rules(limits.perTenant()), limits.denialBlock(), t.method().name(),
                    handoff.siteUrl().map(URI::toString).orElse(null), handoff.lifetime(), QuestionColumns.prompt(t.question()),
                    QuestionColumns.answers(t.question()), sealed.map(SecretKeyRing.Sealed::keyId).orElse(null),
                    sealed.map(SecretKeyRing.Sealed::ciphertext).orElse(null), keep, t.retention());
            return null;
        });
    }

    @Override
    public List<TenantSettings> all() {
        return db.read("listing tenants", () -> repository.listOrderByTenantId().stream().map(this::settings).toList());
    }

    SecretKeyRing.Sealed seal(TenantId tenant, HandoffSecret secret) {
        try {
            return keys.seal(secretContext(tenant.value()), secret.keyBytes());
        } catch (SecretKeyUnavailableException e) {
            throw new SecretKeyUnavailableException("can't store the hand-off secret of tenant " + tenant
                    + ": no secrets key is configured (" + SecretKeys.HOW_TO_CONFIGURE + ")");
        }
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
                handoff(row), QuestionColumns.question(row.questionPrompt(), row.questionAnswers()), row.retention());
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

    @Override
    public Optional<dev.gatehouse.core.port.out.Tenants.TenantRemoval> delete(TenantId id) {
        throw new UnsupportedOperationException("tenant deletion lands with the store work of issue 14");
    }
}
