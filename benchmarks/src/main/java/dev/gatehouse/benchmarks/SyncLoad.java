package dev.gatehouse.benchmarks;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sync}: the packaged jar's {@code import --sync} of a directory of {@code --users} people (default
 * 1,000,000) from which every 100th is missing (1 %), every 10th being linked, in a tenant of two servers that give
 * a role and set nicknames. Times the sync (JVM start included) and checks it queued exactly the expected member
 * updates: a role removal and a nickname reset per ended link per server. Reports; never asserts.
 */
final class SyncLoad {
    private static final String TENANT = "bench";
    private static final long[] GUILDS = {900_000_000_000_000_001L, 900_000_000_000_000_002L};
    private static final long ROLE = 900_000_000_000_000_007L;
    private static final long FIRST_MEMBER = 100_000_000_000_000_000L;

    private SyncLoad() {
    }

    static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(Map.of("--jar", "app/target/gatehouse.jar",
                "--admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "--users", "1000000"), args);
        Path jar = Path.of(options.get("--jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -B package -DskipTests)");
        }
        int users = Integer.parseInt(options.get("--users"));
        Path work = Files.createTempDirectory("gatehouse-sync-bench");
        try (ConfirmLoad.Server database = new ConfirmLoad.Server(options.get("--admin-url"))) {
            Map<String, String> environment = new LinkedHashMap<>(database.settings());
            environment.put("MICRONAUT_SERVER_PORT", Integer.toString(ConfirmLoad.freePort()));
            environment.put("GATEHOUSE_WEB_PUBLIC_BASE_URL", "http://127.0.0.1:1");
            environment.put("GATEHOUSE_MANAGEMENT_PORT", Integer.toString(ConfirmLoad.freePort()));
            ConfirmLoad.Operator operator = new ConfirmLoad.Operator(jar, environment, work);
            operator.succeed("tenant", "create", TENANT, "--name", "Bench University");
            Path full = writeDirectory(work.resolve("full.csv"), users, false);
            long importStart = System.nanoTime();
            operator.succeed("import", TENANT, full.toString());
            double importSeconds = (System.nanoTime() - importStart) / 1e9;
            for (long guild : GUILDS) {
                operator.succeed("guild", "bind", Long.toString(guild), TENANT);
            }
            long expectedRemoved = (users + 99) / 100;
            long expectedLinks;
            try (Connection c = database.connect()) {
                expectedLinks = seedLinksAndRoles(c);
            }
            Path fewer = writeDirectory(work.resolve("fewer.csv"), users, true);
            long syncStart = System.nanoTime();
            operator.succeed("import", TENANT, fewer.toString(), "--sync");
            double syncSeconds = (System.nanoTime() - syncStart) / 1e9;
            try (Connection c = database.connect()) {
                long left = count(c, "SELECT count(*) FROM directory_users WHERE tenant_id = '" + TENANT + "'");
                long links = count(c, "SELECT count(*) FROM links WHERE tenant_id = '" + TENANT + "'");
                long revokes = count(c, "SELECT count(*) FROM member_updates WHERE change_kind = 'REVOKE_ROLE' AND role_id = " + ROLE);
                long resets = count(c, "SELECT count(*) FROM member_updates WHERE change_kind = 'RESET_NICKNAME'");
                long all = count(c, "SELECT count(*) FROM member_updates");
                long wrongMembers = count(c, "SELECT count(*) FROM member_updates WHERE (member_id - " + FIRST_MEMBER + ") % 100 <> 0");
                long expectedUpdates = expectedLinks * GUILDS.length * 2;
                System.out.printf("%nSync of %,d users removing %,d (1 %%), %,d of them linked, 2 servers, %s, %s%n", users,
                        expectedRemoved, expectedLinks, database.describe(), ConfirmLoad.loadAverage());
                System.out.printf("| step | seconds |%n| --- | ---: |%n| import (JVM start included) | %.1f |%n"
                        + "| import --sync (JVM start included) | %.1f |%n", importSeconds, syncSeconds);
                System.out.printf("directory users left %,d (expected %,d); links left %,d (expected %,d)%n", left, users - expectedRemoved,
                        links, users / 10 - expectedLinks);
                System.out.printf("member updates queued %,d (expected %,d): %,d role removals, %,d nickname resets, %,d for members "
                        + "that were not removed%n", all, expectedUpdates, revokes, resets, wrongMembers);
                System.out.println(all == expectedUpdates && revokes == expectedUpdates / 2 && resets == expectedUpdates / 2
                        && wrongMembers == 0 ? "the queued updates are exactly the expected ones" : "THE QUEUED UPDATES DIFFER");
            }
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Users u0…u(n-1); without every 100th when {@code fewer}. */
    private static Path writeDirectory(Path csv, int users, boolean fewer) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("user_id,email,name\n");
            for (int i = 0; i < users; i++) {
                if (!fewer || i % 100 != 0) {
                    out.write("u" + i + ",u" + i + "@bench.example.edu,Member " + i + "\n");
                }
            }
        }
        return csv;
    }

    /** Every 10th user is linked; both servers give a role and set nicknames. Returns how many links the sync will end. */
    private static long seedLinksAndRoles(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO links (tenant_id, discord_user_id, directory_user_id, linked_at, origin)
                    SELECT tenant_id, %d + substr(user_id, 2)::bigint, user_id, now(), 'IMPORT'
                    FROM directory_users WHERE tenant_id = '%s' AND substr(user_id, 2)::bigint %% 10 = 0
                    """.formatted(FIRST_MEMBER, TENANT));
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE guilds SET verified_role_id = ?, set_nickname = true WHERE tenant_id = ?")) {
            s.setLong(1, ROLE);
            s.setString(2, TENANT);
            s.executeUpdate();
        }
        return count(c, "SELECT count(*) FROM links WHERE tenant_id = '" + TENANT + "' AND substr(directory_user_id, 2)::bigint % 100 = 0");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
