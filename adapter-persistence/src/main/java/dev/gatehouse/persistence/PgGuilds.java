package dev.gatehouse.persistence;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.Guilds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guild bindings in the {@code guilds} table. {@link #find} answers from a cache of every binding, loaded at
 * start, updated after each committed save here and on {@code NOTIFY gatehouse_guilds} from other instances.
 */
final class PgGuilds implements Guilds {
    static final String CHANNEL = "gatehouse_guilds";
    private static final String COLUMNS = "guild_id, tenant_id, verified_role_id, gate_messages, set_nickname, dm_on_join,"
            + " log_channel_id, version";

    private final Jdbc jdbc;
    private volatile Map<GuildId, Versioned> cache = new ConcurrentHashMap<>();

    private record Versioned(GuildSettings settings, long version) {
    }

    PgGuilds(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<GuildSettings> find(GuildId guild) {
        Versioned cached = cache.get(guild);
        return cached == null ? Optional.empty() : Optional.of(cached.settings());
    }

    @Override
    public void save(GuildSettings g) {
        long version = jdbc.atomically("saving a guild", c -> {
            long saved;
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("""
                    INSERT INTO guilds (guild_id, tenant_id, verified_role_id, gate_messages, set_nickname, dm_on_join, log_channel_id)
                    SELECT ?, ?, ?, ?, ?, ?, ?
                    WHERE EXISTS (SELECT 1 FROM tenants WHERE tenant_id = ?)
                    ON CONFLICT (guild_id) DO UPDATE SET
                        tenant_id = EXCLUDED.tenant_id, verified_role_id = EXCLUDED.verified_role_id,
                        gate_messages = EXCLUDED.gate_messages, set_nickname = EXCLUDED.set_nickname,
                        dm_on_join = EXCLUDED.dm_on_join, log_channel_id = EXCLUDED.log_channel_id,
                        version = nextval('guild_versions')
                    RETURNING version
                    """),
                    g.guild().value(), g.tenant().value(),
                    g.verifiedRole().<Object>map(RoleId::value).orElse(Jdbc.nullOf(Types.BIGINT)),
                    g.gateMessages(), g.setNickname(), g.dmOnJoin(),
                    g.logChannel().<Object>map(ChannelId::value).orElse(Jdbc.nullOf(Types.BIGINT)),
                    g.tenant().value());
                    ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no tenant " + g.tenant());
                }
                saved = rs.getLong(1);
            }
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("SELECT pg_notify(?, ?)"), CHANNEL, g.guild().value() + "")) {
                s.execute();
            }
            return saved;
        });
        jdbc.afterCommit(() -> apply(g, version));
    }

    @Override
    public List<GuildSettings> ofTenant(TenantId tenant) {
        return jdbc.run("listing a tenant's guilds", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM guilds WHERE tenant_id = ? ORDER BY guild_id"), tenant.value());
                    ResultSet rs = s.executeQuery()) {
                List<GuildSettings> guilds = new ArrayList<>();
                while (rs.next()) {
                    guilds.add(read(rs).settings());
                }
                return List.copyOf(guilds);
            }
        });
    }

    /** Replaces the whole cache from the database (at start and after the listener reconnects). */
    void reload(Connection c) throws SQLException {
        Map<GuildId, Versioned> fresh = new ConcurrentHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM guilds"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Versioned v = read(rs);
                fresh.put(v.settings().guild(), v);
            }
        }
        cache = fresh;
    }

    /** Re-reads one guild after another instance saved it. */
    void refresh(Connection c, GuildId guild) throws SQLException {
        try (PreparedStatement s = Jdbc.bind(c.prepareStatement("SELECT " + COLUMNS + " FROM guilds WHERE guild_id = ?"), guild.value());
                ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                Versioned v = read(rs);
                apply(v.settings(), v.version());
            }
        }
    }

    private void apply(GuildSettings settings, long version) {
        cache.merge(settings.guild(), new Versioned(settings, version),
                (old, fresh) -> old.version() >= fresh.version() ? old : fresh);
    }

    private static Versioned read(ResultSet rs) throws SQLException {
        GuildSettings settings = new GuildSettings(new GuildId(rs.getLong("guild_id")), new TenantId(rs.getString("tenant_id")),
                Sql.optionalLong(rs, "verified_role_id").map(RoleId::new), rs.getBoolean("gate_messages"),
                rs.getBoolean("set_nickname"), rs.getBoolean("dm_on_join"),
                Sql.optionalLong(rs, "log_channel_id").map(ChannelId::new));
        return new Versioned(settings, rs.getLong("version"));
    }
}
