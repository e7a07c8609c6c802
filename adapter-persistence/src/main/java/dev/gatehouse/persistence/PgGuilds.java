package dev.gatehouse.persistence;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.Guilds;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guild bindings in the {@code guilds} table. {@link #find} answers from a cache of every binding, loaded at
 * start, updated after each committed save here and on {@code NOTIFY gatehouse_guilds} from other instances.
 */
@Singleton
@Bean(typed = PgGuilds.class)
final class PgGuilds implements Guilds {
    static final String CHANNEL = "gatehouse_guilds";

    private final Db db;
    private final GuildRepository repository;
    private volatile Map<GuildId, Versioned> cache = new ConcurrentHashMap<>();

    private record Versioned(GuildSettings settings, long version) {
    }

    PgGuilds(Db db, GuildRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public Optional<GuildSettings> find(GuildId guild) {
        Versioned cached = cache.get(guild);
        return cached == null ? Optional.empty() : Optional.of(cached.settings());
    }

    @Override
    public void save(GuildSettings g) {
        db.write("saving a guild", () -> {
            List<Long> saved = repository.upsertAndNotify(g.guild().value(), g.tenant().value(),
                    g.verifiedRole().map(RoleId::value).orElse(null), g.gateMessages(), g.setNickname(), g.dmOnJoin(),
                    g.logChannel().map(ChannelId::value).orElse(null), g.enabled(), g.verifyOnJoin(),
                    g.kickPolicy().kicks() ? g.kickPolicy().kickAfter().getAsInt() : null,
                    QuestionColumns.prompt(g.question()), QuestionColumns.answers(g.question()));
            if (saved.isEmpty()) {
                throw new IllegalArgumentException("no tenant " + g.tenant());
            }
            long version = saved.get(0);
            db.afterCommit(() -> apply(g, version));
            return null;
        });
    }

    @Override
    public List<GuildSettings> ofTenant(TenantId tenant) {
        return db.read("listing a tenant's guilds",
                () -> repository.findByTenantIdOrderByGuildId(tenant.value()).stream().map(r -> read(r).settings()).toList());
    }

    /** Replaces the whole cache from the database (at start and after the listener reconnects). */
    void reload() {
        Map<GuildId, Versioned> fresh = new ConcurrentHashMap<>();
        for (GuildRow row : db.read("loading the guilds", repository::findAll)) {
            Versioned v = read(row);
            fresh.put(v.settings().guild(), v);
        }
        cache = fresh;
    }

    /** Re-reads one guild after another instance saved it. */
    void refresh(GuildId guild) {
        db.read("reading a guild", () -> repository.findById(guild.value())).map(PgGuilds::read)
                .ifPresent(v -> apply(v.settings(), v.version()));
    }

    private void apply(GuildSettings settings, long version) {
        cache.merge(settings.guild(), new Versioned(settings, version),
                (old, fresh) -> old.version() >= fresh.version() ? old : fresh);
    }

    private static Versioned read(GuildRow row) {
        GuildSettings settings = new GuildSettings(new GuildId(row.guildId()), new TenantId(row.tenantId()),
                Optional.ofNullable(row.verifiedRoleId()).map(RoleId::new), row.gateMessages(), row.setNickname(), row.dmOnJoin(),
                Optional.ofNullable(row.logChannelId()).map(ChannelId::new), row.enabled(), row.verifyOnJoin(),
                new KickPolicy(row.kickAfter() == null ? OptionalInt.empty() : OptionalInt.of(row.kickAfter())),
                QuestionColumns.question(row.questionPrompt(), row.questionAnswers()));
        return new Versioned(settings, row.version());
    }

    @Override
    public Optional<GuildSettings> remove(GuildId guild) {
        throw new UnsupportedOperationException("unbinding lands with the store work of issue 14");
    }
}
