package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.Links;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Links in the {@code links} table: its primary key allows one link per Discord user and tenant, a unique
 * constraint one per directory user and tenant. An insert is {@code INSERT … ON CONFLICT DO NOTHING}; when it
 * inserts nothing, reading both sides tells which is taken, retried if the conflicting link vanished meanwhile.
 * Each insert and delete sends {@code NOTIFY gatehouse_links} in the same statement and updates this instance's
 * membership index after commit. Payloads: {@code +|version|tenant|discord user} for a link,
 * {@code -|version|tenant|discord user} for an unlink, {@code !|version|tenant} when a tenant's links were all
 * deleted with it (see {@link PgTenants#delete}), {@code *} after an import (reload everything). The re-verification
 * sweep takes its batches with {@code FOR UPDATE SKIP LOCKED}, so instances sweeping at once take different links and
 * a link marked or removed by one is not seen again by another.
 */
@Singleton
@Bean(typed = PgLinks.class)
final class PgLinks implements Links {
    static final String CHANNEL = "gatehouse_links";
    private static final int INSERT_ATTEMPTS = 5;

    private final Db db;
    private final LinkRepository repository;
    private final PgMembershipIndex index;

    PgLinks(Db db, LinkRepository repository, PgMembershipIndex index) {
        this.db = db;
        this.repository = repository;
        this.index = index;
    }

    @Override
    public Optional<Link> findByDiscordUser(TenantId tenant, DiscordUserId discordUser) {
        return db.read("finding a link", () -> repository.findById(new LinkRow.Key(tenant.value(), discordUser.value()))).map(PgLinks::link);
    }

    @Override
    public Optional<Link> findByDirectoryUser(TenantId tenant, DirectoryUserId directoryUser) {
        return db.read("finding a link", () -> repository.findByDirectoryUser(tenant.value(), directoryUser.value())).map(PgLinks::link);
    }

    @Override
    public LinkInsert insert(Link link) {
        return db.write("inserting a link", () -> {
            for (int attempt = 1; attempt <= INSERT_ATTEMPTS; attempt++) {
                List<Long> inserted = repository.insertAndNotify(link.tenant().value(), link.discordUser().value(),
                        link.directoryUser().value(), link.linkedAt(), link.origin().name(), Sql.languageTag(link.language()));
                if (!inserted.isEmpty()) {
                    long version = inserted.get(0);
                    db.afterCommit(() -> index.apply(link.tenant(), link.discordUser().value(), version, true));
                    return new LinkInsert.Inserted(link);
                }
                Optional<Link> byDiscord = findByDiscordUser(link.tenant(), link.discordUser());
                if (byDiscord.isPresent()) {
                    return new LinkInsert.DiscordUserTaken(byDiscord.get());
                }
                Optional<Link> byDirectory = findByDirectoryUser(link.tenant(), link.directoryUser());
                if (byDirectory.isPresent()) {
                    return new LinkInsert.DirectoryUserTaken(byDirectory.get());
                }
            }
            throw new IllegalStateException("the link kept conflicting with links that vanished before they could be read");
        });
    }

    @Override
    public Optional<Link> remove(TenantId tenant, DiscordUserId discordUser) {
        return db.write("removing a link", () -> {
            List<LinkRow> removed = repository.deleteAndNotify(tenant.value(), discordUser.value());
            if (removed.isEmpty()) {
                return Optional.empty();
            }
            LinkRow row = removed.get(0);
            db.afterCommit(() -> index.apply(tenant, discordUser.value(), row.version(), false));
            return Optional.of(link(row));
        });
    }

    @Override
    public List<Link> list(TenantId tenant, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit can't be negative");
        }
        return db.read("listing links", () -> repository.listOfTenant(tenant.value(), offset, limit).stream().map(PgLinks::link).toList());
    }

    @Override
    public long count(TenantId tenant) {
        return db.read("counting links", () -> repository.countOfTenant(tenant.value()));
    }

    @Override
    public List<DueLink> claimReminders(TenantId tenant, Instant linkedBefore, Instant now, int limit) {
        requirePositive(limit);
        return db.write("marking links reminded", () -> db.jdbc("marking links reminded", c -> due(c, tenant, """
                WITH due AS (
                    SELECT tenant_id, discord_user_id FROM links
                    WHERE tenant_id = ? AND linked_at < ? AND reminded_at IS NULL
                    ORDER BY linked_at, discord_user_id LIMIT ? FOR UPDATE SKIP LOCKED),
                d AS (
                    UPDATE links l SET reminded_at = ? FROM due
                    WHERE l.tenant_id = due.tenant_id AND l.discord_user_id = due.discord_user_id
                    RETURNING l.tenant_id, l.discord_user_id, l.directory_user_id, l.linked_at, l.origin, 0::bigint AS version,
                        l.language)
                SELECT d.discord_user_id, d.directory_user_id, d.linked_at, d.origin, d.version, d.language
                FROM d ORDER BY d.linked_at, d.discord_user_id
                """, tenant.value(), Sql.timestamp(linkedBefore), limit, Sql.timestamp(now))));
    }

    @Override
    public List<DueLink> removeLapsed(TenantId tenant, Instant linkedBefore, int limit) {
        requirePositive(limit);
        return db.write("removing lapsed links", () -> db.jdbc("removing lapsed links", c -> due(c, tenant, """
                WITH lapsed AS (
                    SELECT tenant_id, discord_user_id FROM links
                    WHERE tenant_id = ? AND linked_at < ?
                    ORDER BY linked_at, discord_user_id LIMIT ? FOR UPDATE SKIP LOCKED),
                removed AS (
                    DELETE FROM links l USING lapsed
                    WHERE l.tenant_id = lapsed.tenant_id AND l.discord_user_id = lapsed.discord_user_id
                    RETURNING l.tenant_id, l.discord_user_id, l.directory_user_id, l.linked_at, l.origin, l.language),
                d AS (SELECT removed.*, nextval('link_versions') AS version FROM removed)
                SELECT d.discord_user_id, d.directory_user_id, d.linked_at, d.origin, d.version, d.language,
                    pg_notify('gatehouse_links', '-|' || d.version || '|' || d.tenant_id || '|' || d.discord_user_id)
                FROM d ORDER BY d.linked_at, d.discord_user_id
                """, tenant.value(), Sql.timestamp(linkedBefore), limit)));
    }

    @Override
    public Optional<Link> renew(TenantId tenant, DiscordUserId discordUser, DirectoryUserId directoryUser, Instant now,
                                Optional<Locale> language) {
        return db.write("renewing a link", () -> db.jdbc("renewing a link", c -> {
            try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                    UPDATE links SET linked_at = ?, reminded_at = NULL, language = coalesce(?::text, language)
                    WHERE tenant_id = ? AND discord_user_id = ? AND directory_user_id = ?
                    RETURNING origin, language
                    """), Sql.timestamp(now), Sql.languageTag(language), tenant.value(), discordUser.value(), directoryUser.value());
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Link(tenant, discordUser, directoryUser, now, LinkOrigin.valueOf(rs.getString(1)),
                        Sql.language(rs.getString(2)))) : Optional.<Link>empty();
            }
        }));
    }

    /** Runs a sweep statement; after a removal (rows with a version) this instance's membership index follows on commit. */
    private List<DueLink> due(Connection c, TenantId tenant, String sql, Object... values) throws SQLException {
        List<DueLink> links = new ArrayList<>();
        List<long[]> unlinked = new ArrayList<>();
        try (PreparedStatement s = Sql.bind(c.prepareStatement(sql), values); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Link link = new Link(tenant, new DiscordUserId(rs.getLong(1)), new DirectoryUserId(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), LinkOrigin.valueOf(rs.getString(4)), Sql.language(rs.getString(6)));
                links.add(new DueLink(link, link.language()));
                if (rs.getLong(5) != 0) {
                    unlinked.add(new long[] {link.discordUser().value(), rs.getLong(5)});
                }
            }
        }
        if (!unlinked.isEmpty()) {
            db.afterCommit(() -> unlinked.forEach(u -> index.apply(tenant, u[0], u[1], false)));
        }
        return links;
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, got " + limit);
        }
    }

    private static Link link(LinkRow row) {
        return new Link(new TenantId(row.id().tenantId()), new DiscordUserId(row.id().discordUserId()),
                new DirectoryUserId(row.directoryUserId()), row.linkedAt(), LinkOrigin.valueOf(row.origin()), Sql.language(row.language()));
    }
}
