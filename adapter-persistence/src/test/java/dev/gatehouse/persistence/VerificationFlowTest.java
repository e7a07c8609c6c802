package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.fake.FakeHandoffTokens;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.in.CompleteHandoff.CallbackCommand;
import dev.gatehouse.core.port.in.CompleteHandoff.HandoffCompleted;
import dev.gatehouse.core.port.in.CompleteHandoff.HandoffResult;
import dev.gatehouse.core.port.in.RequestVerification.HandoffReady;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.ReviewVerification.AlreadyConfirmed;
import dev.gatehouse.core.port.in.ReviewVerification.ConfirmResult;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.ReviewVerification.LinkCommand;
import dev.gatehouse.core.port.out.HandoffTokens.Callback;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import dev.gatehouse.persistence.testing.TestDatabase;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core's use cases over the PostgreSQL stores: request, confirm, hand off, and what is left in the tables. */
class VerificationFlowTest {
    private static final TenantId TENANT = new TenantId("cs101");
    private static final GuildId LECTURES = new GuildId(1_000_000_001L);
    private static final TenantId HANDOFF_TENANT = new TenantId("alumni");
    private static final GuildId ALUMNI = new GuildId(1_000_000_002L);
    private static final Instant NOW = Instant.parse("2026-09-01T09:00:00Z");

    private static TestDatabase db;
    private static PostgresStores postgres;
    private static Gatehouse gatehouse;
    private static final List<VerificationEmail> sent = new CopyOnWriteArrayList<>();
    private static final List<Object> events = new CopyOnWriteArrayList<>();
    private static final HandoffSecret ALUMNI_SECRET = new HandoffSecret("s".repeat(HandoffSecret.MIN_LENGTH));
    private static final FakeHandoffTokens handoffTokens = new FakeHandoffTokens();

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        postgres = db.startContext().getBean(PostgresStores.class);
        gatehouse = Gatehouse.builder()
                .stores(postgres.stores())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .publicBaseUrl(URI.create("https://verify.example.edu"))
                .mailExecutor(Runnable::run)
                .mailer(email -> {
                    sent.add(email);
                    return MailOutcome.sent();
                })
                .handoffTokens(handoffTokens)
                .listener(events::add)
                .build();
        postgres.stores().tenants().save(TenantSettings.defaults(TENANT, "CS 101"));
        postgres.stores().guilds().save(GuildSettings.boundTo(LECTURES, TENANT).withVerifiedRole(new RoleId(501)).withGateMessages(true));
        postgres.stores().tenants().save(TenantSettings.defaults(HANDOFF_TENANT, "Alumni").withMethod(VerificationMethod.SITE_HANDOFF)
                .withHandoff(HandoffSettings.none().withSiteUrl(URI.create("https://alumni.example.org/discord"))
                        .withSecret(ALUMNI_SECRET)));
        postgres.stores().guilds().save(GuildSettings.boundTo(ALUMNI, HANDOFF_TENANT).withVerifiedRole(new RoleId(502)));
        for (String id : List.of("jdoe42", "bsmith")) {
            postgres.stores().directory().save(new DirectoryUser(TENANT, new DirectoryUserId(id), new EmailAddress(id + "@uni.example.edu"),
                    new DisplayName("User " + id)));
        }
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
        db.close();
    }

    private static String request(DiscordAccount who, String userId) {
        assertInstanceOf(LinkSent.class, gatehouse.requestVerification().request(new RequestCommand(LECTURES, "CS 101 Lectures", who, userId)));
        String link = sent.get(sent.size() - 1).confirmLink().toString();
        return link.substring(link.lastIndexOf('/') + 1);
    }

    @Test
    void sixteenThreadsConfirmingOneTokenMakeExactlyOneConfirmation() throws Exception {
        DiscordAccount alice = new DiscordAccount(new DiscordUserId(9001), "alice");
        String token = request(alice, "jdoe42");
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<ConfirmResult> results = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ConfirmResult>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ClientIp client = new ClientIp("198.51.100." + (i + 1));
                futures.add(pool.submit(() -> {
                    go.await();
                    return gatehouse.reviewVerification().confirm(new LinkCommand(token, client));
                }));
            }
            go.countDown();
            for (Future<ConfirmResult> f : futures) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, results.stream().filter(Confirmed.class::isInstance).count(), results::toString);
        assertEquals(threads - 1, results.stream().filter(AlreadyConfirmed.class::isInstance).count(), results::toString);
        assertEquals(1, events.stream()
                .filter(e -> e instanceof MemberVerified verified && verified.link().discordUser().equals(alice.id()))
                .count());
        assertEquals(MemberStatus.VERIFIED, postgres.stores().membershipIndex().statusOf(TENANT, alice.id()));
        assertTrue(postgres.stores().links().findByDiscordUser(TENANT, alice.id()).isPresent());
    }

    @Test
    void noTableHoldsTheRawTokenAfterARequestOrAConfirmation() throws SQLException {
        String token = request(new DiscordAccount(new DiscordUserId(9002), "bob"), "bsmith");
        String hash = VerificationToken.of(token).hash().hex();

        String afterRequest = dumpEveryTable();
        assertFalse(afterRequest.contains(token), "a table holds the raw token after the request");
        assertTrue(afterRequest.contains(hash), "the dump should see the session's token hash");

        gatehouse.reviewVerification().confirm(new LinkCommand(token, new ClientIp("203.0.113.9")));
        assertFalse(dumpEveryTable().contains(token), "a table holds the raw token after the confirmation");
    }

    @Test
    void noTableHoldsTheRawHandoffJtiAfterAHandoffOrItsCallback() throws SQLException {
        DiscordAccount carol = new DiscordAccount(new DiscordUserId(9003), "carol");
        HandoffReady ready = assertInstanceOf(HandoffReady.class, gatehouse.requestVerification().request(
                new RequestCommand(ALUMNI, "Alumni", carol, Optional.empty(), Optional.empty())));
        String outbound = ready.link().toString().substring(ready.link().toString().indexOf("jwt=") + "jwt=".length());
        VerificationToken jti = handoffTokens.readOutbound(outbound, ALUMNI_SECRET).orElseThrow().jti();

        String afterRequest = dumpEveryTable();
        assertFalse(afterRequest.contains(jti.reveal()), "a table holds the raw jti after the hand-off");
        assertTrue(afterRequest.contains("handoff_requests") && afterRequest.contains(jti.hash().hex()),
                "the dump should see the hand-off's jti hash");

        HandoffResult result = gatehouse.completeHandoff().complete(new CallbackCommand(HANDOFF_TENANT.value(),
                handoffTokens.signCallback(new Callback(jti.reveal(), carol.id().toString(), ALUMNI.toString(), "alum7", Optional.empty(),
                        NOW, NOW.plus(Duration.ofMinutes(5))), ALUMNI_SECRET), new ClientIp("203.0.113.10")));

        assertInstanceOf(HandoffCompleted.class, result, result::toString);
        assertEquals(LinkOrigin.HANDOFF, postgres.stores().links().findByDiscordUser(HANDOFF_TENANT, carol.id()).orElseThrow().origin());
        assertFalse(dumpEveryTable().contains(jti.reveal()), "a table holds the raw jti after the callback");
    }

    /** Every row of every table in the schema, as PostgreSQL's text form of the row. */
    private static String dumpEveryTable() throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.containsAll(List.of("sessions", "handoff_requests", "links", "audit_events", "member_updates",
                    "rate_limit_events")), tables::toString);
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        dump.append(table).append(' ').append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }
}
