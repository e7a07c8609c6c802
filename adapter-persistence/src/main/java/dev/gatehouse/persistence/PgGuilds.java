package dev.gatehouse.persistence;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.UnverifiedRemoval;
import dev.gatehouse.core.port.out.Guilds;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Guild bindings in the {@code guilds} table. {@link #find} and {@link #ofTenant} answer from a cache of every binding, loaded at
 * start, updated after each committed save or removal here and on {@code NOTIFY gatehouse_guilds} from other
 * instances: a save notifies the guild id, a removal {@code guild|version}. A removal stays in the cache as an
 * empty entry with its version, so a save older than it that arrives late can't bring the binding back.
 */
@Singleton
@Bean(typed = PgGuilds.class)
final class PgGuilds implements Guilds {
    static final String CHANNEL = "gatehouse_guilds";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Db db;
    private final GuildRepository repository;
    private volatile Map<GuildId, Versioned> cache = new ConcurrentHashMap<>();
    /** Counts changes to the cache, so {@link #ofTenant}'s grouping can tell it is out of date. */
    private final AtomicLong changes = new AtomicLong();
    private volatile ByTenant byTenant = new ByTenant(-1, Map.of());

    /** The cached bindings grouped by tenant, in guild order, as of a number of changes. */
    private record ByTenant(long changes, Map<TenantId, List<GuildSettings>> guilds) {
    }

    /** A binding, or its removal (empty), with the version the database gave the change. */
    private record Versioned(Optional<GuildSettings> settings, long version) {
    }

    PgGuilds(Db db, GuildRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public Optional<GuildSettings> find(GuildId guild) {
        Versioned cached = cache.get(guild);
        return cached == null ? Optional.empty() : cached.settings();
    }

    /** @throws IllegalArgumentException if there is no such tenant, also if it is deleted by another transaction meanwhile */
    @Override
    public void save(GuildSettings g) {
        try {
            upsert(g);
        } catch (Db.SqlFailure e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.sqlState())) {
                throw new IllegalArgumentException("no tenant " + g.tenant() + " (deleted while the server was being bound)", e);
            }
            throw e;
        }
    }

    private void upsert(GuildSettings g) {
        db.write("saving a guild", () -> {
            List<Long> saved = repository.upsertAndNotify(g.guild().value(), g.tenant().value(),
                    g.verifiedRole().map(RoleId::value).orElse(null), g.gateMessages(), g.setNickname(), g.dmOnJoin(),
                    g.logChannel().map(ChannelId::value).orElse(null), g.enabled(), g.verifyOnJoin(),
                    g.kickPolicy().kicks() ? g.kickPolicy().kickAfter().getAsInt() : null,
                    QuestionColumns.prompt(g.question()), QuestionColumns.answers(g.question()), groupRoles(g.groupRoles()),
                    g.removeUnverified().after().map(Duration::toSeconds).orElse(null));
            if (saved.isEmpty()) {
                throw new IllegalArgumentException("no tenant " + g.tenant());
            }
            long version = saved.get(0);
            db.afterCommit(() -> apply(g.guild(), new Versioned(Optional.of(g), version)));
            return null;
        });
    }

    /** From the cache, like {@link #find}: a confirmation asks for its tenant's servers on every request. */
    @Override
    public List<GuildSettings> ofTenant(TenantId tenant) {
        ByTenant grouped = byTenant;
        long now = changes.get();
        if (grouped.changes() != now) {
            grouped = new ByTenant(now, cache.values().stream().flatMap(v -> v.settings().stream())
                    .sorted(Comparator.comparingLong(g -> g.guild().value()))
                    .collect(Collectors.groupingBy(GuildSettings::tenant, Collectors.toUnmodifiableList())));
            byTenant = grouped;
        }
        return grouped.guilds().getOrDefault(tenant, List.of());
    }

    /** Replaces the whole cache from the database (at start and after the listener reconnects). */
    void reload() {
        Map<GuildId, Versioned> fresh = new ConcurrentHashMap<>();
        for (GuildRow row : db.read("loading the guilds", repository::findAll)) {
            fresh.put(new GuildId(row.guildId()), read(row));
        }
        cache = fresh;
        changes.incrementAndGet();
    }

    /** Re-reads one guild after an instance saved it; a binding found no longer in the table is dropped. */
    void refresh(GuildId guild) {
        Optional<GuildRow> row = db.read("reading a guild", () -> repository.findById(guild.value()));
        if (row.isPresent()) {
            apply(guild, read(row.get()));
        } else {
            cache.computeIfPresent(guild, (id, cached) -> cached.settings().isPresent() ? null : cached);
            changes.incrementAndGet();
        }
    }

    /** Records that an instance removed the guild's binding with the given version. */
    void removed(GuildId guild, long version) {
        apply(guild, new Versioned(Optional.empty(), version));
    }

    private void apply(GuildId guild, Versioned change) {
        cache.merge(guild, change, (old, fresh) -> old.version() >= fresh.version() ? old : fresh);
        changes.incrementAndGet();
    }

    private static Versioned read(GuildRow row) {
        return new Versioned(Optional.of(settings(row)), row.version());
    }

    private static GuildSettings settings(GuildRow row) {
        return new GuildSettings(new GuildId(row.guildId()), new TenantId(row.tenantId()),
                Optional.ofNullable(row.verifiedRoleId()).map(RoleId::new), row.gateMessages(), row.setNickname(), row.dmOnJoin(),
                Optional.ofNullable(row.logChannelId()).map(ChannelId::new), row.enabled(), row.verifyOnJoin(),
                new KickPolicy(row.kickAfter() == null ? OptionalInt.empty() : OptionalInt.of(row.kickAfter())),
                QuestionColumns.question(row.questionPrompt(), row.questionAnswers()), groupRoles(row.groupRoles()),
                new UnverifiedRemoval(Optional.ofNullable(row.removeUnverifiedAfterSeconds()).map(Duration::ofSeconds)));
    }

    /** {@code group=role;group=role}, sorted by group. */
    static String groupRoles(SortedMap<GroupName, RoleId> roles) {
        return roles.entrySet().stream().map(e -> e.getKey().value() + "=" + e.getValue().value()).collect(Collectors.joining(";"));
    }

    static SortedMap<GroupName, RoleId> groupRoles(String column) {
        SortedMap<GroupName, RoleId> roles = new TreeMap<>();
        if (column != null && !column.isEmpty()) {
            for (String pair : column.split(";")) {
                int eq = pair.lastIndexOf('=');
                roles.put(new GroupName(pair.substring(0, eq)), new RoleId(Long.parseLong(pair.substring(eq + 1))));
            }
        }
        return roles;
    }

    @Override
    public Optional<GuildSettings> remove(GuildId guild) {
        return db.write("removing a guild", () -> {
            List<GuildRow> removed = repository.deleteAndNotify(guild.value());
            if (removed.isEmpty()) {
                return Optional.empty();
            }
            long version = removed.get(0).version();
            db.afterCommit(() -> removed(guild, version));
            return Optional.of(settings(removed.get(0)));
        });
    }
}
