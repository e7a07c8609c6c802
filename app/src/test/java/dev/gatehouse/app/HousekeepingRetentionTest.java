package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.SessionId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The running app's housekeeping deletes sessions, hand-offs and wrong answers past each tenant's retention. */
class HousekeepingRetentionTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TenantId CS101 = new TenantId("cs101");
    private static final TenantId SHORT = new TenantId("short");
    private static final GuildId GUILD = new GuildId(840_000_000_000_000_001L);

    @Test
    void housekeepingPurgesRowsPastEachTenantsRetentionAndKeepsYoungerOnes() throws Exception {
        try (TestDatabase database = TestDatabase.createEmpty();
             ApplicationContext app = ApplicationContext.builder().properties(Map.of(
                     "datasources.default.url", database.jdbcUrl(), "gatehouse.secrets.key", database.secretsKey(),
                     "micronaut.server.port", -1)).deduceEnvironment(false).start()) {
            Stores stores = app.getBean(Stores.class);
            stores.tenants().save(TenantSettings.defaults(CS101, "CS 101"));
            stores.tenants().save(TenantSettings.defaults(SHORT, "Short Memory").withRetention(Duration.ofDays(3)));
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant old = now.minus(Duration.ofDays(31));
            Instant young = now.minus(Duration.ofDays(29));
            Instant fourDays = now.minus(Duration.ofDays(4));
            stores.sessions().startReplacingPending(session(CS101, 1, old));
            stores.sessions().startReplacingPending(session(CS101, 2, young));
            stores.sessions().startReplacingPending(session(SHORT, 3, fourDays));
            stores.handoffs().startReplacingPending(handoff(CS101, 4, old));
            stores.handoffs().startReplacingPending(handoff(CS101, 5, young));
            stores.wrongAnswers().record(new WrongAnswer(CS101, GUILD, new DiscordUserId(6), "41", old));
            stores.wrongAnswers().record(new WrongAnswer(CS101, GUILD, new DiscordUserId(7), "43", young));
            stores.wrongAnswers().record(new WrongAnswer(SHORT, GUILD, new DiscordUserId(8), "44", fourDays));

            app.getBean(Housekeeping.class).purgeOldRecords();

            assertEquals(1, count(database, "sessions"), "the 29-day-old session of cs101 stays");
            assertEquals(1, count(database, "handoff_requests"));
            assertEquals(1, count(database, "wrong_answers"));
            assertTrue(stores.wrongAnswers().top(CS101, 10).get(0).spellings().contains("43"));
        }
    }

    private static VerificationSession session(TenantId tenant, long requester, Instant createdAt) {
        return new VerificationSession(new SessionId(UUID.randomUUID()), tenant, GUILD, "CS 101 Lectures",
                new DiscordAccount(new DiscordUserId(requester), "user" + requester), new DirectoryUserId("u" + requester), hash(),
                createdAt, createdAt.plus(Duration.ofMinutes(15)), SessionState.PENDING);
    }

    private static HandoffRequest handoff(TenantId tenant, long requester, Instant createdAt) {
        return new HandoffRequest(tenant, GUILD, "CS 101 Lectures", new DiscordAccount(new DiscordUserId(requester), "user" + requester),
                hash(), createdAt, createdAt.plus(Duration.ofMinutes(30)), SessionState.PENDING);
    }

    private static TokenHash hash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new TokenHash(HexFormat.of().formatHex(bytes));
    }

    private static long count(TestDatabase database, String table) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
