package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.GuildBindingPolicy;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.RateLimits;
import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.persistence.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** A database created before a migration keeps working, and its rows behave as they did. */
class MigrationTest {

    @Test
    void tenantsAndServersFromBeforeTheHandoffKeepEmailLinksNoQuestionAndVerificationOn() throws SQLException {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            Flyway.configure(getClass().getClassLoader()).dataSource(db.dataSource()).locations("classpath:db/migration")
                    .target("1").load().migrate();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("""
                        INSERT INTO tenants (tenant_id, display_name, session_lifetime, unknown_user_reply, relink_policy,
                                             guild_binding, per_discord_user, per_directory_user, per_tenant, denial_block)
                        VALUES ('cs101', 'CS 101', interval '20 minutes', 'INVALID_USER_ID', 'ALLOW_SELF_SERVICE', 'GUILD_ADMINS',
                                '3/PT1H', '5/PT24H', '', interval '24 hours')
                        """);
                s.execute("""
                        INSERT INTO guilds (guild_id, tenant_id, verified_role_id, gate_messages, set_nickname, dm_on_join, log_channel_id)
                        VALUES (42, 'cs101', 501, true, false, true, 77)
                        """);
            }

            Stores stores = db.startContext().getBean(Stores.class);

            TenantId tenant = new TenantId("cs101");
            TenantSettings before = TenantSettings.defaults(tenant, "CS 101")
                    .withSessionLifetime(Duration.ofMinutes(20))
                    .withUnknownUserReply(UnknownUserReply.INVALID_USER_ID)
                    .withRelinkPolicy(RelinkPolicy.ALLOW_SELF_SERVICE)
                    .withGuildBinding(GuildBindingPolicy.GUILD_ADMINS)
                    .withRateLimits(new RateLimits(List.of(RateRule.of(3, Duration.ofHours(1))), List.of(RateRule.of(5, Duration.ofHours(24))),
                            List.of(), Duration.ofHours(24)));
            assertEquals(Optional.of(before), stores.tenants().find(tenant));
            GuildSettings server = GuildSettings.boundTo(new GuildId(42), tenant).withVerifiedRole(new RoleId(501))
                    .withGateMessages(true).withSetNickname(false).withDmOnJoin(true).withLogChannel(Optional.of(new ChannelId(77)));
            assertEquals(Optional.of(server), stores.guilds().find(new GuildId(42)));
        }
    }

    @Test
    void failuresRememberedBeforeTheCounterTableStillCountAndTheirKeyRowsGo() throws SQLException {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            Flyway.configure(getClass().getClassLoader()).dataSource(db.dataSource()).locations("classpath:db/migration")
                    .target("2").load().migrate();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("""
                        INSERT INTO rate_limit_keys (key, touched_at) VALUES ('link-failures:203.0.113.9', now()),
                                                                            ('link-failures:203.0.113.10', now() - interval '3 days')
                        """);
                s.execute("""
                        INSERT INTO rate_limit_failures (key, at) VALUES
                            ('link-failures:203.0.113.9', now() - interval '2 minutes'),
                            ('link-failures:203.0.113.9', now() - interval '1 minute'),
                            ('link-failures:203.0.113.10', now() - interval '3 days')
                        """);
            }

            Stores stores = db.startContext().getBean(Stores.class);
            java.time.Instant now = java.time.Instant.now();

            assertEquals(2, stores.rateLimits().recordFailure("link-failures:203.0.113.9", now, Duration.ofDays(1)).count());
            assertEquals(0, stores.rateLimits().recordFailure("link-failures:203.0.113.10", now, Duration.ofDays(1)).count());
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 java.sql.ResultSet keys = s.executeQuery("SELECT count(*) FROM rate_limit_keys")) {
                keys.next();
                assertEquals(0, keys.getLong(1), "key rows only failures had made are gone");
            }
        }
    }

    @Test
    void linksFromBeforeTheirLanguageTakeTheLanguageOfTheMembersLatestRequestThatHadOne() throws SQLException {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            Flyway.configure(getClass().getClassLoader()).dataSource(db.dataSource()).locations("classpath:db/migration")
                    .target("43").load().migrate();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("""
                        INSERT INTO links (tenant_id, discord_user_id, directory_user_id, linked_at, origin) VALUES
                            ('cs101', 1001, 'jdoe42', now(), 'EMAIL'), ('cs101', 1002, 'asmith', now(), 'ADMIN'),
                            ('cs101', 1003, 'bkhan', now(), 'EMAIL')
                        """);
                s.execute("""
                        INSERT INTO sessions (session_id, tenant_id, guild_id, guild_name, requester_id, requester_name,
                                              directory_user_id, token_hash, created_at, expires_at, state, language) VALUES
                            (gen_random_uuid(), 'cs101', 42, 'CS', 1001, 'jane', 'jdoe42', repeat('a', 64),
                             now() - interval '3 days', now(), 'SUPERSEDED', 'de'),
                            (gen_random_uuid(), 'cs101', 42, 'CS', 1001, 'jane', 'jdoe42', repeat('b', 64),
                             now() - interval '2 days', now(), 'CONFIRMED', 'fr'),
                            (gen_random_uuid(), 'cs101', 42, 'CS', 1001, 'jane', 'jdoe42', repeat('c', 64),
                             now() - interval '1 day', now(), 'EXPIRED', NULL),
                            (gen_random_uuid(), 'other', 42, 'CS', 1003, 'bob', 'bkhan', repeat('d', 64),
                             now() - interval '1 day', now(), 'CONFIRMED', 'es')
                        """);
            }

            Flyway.configure(getClass().getClassLoader()).dataSource(db.dataSource()).locations("classpath:db/migration")
                    .target("44").load().migrate();

            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 java.sql.ResultSet rows = s.executeQuery("SELECT discord_user_id, language FROM links ORDER BY discord_user_id")) {
                List<String> languages = new java.util.ArrayList<>();
                while (rows.next()) {
                    languages.add(rows.getLong(1) + "=" + rows.getString(2));
                }
                assertEquals(List.of("1001=fr", "1002=null", "1003=null"), languages,
                        "the latest request with a language, of the same tenant; none for a member without one");
                org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> s.execute(
                        "UPDATE links SET language = 'German' WHERE discord_user_id = 1002"), "tags only, as for sessions");
            }
        }
    }

    /**
     * An operator's database is upgraded by every later release, also when the release brings a migration numbered
     * below one already applied: V12 came in the release after the one that applied V40.
     */
    @Test
    void aDatabaseOfAnEarlierReleaseIsUpgradedAlsoByMigrationsNumberedBelowItsNewest() throws Exception {
        Path shipped = Path.of(getClass().getClassLoader().getResource("db/migration").toURI());
        Path earlierRelease = Files.createTempDirectory("migrations-of-an-earlier-release");
        try (TestDatabase db = TestDatabase.createEmpty(); var migrations = Files.list(shipped)) {
            for (Path migration : migrations.toList()) {
                int version = Integer.parseInt(migration.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"));
                if (version != 12 && version <= 40) {
                    Files.copy(migration, earlierRelease.resolve(migration.getFileName()));
                }
            }
            Flyway.configure(getClass().getClassLoader()).dataSource(db.dataSource())
                    .locations("filesystem:" + earlierRelease).load().migrate();

            PostgresStores.migrate(db.dataSource());

            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 java.sql.ResultSet applied = s.executeQuery(
                         "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
                List<String> versions = new java.util.ArrayList<>();
                while (applied.next()) {
                    versions.add(applied.getString(1));
                }
                List<String> expected = new java.util.ArrayList<>();
                try (var all = Files.list(shipped)) {
                    all.map(m -> m.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1")).forEach(expected::add);
                }
                assertEquals(expected.stream().sorted().toList(), versions.stream().sorted().toList(), "every migration applied once");
                assertEquals("12", versions.get(versions.indexOf("40") + 1), "the one missing was applied after the newest");
                s.execute("SELECT claimed_until FROM relayed_notices");
            }
            Stores stores = db.startContext().getBean(Stores.class);
            assertEquals(Optional.empty(), stores.tenants().find(new TenantId("cs101")));
        } finally {
            try (var left = Files.list(earlierRelease)) {
                for (Path file : left.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(earlierRelease);
        }
    }
}
