package dev.gatehouse.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.discord.fake.CommandOption;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeInteraction;
import dev.gatehouse.discord.fake.RecordedCall;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A member's journey through the packaged jar on its embedded PostgreSQL: the operator imports a directory and
 * binds servers with the jar's commands, an admin sets a server up, members verify by email in Chromium, the gate
 * judges messages, and what Discord saw is read off the fake. The scenarios share one app and run in order.
 */
@ExtendWith(PrintLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerificationJourneyIT {
    private static final Duration QUIET = Duration.ofSeconds(2);

    private static final long LAB_A = 820_000_000_000_000_001L;
    private static final long LAB_B = 820_000_000_000_000_002L;
    private static final long CHESS = 820_000_000_000_000_003L;
    private static final long TEXT_A = 820_000_000_000_000_011L;
    private static final long TEXT_B = 820_000_000_000_000_012L;
    private static final long TEXT_CHESS = 820_000_000_000_000_013L;
    private static final long VERIFIED_A = 820_000_000_000_000_021L;
    private static final long VERIFIED_B = 820_000_000_000_000_022L;
    private static final long VERIFIED_CHESS = 820_000_000_000_000_023L;
    private static final long BOT_A = 820_000_000_000_000_031L;
    private static final long BOT_B = 820_000_000_000_000_032L;
    private static final long BOT_CHESS = 820_000_000_000_000_033L;
    private static final long STAFF_A = 820_000_000_000_000_041L;
    private static final long STAFF_B = 820_000_000_000_000_042L;
    private static final long STAFF_CHESS = 820_000_000_000_000_043L;
    private static final long OWNER = 820_000_000_000_000_100L;
    private static final long ADMIN = 820_000_000_000_000_101L;
    private static final long ALICE = 820_000_000_000_000_102L;
    private static final long BOB = 820_000_000_000_000_103L;
    private static final long CAROL = 820_000_000_000_000_104L;
    private static final long DAVE = 820_000_000_000_000_105L;
    private static final long OTHER_BOT = 820_000_000_000_000_106L;
    private static final long ERIKA = 820_000_000_000_000_107L;

    private static Product product;
    private static FakeDiscord discord;

    @BeforeAll
    static void anOperatorSetsUpTwoTenants() throws Exception {
        product = Product.create("journey", AcceptanceDatabase.embedded("journey"));
        discord = product.discord();
        discord.botUser(OTHER_BOT, "dyno");
        product.server(new Product.ServerIds(LAB_A, TEXT_A, VERIFIED_A, STAFF_A, BOT_A), "CS 101 Lab A", "Verified", OWNER, ADMIN)
                .member(ALICE, "alice")
                .member(BOB, "bob")
                .member(CAROL, "carol")
                .member(DAVE, "dave")
                .member(ERIKA, "erika")
                .member(OTHER_BOT, "dyno");
        product.server(new Product.ServerIds(LAB_B, TEXT_B, VERIFIED_B, STAFF_B, BOT_B), "CS 101 Lab B", "Verified", OWNER, ADMIN)
                .member(ALICE, "alice");
        product.server(new Product.ServerIds(CHESS, TEXT_CHESS, VERIFIED_CHESS, STAFF_CHESS, BOT_CHESS), "Chess Club", "Member", OWNER, ADMIN)
                .member(ALICE, "alice")
                .member(DAVE, "dave");

        product.startAndAwaitBot();
        assertTrue(discord.registeredCommands().keySet().containsAll(List.of("verify", "unverify", "gatehouse")),
                discord.registeredCommands().keySet()::toString);

        String imported = product.tenant("cs101", "CS 101", """
                jdoe42,jane.doe@uni.example.edu,Jane Doe
                bsmith,bob.smith@uni.example.edu,Bob Smith
                dlee,dan.lee@uni.example.edu,Dan Lee
                emueller,erika.mueller@uni.example.edu,Erika Müller
                """, LAB_A, LAB_B);
        assertTrue(imported.contains("4 added"), imported);
        product.cli("tenant", "create", "chess", "--name", "Chess Club");
        product.cli("guild", "bind", Long.toString(CHESS), "chess");

        assertSetUp(product.setup(LAB_A, TEXT_A, ADMIN, VERIFIED_A));
        assertSetUp(product.setup(LAB_B, TEXT_B, ADMIN, VERIFIED_B));
        assertSetUp(product.setup(CHESS, TEXT_CHESS, ADMIN, VERIFIED_CHESS));
    }

    private static void assertSetUp(String reply) {
        assertTrue(reply.contains("Gatehouse is set up here"), reply);
    }

    @AfterAll
    static void stop() {
        if (product != null) {
            product.close();
        }
    }

    @Test
    @Order(1)
    void aConfirmedEmailGrantsRoleAndNicknameInEveryServerOfTheTenantAndNoneElsewhere() throws Exception {
        List<String> links = product.verifyAndReadEmail(LAB_A, TEXT_A, ALICE, "JDoe42", "jane.doe@uni.example.edu");

        HttpResponse<String> scanned = PackagedApp.get(java.net.URI.create(links.get(0))).orElseThrow();
        assertEquals(200, scanned.statusCode());
        String preview = product.open(links.get(0));
        assertTrue(preview.contains("alice") && preview.contains("Jane Doe") && preview.contains("CS 101"), preview);
        assertEquals(List.of("PENDING"), product.sessionStates("cs101", ALICE), "opening the link changes nothing");
        discord.assertNoRequest("PUT", "/guilds/\\d+/members/" + ALICE + "/roles/\\d+", QUIET);

        String done = product.press("Confirm");
        assertTrue(done.contains("verified"), done);

        RecordedCall roleA = discord.awaitRequest("PUT", "/guilds/" + LAB_A + "/members/" + ALICE + "/roles/" + VERIFIED_A, Product.WAIT);
        RecordedCall roleB = discord.awaitRequest("PUT", "/guilds/" + LAB_B + "/members/" + ALICE + "/roles/" + VERIFIED_B, Product.WAIT);
        assertTrue(roleA.auditLogReason().isPresent() && roleB.auditLogReason().isPresent(), "role changes carry a reason");
        assertEquals("Jane Doe", discord.awaitRequest("PATCH", "/guilds/" + LAB_A + "/members/" + ALICE, Product.WAIT).json()
                .get("nick").asText());
        assertEquals("Jane Doe", discord.awaitRequest("PATCH", "/guilds/" + LAB_B + "/members/" + ALICE, Product.WAIT).json()
                .get("nick").asText());
        discord.assertNoRequest("PUT", "/guilds/" + CHESS + "/members/" + ALICE + "/roles/\\d+", QUIET);
        discord.assertNoRequest("PATCH", "/guilds/" + CHESS + "/members/" + ALICE, Duration.ZERO);
        assertTrue(discord.guild(LAB_A).hasRole(ALICE, VERIFIED_A) && discord.guild(LAB_B).hasRole(ALICE, VERIFIED_B));
        assertEquals(List.of("jdoe42"), product.linkedDirectoryUser("cs101", ALICE));
        assertEquals(List.of(), product.linkedDirectoryUser("chess", ALICE));
    }

    @Test
    @Order(2)
    void theGateDeletesAnUnverifiedMembersMessageAndKeepsVerifiedMembersAndBots() {
        long fromAlice = discord.messageCreate(LAB_A, TEXT_A, ALICE, "hi all");
        long fromBot = discord.messageCreate(LAB_A, TEXT_A, OTHER_BOT, "welcome!");
        long fromBob = discord.messageCreate(LAB_A, TEXT_A, BOB, "hello?");

        discord.awaitRequest("DELETE", "/channels/" + TEXT_A + "/messages/" + fromBob, Product.WAIT);
        discord.assertNoRequest("DELETE", "/channels/" + TEXT_A + "/messages/(" + fromAlice + "|" + fromBot + ")", QUIET);
    }

    @Test
    @Order(3)
    void theMailboxOwnerDeniesAndTheRequesterGetsNoRoleAndNoNewLink() throws Exception {
        List<String> links = product.verifyAndReadEmail(LAB_A, TEXT_A, CAROL, "bsmith", "bob.smith@uni.example.edu");

        product.open(links.get(1));
        String done = product.press("This wasn’t me");
        assertTrue(done.contains("Request turned down"), done);
        assertEquals(List.of("DENIED"), product.sessionStates("cs101", CAROL));

        int mails = product.smtp().getReceivedMessages().length;
        FakeInteraction again = discord.slashCommand(LAB_A, TEXT_A, CAROL, "verify", CommandOption.string("user_id", "bsmith"));
        String reply = again.awaitOriginalEdit(Product.WAIT).json().get("content").asText();
        assertFalse(reply.contains("a verification link is on its way"), "no new link after a denial: " + reply);
        discord.assertNoRequest("PUT", "/guilds/\\d+/members/" + CAROL + "/roles/\\d+", QUIET);
        assertEquals(mails, product.smtp().getReceivedMessages().length, "no second email");
    }

    @Test
    @Order(4)
    void aLinkEmailedBeforeARestartConfirmsAfterItAndJoiningAnotherServerLaterGetsRoleAndNickname() throws Exception {
        List<String> links = product.verifyAndReadEmail(LAB_A, TEXT_A, DAVE, "dlee", "dan.lee@uni.example.edu");

        product.restartAndAwaitBot();

        product.open(links.get(0));
        assertTrue(product.press("Confirm").contains("verified"));
        discord.awaitRequest("PUT", "/guilds/" + LAB_A + "/members/" + DAVE + "/roles/" + VERIFIED_A, Product.WAIT);
        assertEquals("Dan Lee", discord.awaitRequest("PATCH", "/guilds/" + LAB_A + "/members/" + DAVE, Product.WAIT).json()
                .get("nick").asText());

        discord.memberJoin(LAB_B, DAVE, "dave");
        discord.awaitRequest("PUT", "/guilds/" + LAB_B + "/members/" + DAVE + "/roles/" + VERIFIED_B, Product.WAIT);
        assertEquals("Dan Lee", discord.awaitRequest("PATCH", "/guilds/" + LAB_B + "/members/" + DAVE, Product.WAIT).json()
                .get("nick").asText());
        discord.assertNoRequest("PUT", "/guilds/" + CHESS + "/members/" + DAVE + "/roles/\\d+", QUIET);
    }

    @Test
    @Order(5)
    void unverifyRemovesTheRoleInEveryServerOfTheTenant() throws Exception {
        FakeInteraction unverify = discord.slashCommand(LAB_B, TEXT_B, ALICE, "unverify");
        String prompt = unverify.awaitCallback(Product.WAIT).json().path("data").path("content").asText();
        assertTrue(prompt.contains("every server"), prompt);
        FakeInteraction sure = discord.clickButton(LAB_B, TEXT_B, ALICE, discord.nextId(), "gatehouse:unverify");
        String reply = sure.awaitOriginalEdit(Product.WAIT).json().get("content").asText();

        discord.awaitRequest("DELETE", "/guilds/" + LAB_A + "/members/" + ALICE + "/roles/" + VERIFIED_A, Product.WAIT);
        discord.awaitRequest("DELETE", "/guilds/" + LAB_B + "/members/" + ALICE + "/roles/" + VERIFIED_B, Product.WAIT);
        discord.assertNoRequest("DELETE", "/guilds/" + CHESS + "/members/" + ALICE + "/roles/\\d+", QUIET);
        assertFalse(discord.guild(LAB_A).hasRole(ALICE, VERIFIED_A) || discord.guild(LAB_B).hasRole(ALICE, VERIFIED_B), reply);
        assertEquals(List.of(), product.linkedDirectoryUser("cs101", ALICE));
        assertTrue(reply.contains("no longer verified"), reply);
    }

    @Test
    @Order(6)
    void aMemberWhoseDiscordSpeaksGermanGetsTheReplyTheEmailAndThePageInGerman() throws Exception {
        assertEquals("verifizieren", discord.registeredCommands().get("verify").get("name_localizations").get("de").asText());
        discord.setUserLocale(ERIKA, "de");

        Product.Requested requested = product.verifyAndReadEmail(LAB_A, TEXT_A, ERIKA, "emueller", "erika.mueller@uni.example.edu",
                "ist ein Verifizierungslink an die hinterlegte E-Mail-Adresse unterwegs");
        assertTrue(requested.reply().contains("läuft in 10 Minuten ab"), requested.reply());
        assertEquals("Bestätigen Sie Ihr Discord-Konto für CS 101", requested.subject());
        assertEquals(List.of("de"), product.sessionLanguages("cs101", ERIKA), "the language is kept with the session");

        String preview = product.open(requested.confirmLink());
        assertTrue(preview.contains("Dieses Discord-Konto mit Ihnen verknüpfen?") && preview.contains("Erika Müller")
                && preview.contains("(noch 10 Minuten)"), preview);
        assertTrue(product.press("Bestätigen").contains("Sie sind verifiziert"));
        discord.awaitRequest("PUT", "/guilds/" + LAB_A + "/members/" + ERIKA + "/roles/" + VERIFIED_A, Product.WAIT);
    }
}
