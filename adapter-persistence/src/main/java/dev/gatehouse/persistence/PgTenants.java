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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tenants in the {@code tenants} table; rate rules are kept as text such as {@code 3/PT1H,10/PT24H}, the question
 * as a prompt and a {@code text[]} of answers. Not cached: every {@link #find} reads the table.
 */
@Singleton
@Bean(typed = PgTenants.class)
final class PgTenants implements Tenants {
    private final Db db;
    private final TenantRepository repository;

    PgTenants(Db db, TenantRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public Optional<TenantSettings> find(TenantId id) {
        return db.read("finding a tenant", () -> repository.findById(id.value()).map(PgTenants::settings));
    }

    @Override
    public void save(TenantSettings t) {
        RateLimits limits = t.rateLimits();
        HandoffSettings handoff = t.handoff();
        db.write("saving a tenant", () -> {
            repository.upsert(t.id().value(), t.displayName(), t.sessionLifetime(), t.unknownUserReply().name(),
                    t.relinkPolicy().name(), t.guildBinding().name(), rules(limits.perDiscordUser()),
                    rules(limits.perDirectoryUser()), rules(limits.perTenant()), limits.denialBlock(), t.method().name(),
                    handoff.siteUrl().map(URI::toString).orElse(null), handoff.secret().map(HandoffSecret::reveal).orElse(null),
                    handoff.lifetime(), QuestionColumns.prompt(t.question()), QuestionColumns.answers(t.question()));
            return null;
        });
    }

    @Override
    public List<TenantSettings> all() {
        return db.read("listing tenants", () -> repository.listOrderByTenantId().stream().map(PgTenants::settings).toList());
    }

    private static TenantSettings settings(TenantRow row) {
        RateLimits limits = new RateLimits(rules(row.perDiscordUser()), rules(row.perDirectoryUser()), rules(row.perTenant()),
                row.denialBlock());
        return new TenantSettings(new TenantId(row.tenantId()), row.displayName(), row.sessionLifetime(),
                UnknownUserReply.valueOf(row.unknownUserReply()), RelinkPolicy.valueOf(row.relinkPolicy()),
                GuildBindingPolicy.valueOf(row.guildBinding()), limits, VerificationMethod.valueOf(row.method()),
                new HandoffSettings(Optional.ofNullable(row.handoffSiteUrl()).map(URI::create),
                        Optional.ofNullable(row.handoffSecret()).map(HandoffSecret::new), row.handoffLifetime()),
                QuestionColumns.question(row.questionPrompt(), row.questionAnswers()));
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
}
