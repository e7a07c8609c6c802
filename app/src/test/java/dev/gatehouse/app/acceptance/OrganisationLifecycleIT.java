package dev.gatehouse.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.discord.fake.CommandOption;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeInteraction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * The organisation changes after people verified: a directory sync removes who left, and an admin removes one person,
 * through the packaged jar against the fake Discord; roles and nicknames go in both servers of the tenant; a
 * verification with a lifetime is reminded, lapses and is restored by a new {@code /verify}. The
 * scenarios share one app and run in order.
 */
@ExtendWith(PrintLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrganisationLifecycleIT {
    private static final Duration QUIET = Duration.ofSeconds(2);

    private static final long LAB_A = 830_000_000_000_000_001L;
    private static final long LAB_B = 830_000_000_000_000_002L;
    private static final long TEXT_A = 830_000_000_000_000_011L;
    private static final long TEXT_B = 830_000_000_000_000_012L;
    private static final long VERIFIED_A = 830_000_000_000_000_021L;
    private static final long VERIFIED_B = 830_000_000_000_000_022L;
    private static final long OWNER = 830_000_000_000_000_100L;
    private static final long ADMIN = 830_000_000_000_000_101L;
    private static final long ALICE = 830_000_000_000_000_102L;
    private static final long BOB = 830_000_000_000_000_103L;
    private static final long CAROL = 830_000_000_000_000_104L;
    private static final long STUDENT_A = 830_000_000_000_000_051L;
    private static final long STAFF_ROLE_A = 830_000_000_000_000_052L;

    private static Product product;
    private static FakeDiscord discord;

    @BeforeAll
    static void twoServersShareATenantWhereAliceAndBobAreVerified() throws Exception {
        product = Product.create("lifecycle", AcceptanceDatabase.embedded("lifecycle"),
                java.util.Map.of("GATEHOUSE_LIFECYCLE_SWEEP_INTERVAL", "2s"));
        discord = product.discord();
        product.server(new Product.ServerIds(LAB_A, TEXT_A, VERIFIED_A, 830_000_000_000_000_041L, 830_000_000_000_000_031L),
                "CS 101 Lab A", "Verified", OWNER, ADMIN).member(ALICE, "alice").member(BOB, "bob").member(CAROL, "carol")
                .role(STUDENT_A, "Student", 2, 0).role(STAFF_ROLE_A, "Academic Staff", 2, 0);
        product.server(new Product.ServerIds(LAB_B, TEXT_B, VERIFIED_B, 830_000_000_000_000_042L, 830_000_000_000_000_032L),
                "CS 101 Lab B", "Verified", OWNER, ADMIN).member(ALICE, "alice").member(BOB, "bob");
        product.startAndAwaitBot();
        product.tenant("cs101", "CS 101", """
                jdoe42,jane.doe@uni.example.edu,Jane Doe
                bsmith,bob.smith@uni.example.edu,Bob Smith
                dlee,dan.lee@uni.example.edu,Dan Lee
                """, LAB_A, LAB_B);
        assertTrue(product.setup(LAB_A, TEXT_A, ADMIN, VERIFIED_A).contains("Gatehouse is set up here"));
        assertTrue(product.setup(LAB_B, TEXT_B, ADMIN, VERIFIED_B).contains("Gatehouse is set up here"));
        linkByAdmin(ALICE, "jdoe42");
        linkByAdmin(BOB, "bsmith");
    }

    private static void linkByAdmin(long member, String userId) {
        linkByAdmin(member, userId, true);
    }

    private static void linkByAdmin(long member, String userId, boolean inBoth) {
        FakeInteraction link = discord.slashCommand(LAB_A, TEXT_A, ADMIN, "gatehouse", CommandOption.subcommand("link",
                CommandOption.user("member", member), CommandOption.string("user_id", userId)));
        link.awaitOriginalEdit(Product.WAIT);
        discord.awaitRequest("PUT", "/guilds/" + LAB_A + "/members/" + member + "/roles/" + VERIFIED_A, Product.WAIT);
        discord.awaitRequest("PATCH", "/guilds/" + LAB_A + "/members/" + member, Product.WAIT);
        if (inBoth) {
            discord.awaitRequest("PUT", "/guilds/" + LAB_B + "/members/" + member + "/roles/" + VERIFIED_B, Product.WAIT);
            discord.awaitRequest("PATCH", "/guilds/" + LAB_B + "/members/" + member, Product.WAIT);
        }
    }

    private static String admin(long guild, long channel, CommandOption option) {
        return discord.slashCommand(guild, channel, ADMIN, "gatehouse", option).awaitOriginalEdit(Product.WAIT).json().get("content").asText();
    }

    @AfterAll
    static void stop() {
        if (product != null) {
            product.close();
        }
    }

    private static Path directoryFile(String name, String rows) throws Exception {
        Path csv = PackagedApp.artifacts().resolve("lifecycle-" + name + ".csv");
        Files.writeString(csv, "user_id,email,name\n" + rows, StandardCharsets.UTF_8);
        return csv;
    }

    private static void assertNicknameReset(long guild, long member) {
        JsonNode nick = discord.awaitRequest("PATCH", "/guilds/" + guild + "/members/" + member, Product.WAIT).json().get("nick");
        assertTrue(nick == null || nick.isNull() || nick.asText().isEmpty(), "nickname reset, got " + nick);
    }

    private static long count(String sql, String value) throws Exception {
        try (Connection c = product.database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    @Order(1)
    void aSyncWithoutAliceIsRefusedOverTheLimitShownByADryRunThenRevokesHerRoleAndNicknameInBothServers() throws Exception {
        Path withoutJane = directoryFile("without-jane", """
                bsmith,bob.smith@uni.example.edu,Bob Smith
                dlee,dan.lee@uni.example.edu,Dan Lee
                carol,carol@uni.example.edu,Carol New
                """);

        OperatorCommand.Result refused = OperatorCommand.run(product.app().environment(), "import", "cs101", withoutJane.toString(), "--sync");
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("would remove 1 of 3") && refused.err().contains("Nothing was changed"), refused::toString);

        String dryRun = product.cli("import", "cs101", withoutJane.toString(), "--sync", "--dry-run", "--allow-mass-removal");
        assertTrue(dryRun.contains("Dry run") && dryRun.contains("1 added") && dryRun.contains("1 removed")
                && dryRun.contains("1 links ended") && dryRun.contains("would remove jdoe42"), dryRun);
        discord.assertNoRequest("DELETE", "/guilds/\\d+/members/" + ALICE + "/roles/\\d+", QUIET);
        assertEquals(List.of("jdoe42"), product.linkedDirectoryUser("cs101", ALICE));

        String synced = product.cli("import", "cs101", withoutJane.toString(), "--sync", "--max-removal-percent", "40");
        assertTrue(synced.contains("Synced") && synced.contains("1 removed; 1 links ended"), synced);

        discord.awaitRequest("DELETE", "/guilds/" + LAB_A + "/members/" + ALICE + "/roles/" + VERIFIED_A, Product.WAIT);
        discord.awaitRequest("DELETE", "/guilds/" + LAB_B + "/members/" + ALICE + "/roles/" + VERIFIED_B, Product.WAIT);
        assertNicknameReset(LAB_A, ALICE);
        assertNicknameReset(LAB_B, ALICE);
        assertFalse(discord.guild(LAB_A).hasRole(ALICE, VERIFIED_A) || discord.guild(LAB_B).hasRole(ALICE, VERIFIED_B));
        assertTrue(discord.guild(LAB_A).hasRole(BOB, VERIFIED_A), "Bob is still in the directory");
        assertEquals(List.of(), product.linkedDirectoryUser("cs101", ALICE));
        assertEquals(0, count("SELECT count(*) FROM directory_users WHERE user_id = ?", "jdoe42"));
        assertEquals(1, count("SELECT count(*) FROM audit_events WHERE action = ?", "directory.synced"));
    }

    @Test
    @Order(2)
    void anAdminRemovesBobAndHisRoleGoesInBothServers() throws Exception {
        FakeInteraction remove = discord.slashCommand(LAB_B, TEXT_B, ADMIN, "gatehouse", CommandOption.subcommand("remove",
                CommandOption.string("user_id", "bsmith")));
        String reply = remove.awaitOriginalEdit(Product.WAIT).json().get("content").asText();
        assertTrue(reply.contains("`bsmith` was removed from the directory") && reply.contains("<@" + BOB + ">"), reply);

        discord.awaitRequest("DELETE", "/guilds/" + LAB_A + "/members/" + BOB + "/roles/" + VERIFIED_A, Product.WAIT);
        discord.awaitRequest("DELETE", "/guilds/" + LAB_B + "/members/" + BOB + "/roles/" + VERIFIED_B, Product.WAIT);
        assertEquals(0, count("SELECT count(*) FROM directory_users WHERE user_id = ?", "bsmith"));
        assertEquals(1, count("SELECT count(*) FROM audit_events WHERE action = ?", "directory.user_removed"));
    }

    @Test
    @Order(3)
    void theOperatorRemovesOnePersonFromTheCommandLine() throws Exception {
        String removed = product.cli("user", "remove", "cs101", "dlee");
        assertTrue(removed.contains("Removed dlee (Dan Lee) from cs101."), removed);
        OperatorCommand.Result again = OperatorCommand.run(product.app().environment(), "user", "remove", "cs101", "dlee");
        assertEquals(1, again.exitCode(), again::toString);
        assertTrue(again.err().contains("has no user dlee"), again::toString);
    }

    @Test
    @Order(4)
    void aGroupChangeInTheDirectoryMovesAMemberFromStudentToStaff() throws Exception {
        String mapped = admin(LAB_A, TEXT_A, CommandOption.group("roles", CommandOption.subcommand("map",
                CommandOption.string("group", "Student"), CommandOption.role("role", STUDENT_A))));
        assertTrue(mapped.contains("`student`") && mapped.contains("<@&" + STUDENT_A + ">"), mapped);
        admin(LAB_A, TEXT_A, CommandOption.group("roles", CommandOption.subcommand("map",
                CommandOption.string("group", "staff"), CommandOption.role("role", STAFF_ROLE_A))));
        String list = admin(LAB_A, TEXT_A, CommandOption.group("roles", CommandOption.subcommand("list")));
        assertTrue(list.contains("`staff` → <@&" + STAFF_ROLE_A + ">") && list.contains("`student` → <@&" + STUDENT_A + ">"), list);

        Path asStudent = PackagedApp.artifacts().resolve("lifecycle-carol-student.csv");
        Files.writeString(asStudent, "user_id,email,name,groups\ncwu,carol.wu@uni.example.edu,Carol Wu,student\n", StandardCharsets.UTF_8);
        product.cli("import", "cs101", asStudent.toString());
        linkByAdmin(CAROL, "cwu", false);
        discord.awaitRequest("PUT", "/guilds/" + LAB_A + "/members/" + CAROL + "/roles/" + STUDENT_A, Product.WAIT);
        assertTrue(discord.guild(LAB_A).hasRole(CAROL, STUDENT_A) && discord.guild(LAB_A).hasRole(CAROL, VERIFIED_A));

        Path asStaff = PackagedApp.artifacts().resolve("lifecycle-carol-staff.json");
        Files.writeString(asStaff, "[{\"id\": \"cwu\", \"email\": \"carol.wu@uni.example.edu\", \"name\": \"Carol Wu\", "
                + "\"groups\": [\"staff\"]}]", StandardCharsets.UTF_8);
        product.cli("import", "cs101", asStaff.toString());

        discord.awaitRequest("DELETE", "/guilds/" + LAB_A + "/members/" + CAROL + "/roles/" + STUDENT_A, Product.WAIT);
        discord.awaitRequest("PUT", "/guilds/" + LAB_A + "/members/" + CAROL + "/roles/" + STAFF_ROLE_A, Product.WAIT);
        assertFalse(discord.guild(LAB_A).hasRole(CAROL, STUDENT_A));
        assertTrue(discord.guild(LAB_A).hasRole(CAROL, STAFF_ROLE_A) && discord.guild(LAB_A).hasRole(CAROL, VERIFIED_A));
        discord.assertNoRequest("DELETE", "/guilds/\\d+/members/" + CAROL + "/roles/" + VERIFIED_A, Duration.ZERO);
    }

    @Test
    @Order(5)
    void theOperatorExportsThenErasesCarolAndNoRowNamesHerWhileEveryAuditEntryStays() throws Exception {
        String export = product.cli("user", "export", "cs101", "--user", "cwu");
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(export);
        assertEquals("carol.wu@uni.example.edu", json.get("directoryUser").get("email").asText(), export);
        assertEquals(String.valueOf(CAROL), json.get("link").get("discordUserId").asText(), export);
        assertTrue(json.get("auditEntries").size() > 0, export);
        List<String> naming = List.of("cwu", "carol.wu@uni.example.edu", "Carol Wu", String.valueOf(CAROL));
        assertTrue(rowsNaming(naming).size() > 0, "her rows are there before");
        long auditBefore = count("SELECT count(*) FROM audit_events WHERE tenant_id = ?", "cs101");

        String erased = product.cli("user", "erase", "cs101", "--user", "cwu");
        assertTrue(erased.contains("Erased: the directory row, the link") && erased.contains("now say erased-"), erased);

        discord.awaitRequest("DELETE", "/guilds/" + LAB_A + "/members/" + CAROL + "/roles/" + VERIFIED_A, Product.WAIT);
        discord.awaitRequest("DELETE", "/guilds/" + LAB_A + "/members/" + CAROL + "/roles/" + STAFF_ROLE_A, Product.WAIT);
        assertFalse(discord.guild(LAB_A).hasRole(CAROL, VERIFIED_A));
        long deadline = System.nanoTime() + Product.WAIT.toNanos();
        List<String> left = rowsNaming(naming);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = rowsNaming(naming);
        }
        assertEquals(List.of(), left, "tables still naming her");
        assertEquals(auditBefore + 1, count("SELECT count(*) FROM audit_events WHERE tenant_id = ?", "cs101"),
                "every audit entry kept, one added for the erasure");
        assertEquals(1, count("SELECT count(*) FROM audit_events WHERE action = ?", "person.erased"));
        OperatorCommand.Result again = OperatorCommand.run(product.app().environment(), "user", "erase", "cs101", "--user", "cwu");
        assertEquals(1, again.exitCode(), again::toString);
        assertTrue(again.err().contains("holds nothing about that person"), again::toString);
    }

    @Test
    @Order(6)
    void aLapseRemovesTheRoleInBothServersAndANewVerifyRestoresIt() throws Exception {
        String limited = product.cli("tenant", "create", "cs101", "--name", "CS 101", "--verification-lifetime", "1m",
                "--verification-reminder", "30s");
        assertTrue(limited.contains("verifications hold 1 minute (reminder 30 seconds before)"), limited);
        long verifiedAt = verifyAsCarolByEmail();
        String whois = admin(LAB_A, TEXT_A, CommandOption.subcommand("whois", CommandOption.user("member", ALICE)));
        assertTrue(whois.contains("holds until"), whois);

        assertTrue(awaitDm(ALICE, "holds until", LAPSE).contains("/verify"), "the reminder tells how to keep access");
        assertTrue(System.nanoTime() - verifiedAt >= Duration.ofSeconds(30).toNanos(), "not reminded before the reminder time");
        discord.awaitRequest("DELETE", "/guilds/" + LAB_A + "/members/" + ALICE + "/roles/" + VERIFIED_A, LAPSE);
        discord.awaitRequest("DELETE", "/guilds/" + LAB_B + "/members/" + ALICE + "/roles/" + VERIFIED_B, Product.WAIT);
        discord.awaitRequest("DELETE", "/guilds/" + LAB_A + "/members/" + ALICE + "/roles/" + STUDENT_A, Product.WAIT);
        discord.awaitRequest("DELETE", "/guilds/" + LAB_A + "/members/" + ALICE + "/roles/" + STAFF_ROLE_A, Product.WAIT);
        assertTrue(System.nanoTime() - verifiedAt >= Duration.ofSeconds(60).toNanos(), "not lapsed before its minute");
        assertNicknameReset(LAB_A, ALICE);
        assertNicknameReset(LAB_B, ALICE);
        awaitDm(ALICE, "has ended", Product.WAIT);
        assertEquals(List.of(), product.linkedDirectoryUser("cs101", ALICE));
        assertEquals(1, count("SELECT count(*) FROM audit_events WHERE action = ?", "verification.lapsed"));
        assertFalse(discord.guild(LAB_A).hasRole(ALICE, VERIFIED_A) || discord.guild(LAB_B).hasRole(ALICE, VERIFIED_B));

        verifyAsCarolByEmail();
        assertEquals(List.of("carol"), product.linkedDirectoryUser("cs101", ALICE));
        assertTrue(discord.guild(LAB_A).hasRole(ALICE, VERIFIED_A) && discord.guild(LAB_B).hasRole(ALICE, VERIFIED_B));
    }

    @Test
    @Order(7)
    void aVerifyAfterTheReminderRenewsTheVerificationAndNothingIsRemoved() throws Exception {
        // two minutes, reminded after 20 s: a renewal has 100 s to go through before the lapse
        product.cli("tenant", "create", "cs101", "--name", "CS 101", "--verification-lifetime", "2m", "--verification-reminder", "100s");
        java.time.Instant before = linkedAt(ALICE);
        awaitDm(ALICE, "holds until", LAPSE);

        verifyAsCarolByEmail();

        assertTrue(linkedAt(ALICE).isAfter(before), "the link holds from the renewal");
        assertEquals(List.of("carol"), product.linkedDirectoryUser("cs101", ALICE));
        assertEquals(1, count("SELECT count(*) FROM audit_events WHERE action = ?", "verification.renewed"));
        discord.assertNoRequest("DELETE", "/guilds/\\d+/members/" + ALICE + "/roles/(" + VERIFIED_A + "|" + VERIFIED_B + ")", QUIET);
        product.cli("tenant", "create", "cs101", "--name", "CS 101", "--verification-lifetime", "forever");
    }

    private static java.time.Instant linkedAt(long member) throws Exception {
        try (Connection c = product.database().connect();
             PreparedStatement s = c.prepareStatement("SELECT linked_at FROM links WHERE tenant_id = 'cs101' AND discord_user_id = ?")) {
            s.setLong(1, member);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "linked");
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    /** Long enough for the minute's lifetime and a few sweeps. */
    private static final Duration LAPSE = Duration.ofSeconds(90);

    /** Alice verifies as Carol by email and gets the role in both servers; returns the time just before she confirmed. */
    private static long verifyAsCarolByEmail() throws Exception {
        List<String> links = product.verifyAndReadEmail(LAB_A, TEXT_A, ALICE, "carol", "carol@uni.example.edu");
        product.open(links.get(0));
        long confirming = System.nanoTime();
        String done = product.press("Confirm");
        assertTrue(done.contains("verified"), done);
        assertTrue(done.contains("holds until"), done);
        discord.awaitRequest("PUT", "/guilds/" + LAB_A + "/members/" + ALICE + "/roles/" + VERIFIED_A, Product.WAIT);
        discord.awaitRequest("PUT", "/guilds/" + LAB_B + "/members/" + ALICE + "/roles/" + VERIFIED_B, Product.WAIT);
        discord.awaitRequest("PATCH", "/guilds/" + LAB_A + "/members/" + ALICE, Product.WAIT);
        discord.awaitRequest("PATCH", "/guilds/" + LAB_B + "/members/" + ALICE, Product.WAIT);
        return confirming;
    }

    /** The next DM to the member containing {@code part}, skipping others. */
    private static String awaitDm(long member, String part, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String content = discord.awaitDirectMessage(member, Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).content();
            if (content.contains(part)) {
                return content;
            }
        }
    }

    /** Every table of the schema whose rows, as text, contain any of the words: "table: word". */
    private static List<String> rowsNaming(List<String> words) throws Exception {
        List<String> found = new java.util.ArrayList<>();
        try (Connection c = product.database().connect()) {
            List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.contains("audit_events") && tables.contains("sessions"), tables::toString);
            for (String table : tables) {
                for (String word : words) {
                    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM \"" + table + "\" t WHERE strpos(t::text, ?) > 0")) {
                        s.setString(1, word);
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(table + ": " + word);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
