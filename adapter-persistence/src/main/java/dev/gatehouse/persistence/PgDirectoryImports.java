package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.DirectoryImports;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The directory import over PostgreSQL: the rows stream through {@code COPY} into a staging table
 * ({@link ImportStaging}), set-based SQL checks them all, then one statement upserts the users and one inserts the
 * links. A sync also collects the directory users missing from the file into a second temporary table and deletes
 * them and their links set-based. Plain JDBC on the transaction's connection, because no repository can express
 * {@code COPY}.
 */
@Singleton
@Bean(typed = PgDirectoryImports.class)
final class PgDirectoryImports implements DirectoryImports {
    /** Memory for the import's joins and duplicate checks, for this transaction only. */
    private static final String WORK_MEM = "128MB";

    private final Db db;
    private final PgMembershipIndex index;

    PgDirectoryImports(Db db, PgMembershipIndex index) {
        this.db = db;
        this.index = index;
    }

    @Override
    public ImportOutcome importRows(TenantId tenant, Iterator<DirectoryRow> rows, Instant now) {
        return db.write("importing a directory", () -> db.jdbc("importing a directory", c -> {
            lockTenant(c, tenant);
            try (ImportStaging staging = new ImportStaging(c)) {
                Optional<Rejected> rejected = stageAndCheck(c, tenant, rows, staging, false);
                if (rejected.isPresent()) {
                    return rejected.get();
                }
                List<GroupChange> regrouped = regrouped(c, tenant, staging);
                return new Applied(apply(c, tenant, staging, now), regrouped);
            }
        }));
    }

    @Override
    public SyncOutcome syncRows(TenantId tenant, Iterator<DirectoryRow> rows, Instant now, SyncRules rules) {
        return db.write("syncing a directory", () -> db.jdbc("syncing a directory", c -> {
            lockTenantForSync(c, tenant);
            try (ImportStaging staging = new ImportStaging(c)) {
                Optional<Rejected> rejected = stageAndCheck(c, tenant, rows, staging, true);
                if (rejected.isPresent()) {
                    return rejected.get();
                }
                long directoryUsers = count(c, tenant, "SELECT count(*) FROM directory_users WHERE tenant_id = ?");
                markRemovals(c, tenant);
                long removing = count(c, null, "SELECT count(*) FROM sync_removals");
                if (!rules.allows(removing, directoryUsers)) {
                    return new TooManyRemovals(removing, directoryUsers);
                }
                List<DirectoryUserId> removed = removedUsers(c);
                List<Link> ended = endedLinks(c, tenant);
                List<GroupChange> regrouped = regrouped(c, tenant, staging);
                ImportCounts counts = rules.dryRun() ? plannedCounts(c, tenant, staging) : apply(c, tenant, staging, now);
                if (!rules.dryRun() && removing > 0) {
                    remove(c, tenant, !ended.isEmpty());
                }
                return new Synced(counts, removed, ended, regrouped);
            }
        }));
    }

    /** Streams the rows into the staging table and checks them; the first rejection, if any. */
    private static Optional<Rejected> stageAndCheck(Connection c, TenantId tenant, Iterator<DirectoryRow> rows, ImportStaging staging,
                                                    boolean linksOnlyToFileUsers) throws SQLException {
        while (rows.hasNext()) {
            DirectoryRow row = rows.next();
            if (row instanceof DirectoryRow.Unreadable unreadable) {
                staging.finish();
                return Optional.of(new Rejected(unreadable.line(), unreadable.reason()));
            }
            if (row instanceof DirectoryRow.User user) {
                staging.user(user);
            } else {
                staging.link((DirectoryRow.Link) row);
            }
        }
        staging.finish();
        return check(c, tenant, staging, linksOnlyToFileUsers);
    }

    /** A sync changes who is in the tenant: it waits for, and blocks, other writers of the tenant's directory. */
    private static void lockTenantForSync(Connection c, TenantId tenant) throws SQLException {
        try (PreparedStatement s = Sql.bind(c.prepareStatement("SELECT 1 FROM tenants WHERE tenant_id = ? FOR UPDATE"), tenant.value());
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalArgumentException("no tenant " + tenant);
            }
        }
    }

    /** The tenant's users missing from the file, into {@code sync_removals} (dropped at commit). */
    private static void markRemovals(Connection c, TenantId tenant) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE sync_removals (user_id text PRIMARY KEY) ON COMMIT DROP");
        }
        try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                INSERT INTO sync_removals (user_id)
                SELECT d.user_id FROM directory_users d
                WHERE d.tenant_id = ?
                  AND NOT EXISTS (SELECT 1 FROM import_rows r WHERE r.kind = 'U' AND r.user_id = d.user_id)
                """), tenant.value())) {
            s.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE sync_removals");
        }
    }

    private static List<DirectoryUserId> removedUsers(Connection c) throws SQLException {
        List<DirectoryUserId> users = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT user_id FROM sync_removals ORDER BY user_id")) {
            while (rs.next()) {
                users.add(new DirectoryUserId(rs.getString(1)));
            }
        }
        return users;
    }

    private static List<Link> endedLinks(Connection c, TenantId tenant) throws SQLException {
        List<Link> links = new ArrayList<>();
        try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                SELECT l.discord_user_id, l.directory_user_id, l.linked_at, l.origin, l.language
                FROM links l JOIN sync_removals r ON r.user_id = l.directory_user_id
                WHERE l.tenant_id = ? ORDER BY l.directory_user_id
                """), tenant.value()); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                links.add(new Link(tenant, new DiscordUserId(rs.getLong(1)), new DirectoryUserId(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), LinkOrigin.valueOf(rs.getString(4)), Sql.language(rs.getString(5))));
            }
        }
        return links;
    }

    /** Deletes the removed users and their links; the membership index follows after commit. */
    private void remove(Connection c, TenantId tenant, boolean linksEnd) throws SQLException {
        if (linksEnd) {
            try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                    DELETE FROM links l USING sync_removals r WHERE l.tenant_id = ? AND l.directory_user_id = r.user_id
                    """), tenant.value())) {
                s.executeUpdate();
            }
            try (PreparedStatement s = Sql.bind(c.prepareStatement("SELECT pg_notify(?, '*')"), PgLinks.CHANNEL)) {
                s.execute();
            }
            db.afterCommit(index::reload);
        }
        try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                DELETE FROM directory_users d USING sync_removals r WHERE d.tenant_id = ? AND d.user_id = r.user_id
                """), tenant.value())) {
            s.executeUpdate();
        }
    }

    /** The linked users already in the directory whose groups the file changes (read before {@link #apply} writes). */
    private static List<GroupChange> regrouped(Connection c, TenantId tenant, ImportStaging staging) throws SQLException {
        List<GroupChange> changes = new ArrayList<>();
        if (staging.users() == 0) {
            return changes;
        }
        try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                SELECT l.discord_user_id, l.directory_user_id, l.linked_at, l.origin, d.groups, r.groups, l.language
                FROM import_rows r
                JOIN directory_users d ON d.tenant_id = ? AND d.user_id = r.user_id
                JOIN links l ON l.tenant_id = d.tenant_id AND l.directory_user_id = d.user_id
                WHERE r.kind = 'U' AND d.groups <> r.groups
                ORDER BY r.line
                """), tenant.value()); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                changes.add(new GroupChange(new Link(tenant, new DiscordUserId(rs.getLong(1)), new DirectoryUserId(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), LinkOrigin.valueOf(rs.getString(4)), Sql.language(rs.getString(7))),
                        GroupName.parseList(rs.getString(5)),
                        GroupName.parseList(rs.getString(6))));
            }
        }
        return changes;
    }

    /** What {@link #apply} would count, without writing. */
    private static ImportCounts plannedCounts(Connection c, TenantId tenant, ImportStaging staging) throws SQLException {
        long added = 0;
        long updated = 0;
        if (staging.users() > 0) {
            try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                    SELECT count(*) FILTER (WHERE d.user_id IS NULL),
                           count(*) FILTER (WHERE d.user_id IS NOT NULL
                                            AND (d.email, d.display_name, d.groups) IS DISTINCT FROM (r.email, r.display_name, r.groups))
                    FROM import_rows r LEFT JOIN directory_users d ON d.tenant_id = ? AND d.user_id = r.user_id
                    WHERE r.kind = 'U'
                    """), tenant.value()); ResultSet rs = s.executeQuery()) {
                rs.next();
                added = rs.getLong(1);
                updated = rs.getLong(2);
            }
        }
        long linksNew = 0;
        if (staging.links() > 0) {
            try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                    SELECT count(*) FROM import_rows r
                    WHERE r.kind = 'L'
                      AND NOT EXISTS (SELECT 1 FROM links l WHERE l.tenant_id = ? AND l.discord_user_id = r.discord_user_id)
                    """), tenant.value()); ResultSet rs = s.executeQuery()) {
                rs.next();
                linksNew = rs.getLong(1);
            }
        }
        return new ImportCounts(added, updated, staging.users() - added - updated, linksNew, staging.links() - linksNew);
    }

    private static long count(Connection c, TenantId tenant, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (tenant != null) {
                s.setString(1, tenant.value());
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void lockTenant(Connection c, TenantId tenant) throws SQLException {
        try (PreparedStatement s = Sql.bind(c.prepareStatement("SELECT 1 FROM tenants WHERE tenant_id = ? FOR SHARE"), tenant.value());
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalArgumentException("no tenant " + tenant);
            }
        }
    }

    private static Optional<Rejected> check(Connection c, TenantId tenant, ImportStaging staging, boolean linksOnlyToFileUsers)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL work_mem = '" + WORK_MEM + "'");
            s.execute("ANALYZE import_rows");
        }
        Optional<Rejected> rejected = Optional.empty();
        if (staging.users() > 0) {
            rejected = firstRepeat(c, "U", "user_id", "user id");
        }
        if (staging.links() == 0 || rejected.isPresent()) {
            return rejected;
        }
        rejected = firstRepeat(c, "L", "discord_user_id", "Discord user");
        if (rejected.isEmpty()) {
            rejected = firstRepeat(c, "L", "user_id", "user id");
        }
        if (rejected.isEmpty()) {
            String inDirectory = linksOnlyToFileUsers ? ""
                    : "AND NOT EXISTS (SELECT 1 FROM directory_users d WHERE d.tenant_id = ? AND d.user_id = r.user_id)";
            rejected = first(c, linksOnlyToFileUsers ? null : tenant, """
                    SELECT line, user_id FROM import_rows r
                    WHERE kind = 'L' %s
                      AND NOT EXISTS (SELECT 1 FROM import_rows u WHERE u.kind = 'U' AND u.user_id = r.user_id)
                    ORDER BY line LIMIT 1
                    """.formatted(inDirectory)).map(row -> Rejected.unknownUser(row.line, row.value));
        }
        if (rejected.isEmpty()) {
            rejected = first(c, tenant, """
                    SELECT r.line, r.discord_user_id::text FROM import_rows r
                    JOIN links l ON l.tenant_id = ? AND l.discord_user_id = r.discord_user_id
                    WHERE r.kind = 'L' AND l.directory_user_id <> r.user_id
                    ORDER BY r.line LIMIT 1
                    """).map(row -> Rejected.discordUserLinkedElsewhere(row.line, row.value));
        }
        if (rejected.isEmpty()) {
            rejected = first(c, tenant, """
                    SELECT r.line, r.user_id FROM import_rows r
                    JOIN links l ON l.tenant_id = ? AND l.directory_user_id = r.user_id
                    WHERE r.kind = 'L' AND l.discord_user_id <> r.discord_user_id
                    ORDER BY r.line LIMIT 1
                    """).map(row -> Rejected.userLinkedElsewhere(row.line, row.value));
        }
        return rejected;
    }

    private ImportCounts apply(Connection c, TenantId tenant, ImportStaging staging, Instant now) throws SQLException {
        long added = 0;
        long updated = 0;
        if (staging.users() > 0) {
            try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                    WITH saved AS (
                        INSERT INTO directory_users (tenant_id, user_id, email, display_name, groups)
                        SELECT ?, r.user_id, r.email, r.display_name, r.groups
                        FROM import_rows r LEFT JOIN directory_users d ON d.tenant_id = ? AND d.user_id = r.user_id
                        WHERE r.kind = 'U'
                          AND (d.user_id IS NULL
                               OR (d.email, d.display_name, d.groups) IS DISTINCT FROM (r.email, r.display_name, r.groups))
                        ON CONFLICT (tenant_id, user_id) DO UPDATE
                            SET email = EXCLUDED.email, display_name = EXCLUDED.display_name, groups = EXCLUDED.groups
                        RETURNING (xmax = 0) AS added)
                    SELECT count(*) FILTER (WHERE added), count(*) FILTER (WHERE NOT added) FROM saved
                    """), tenant.value(), tenant.value());
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                added = rs.getLong(1);
                updated = rs.getLong(2);
            }
        }
        long linksImported = 0;
        if (staging.links() > 0) {
            try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                    WITH inserted AS (
                        INSERT INTO links (tenant_id, discord_user_id, directory_user_id, linked_at, origin)
                        SELECT ?, discord_user_id, user_id, ?, 'IMPORT' FROM import_rows WHERE kind = 'L'
                        ON CONFLICT DO NOTHING
                        RETURNING 1)
                    SELECT count(*) FROM inserted
                    """), tenant.value(), Sql.timestamp(now));
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                linksImported = rs.getLong(1);
            }
            if (linksImported > 0) {
                try (PreparedStatement s = Sql.bind(c.prepareStatement("SELECT pg_notify(?, '*')"), PgLinks.CHANNEL)) {
                    s.execute();
                }
                db.afterCommit(index::reload);
            }
        }
        return new ImportCounts(added, updated, staging.users() - added - updated, linksImported, staging.links() - linksImported);
    }

    private record Found(long line, String value) {
    }

    /**
     * The second occurrence of a value of {@code column} among rows of {@code kind}, if any. A hash aggregate
     * answers "any repeat?" cheaply; only a file with a repeat pays for finding its first line.
     */
    private static Optional<Rejected> firstRepeat(Connection c, String kind, String column, String what) throws SQLException {
        try (PreparedStatement s = Sql.bind(c.prepareStatement(
                "SELECT 1 FROM import_rows WHERE kind = ? GROUP BY %s HAVING count(*) > 1 LIMIT 1".formatted(column)), kind);
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
        }
        try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                SELECT line, first_line, value FROM (
                    SELECT line, %1$s::text AS value, min(line) OVER (PARTITION BY %1$s) AS first_line
                    FROM import_rows WHERE kind = ?) r
                WHERE line > first_line ORDER BY line LIMIT 1
                """.formatted(column)), kind);
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(Rejected.repeated(rs.getLong(1), what, rs.getString(3), rs.getLong(2))) : Optional.empty();
        }
    }

    private static Optional<Found> first(Connection c, TenantId tenant, String sql) throws SQLException {
        try (PreparedStatement s = tenant == null ? c.prepareStatement(sql) : Sql.bind(c.prepareStatement(sql), tenant.value());
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(new Found(rs.getLong(1), rs.getString(2))) : Optional.empty();
        }
    }
}
