package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.ReviewVerification.ConfirmResult;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.ReviewVerification.LinkCommand;
import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import dev.gatehouse.persistence.testing.TestDatabase;
import dev.gatehouse.persistence.testing.WireCounter;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one confirmation says to PostgreSQL, counted on the wire: statements and round trips (load-independent, unlike
 * its time), and that each confirmation still leaves the confirmed session, the link, the role and nickname updates
 * and the audit row behind.
 */
class ConfirmationWireTest {
    private static final TenantId TENANT = new TenantId("cs101");
    private static final GuildId LECTURES = new GuildId(1_000_000_001L);
    private static final Instant NOW = Instant.parse("2026-09-01T09:00:00Z");
    /** The budget of a confirmation, BEGIN and COMMIT included (it took 14 statements in 12 round trips at first, then 10 in 8 before the tenant and its servers came from caches). */
    private static final int MAX_STATEMENTS = 8;
    private static final int MAX_ROUND_TRIPS = 6;

    private static TestDatabase db;
    private static Gatehouse gatehouse;
    private static final List<VerificationEmail> sent = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + WireCounter.urlParameters();
        PostgresStores postgres = db.startContext(Map.of("datasources.default.url", url)).getBean(PostgresStores.class);
        gatehouse = Gatehouse.builder()
                .stores(postgres.stores())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .publicBaseUrl(URI.create("https://verify.example.edu"))
                .mailExecutor(Runnable::run)
                .mailer(email -> {
                    sent.add(email);
                    return MailOutcome.sent();
                })
                .build();
        postgres.stores().tenants().save(TenantSettings.defaults(TENANT, "CS 101"));
        postgres.stores().guilds().save(GuildSettings.boundTo(LECTURES, TENANT).withVerifiedRole(new RoleId(501)));
        for (int i = 0; i < 3; i++) {
            postgres.stores().directory().save(new DirectoryUser(TENANT, new DirectoryUserId("user" + i),
                    new EmailAddress("user" + i + "@uni.example.edu"), new DisplayName("User " + i)));
        }
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
        db.close();
    }

    @Test
    void aConfirmationTakesAFewStatementsAndLeavesEveryRowItMust() throws SQLException {
        WireCounter.Tally last = null;
        for (int i = 0; i < 3; i++) {
            DiscordAccount member = new DiscordAccount(new DiscordUserId(9000 + i), "member" + i);
            String token = request(member, "user" + i);
            WireCounter.Tally tally = WireCounter.watch();
            ConfirmResult result;
            try {
                result = gatehouse.reviewVerification().confirm(new LinkCommand(token, new ClientIp("198.51.100.7")));
            } finally {
                WireCounter.stop();
            }
            assertInstanceOf(Confirmed.class, result, result::toString);
            assertEquals(List.of("CONFIRMED", "user" + i, "2", "1"), rowsOf(member.id()));
            last = tally;
        }
        System.out.println("a confirmation: " + last + "\n  " + String.join("\n  ", last.parsed()));
        assertTrue(last.statements() <= MAX_STATEMENTS, last::toString);
        assertTrue(last.roundTrips() <= MAX_ROUND_TRIPS, last::toString);
    }

    private static String request(DiscordAccount who, String userId) {
        assertInstanceOf(LinkSent.class, gatehouse.requestVerification().request(new RequestCommand(LECTURES, "CS 101 Lectures", who, userId)));
        String link = sent.get(sent.size() - 1).confirmLink().toString();
        return link.substring(link.lastIndexOf('/') + 1);
    }

    /** The session's state, the linked directory user, the member's queued updates and confirmation audit rows. */
    private static List<String> rowsOf(DiscordUserId member) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT (SELECT state FROM sessions WHERE requester_id = %1$d),
                            (SELECT directory_user_id FROM links WHERE discord_user_id = %1$d),
                            (SELECT count(*) FROM member_updates WHERE member_id = %1$d),
                            (SELECT count(*) FROM audit_events WHERE action = 'verification.confirmed'
                                 AND detail LIKE 'Discord user %1$d %%')
                     """.formatted(member.value()))) {
            rs.next();
            return List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
        }
    }
}
