package dev.gatehouse.persistence;

import dev.gatehouse.core.model.GuildBindingPolicy;
import dev.gatehouse.core.model.RateLimits;
import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.port.out.Tenants;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Tenants in the {@code tenants} table; rate rules are kept as text such as {@code 3/PT1H,10/PT24H}. */
final class PgTenants implements Tenants {
    private static final String COLUMNS = "tenant_id, display_name, unknown_user_reply, relink_policy, guild_binding,"
            + " per_discord_user, per_directory_user, per_tenant,"
            + " (extract(epoch from session_lifetime) * 1000000)::bigint AS session_lifetime_us,"
            + " (extract(epoch from denial_block) * 1000000)::bigint AS denial_block_us";

    private final Jdbc jdbc;

    PgTenants(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<TenantSettings> find(TenantId id) {
        return jdbc.run("finding a tenant", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("SELECT " + COLUMNS + " FROM tenants WHERE tenant_id = ?"), id.value());
                    ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public void save(TenantSettings t) {
        RateLimits limits = t.rateLimits();
        jdbc.run("saving a tenant", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("""
                    INSERT INTO tenants (tenant_id, display_name, session_lifetime, unknown_user_reply, relink_policy,
                                         guild_binding, per_discord_user, per_directory_user, per_tenant, denial_block)
                    VALUES (?, ?, ?::interval, ?, ?, ?, ?, ?, ?, ?::interval)
                    ON CONFLICT (tenant_id) DO UPDATE SET
                        display_name = EXCLUDED.display_name, session_lifetime = EXCLUDED.session_lifetime,
                        unknown_user_reply = EXCLUDED.unknown_user_reply, relink_policy = EXCLUDED.relink_policy,
                        guild_binding = EXCLUDED.guild_binding, per_discord_user = EXCLUDED.per_discord_user,
                        per_directory_user = EXCLUDED.per_directory_user, per_tenant = EXCLUDED.per_tenant,
                        denial_block = EXCLUDED.denial_block
                    """),
                    t.id().value(), t.displayName(), Sql.interval(t.sessionLifetime()), t.unknownUserReply().name(),
                    t.relinkPolicy().name(), t.guildBinding().name(), rules(limits.perDiscordUser()),
                    rules(limits.perDirectoryUser()), rules(limits.perTenant()), Sql.interval(limits.denialBlock()))) {
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<TenantSettings> all() {
        return jdbc.run("listing tenants", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM tenants ORDER BY tenant_id");
                    ResultSet rs = s.executeQuery()) {
                List<TenantSettings> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(read(rs));
                }
                return List.copyOf(all);
            }
        });
    }

    private static TenantSettings read(ResultSet rs) throws SQLException {
        RateLimits limits = new RateLimits(rules(rs.getString("per_discord_user")), rules(rs.getString("per_directory_user")),
                rules(rs.getString("per_tenant")), Sql.micros(rs, "denial_block_us"));
        return new TenantSettings(new TenantId(rs.getString("tenant_id")), rs.getString("display_name"),
                Sql.micros(rs, "session_lifetime_us"), UnknownUserReply.valueOf(rs.getString("unknown_user_reply")),
                RelinkPolicy.valueOf(rs.getString("relink_policy")), GuildBindingPolicy.valueOf(rs.getString("guild_binding")),
                limits);
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
