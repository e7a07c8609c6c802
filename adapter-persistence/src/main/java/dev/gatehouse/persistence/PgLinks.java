package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.Links;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Links in the {@code links} table, unique per (tenant, Discord user) and per (tenant, directory user) by
 * constraints. Each insert and delete sends {@code NOTIFY gatehouse_links} in the same transaction and updates
 * this instance's membership index after commit.
 */
final class PgLinks implements Links {
    static final String CHANNEL = "gatehouse_links";
    private static final String COLUMNS = "tenant_id, discord_user_id, directory_user_id, linked_at, origin";
    private static final int INSERT_ATTEMPTS = 5;

    private final Jdbc jdbc;
    private final PgMembershipIndex index;

    PgLinks(Jdbc jdbc, PgMembershipIndex index) {
        this.jdbc = jdbc;
        this.index = index;
    }

    @Override
    public Optional<Link> findByDiscordUser(TenantId tenant, DiscordUserId discordUser) {
        return jdbc.run("finding a link", c -> findByDiscordUser(c, tenant, discordUser));
    }

    @Override
    public Optional<Link> findByDirectoryUser(TenantId tenant, DirectoryUserId directoryUser) {
        return jdbc.run("finding a link", c -> findByDirectoryUser(c, tenant, directoryUser));
    }

    @Override
    public LinkInsert insert(Link link) {
        record Outcome(LinkInsert result, long version) {
        }
        Outcome outcome = jdbc.run("inserting a link", c -> {
            for (int attempt = 1; attempt <= INSERT_ATTEMPTS; attempt++) {
                try (PreparedStatement s = Jdbc.bind(c.prepareStatement("""
                        WITH inserted AS (
                            INSERT INTO links (tenant_id, discord_user_id, directory_user_id, linked_at, origin)
                            VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT DO NOTHING
                            RETURNING tenant_id, discord_user_id, version)
                        SELECT version, pg_notify(?, '+|' || version || '|' || tenant_id || '|' || discord_user_id) FROM inserted
                        """), link.tenant().value(), link.discordUser().value(), link.directoryUser().value(),
                        Sql.timestamp(link.linkedAt()), link.origin().name(), CHANNEL);
                        ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return new Outcome(new LinkInsert.Inserted(link), rs.getLong(1));
                    }
                }
                Optional<Link> byDiscord = findByDiscordUser(c, link.tenant(), link.discordUser());
                if (byDiscord.isPresent()) {
                    return new Outcome(new LinkInsert.DiscordUserTaken(byDiscord.get()), 0);
                }
                Optional<Link> byDirectory = findByDirectoryUser(c, link.tenant(), link.directoryUser());
                if (byDirectory.isPresent()) {
                    return new Outcome(new LinkInsert.DirectoryUserTaken(byDirectory.get()), 0);
                }
            }
            throw new IllegalStateException("the link kept conflicting with links that vanished before they could be read");
        });
        if (outcome.result() instanceof LinkInsert.Inserted) {
            jdbc.afterCommit(() -> index.apply(link.tenant(), link.discordUser().value(), outcome.version(), true));
        }
        return outcome.result();
    }

    @Override
    public Optional<Link> remove(TenantId tenant, DiscordUserId discordUser) {
        record Removed(Link link, long version) {
        }
        Optional<Removed> removed = jdbc.run("removing a link", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("""
                    WITH removed AS (
                        DELETE FROM links WHERE tenant_id = ? AND discord_user_id = ?
                        RETURNING tenant_id, discord_user_id, directory_user_id, linked_at, origin),
                    versioned AS (SELECT removed.*, nextval('link_versions') AS version FROM removed)
                    SELECT versioned.*, pg_notify(?, '-|' || version || '|' || tenant_id || '|' || discord_user_id) FROM versioned
                    """), tenant.value(), discordUser.value(), CHANNEL);
                    ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Removed(read(rs), rs.getLong("version"))) : Optional.empty();
            }
        });
        removed.ifPresent(r -> jdbc.afterCommit(() -> index.apply(tenant, discordUser.value(), r.version(), false)));
        return removed.map(Removed::link);
    }

    @Override
    public List<Link> list(TenantId tenant, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit can't be negative");
        }
        return jdbc.run("listing links", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("SELECT " + COLUMNS
                    + " FROM links WHERE tenant_id = ? ORDER BY linked_at, discord_user_id OFFSET ? LIMIT ?"), tenant.value(), offset, limit);
                    ResultSet rs = s.executeQuery()) {
                List<Link> links = new ArrayList<>();
                while (rs.next()) {
                    links.add(read(rs));
                }
                return List.copyOf(links);
            }
        });
    }

    @Override
    public long count(TenantId tenant) {
        return jdbc.run("counting links", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("SELECT count(*) FROM links WHERE tenant_id = ?"), tenant.value());
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static Optional<Link> findByDiscordUser(Connection c, TenantId tenant, DiscordUserId discordUser) throws SQLException {
        try (PreparedStatement s = Jdbc.bind(c.prepareStatement("SELECT " + COLUMNS
                + " FROM links WHERE tenant_id = ? AND discord_user_id = ?"), tenant.value(), discordUser.value());
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static Optional<Link> findByDirectoryUser(Connection c, TenantId tenant, DirectoryUserId directoryUser) throws SQLException {
        try (PreparedStatement s = Jdbc.bind(c.prepareStatement("SELECT " + COLUMNS
                + " FROM links WHERE tenant_id = ? AND directory_user_id = ?"), tenant.value(), directoryUser.value());
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static Link read(ResultSet rs) throws SQLException {
        return new Link(new TenantId(rs.getString("tenant_id")), new DiscordUserId(rs.getLong("discord_user_id")),
                new DirectoryUserId(rs.getString("directory_user_id")), Sql.instant(rs, "linked_at"),
                LinkOrigin.valueOf(rs.getString("origin")));
    }
}
