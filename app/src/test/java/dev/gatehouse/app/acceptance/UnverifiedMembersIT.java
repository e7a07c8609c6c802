package dev.gatehouse.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.discord.fake.CommandOption;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeDiscord.Permissions;
import dev.gatehouse.discord.fake.RecordedCall;
import dev.gatehouse.discord.fake.SentMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server that removes members who don't verify in time, through the packaged jar against the fake Discord: the
 * admin turns it on with the shortest time (1 minute, warned halfway) and the jar sweeps every 2 s; a newcomer who
 * doesn't verify gets the warning DM once and is then kicked with the reason in the audit log, while verified
 * members stay.
 */
@ExtendWith(PrintLogsOnFailure.class)
class UnverifiedMembersIT {
    private static final Duration REMOVAL = Duration.ofSeconds(90);

    private static final long GUILD = 840_000_000_000_000_001L;
    private static final long TEXT = 840_000_000_000_000_011L;
    private static final long VERIFIED = 840_000_000_000_000_021L;
    private static final long STAFF_ROLE = 840_000_000_000_000_031L;
    private static final long BOT_ROLE = 840_000_000_000_000_041L;
    private static final long OWNER = 840_000_000_000_000_100L;
    private static final long ADMIN = 840_000_000_000_000_101L;
    private static final long ALICE = 840_000_000_000_000_102L;
    private static final long NEWBIE = 840_000_000_000_000_103L;

    private static Product product;
    private static FakeDiscord discord;

    @BeforeAll
    static void aServerWhoseAdminAndAliceAreVerified() throws Exception {
        product = Product.create("unverified", AcceptanceDatabase.embedded("unverified"),
                Map.of("GATEHOUSE_LIFECYCLE_SWEEP_INTERVAL", "2s"));
        discord = product.discord();
        discord.guild(GUILD, "Reading Room", OWNER)
                .role(VERIFIED, "Verified", 1, 0)
                .role(STAFF_ROLE, "Staff", 3, Permissions.MANAGE_GUILD)
                .role(BOT_ROLE, "Gatehouse", 5, Permissions.MANAGE_ROLES | Permissions.MANAGE_NICKNAMES | Permissions.KICK_MEMBERS)
                .textChannel(TEXT, "general")
                .member(OWNER, "owner").member(ADMIN, "admin", STAFF_ROLE).member(ALICE, "alice")
                .botRoles(BOT_ROLE);
        product.startAndAwaitBot();
        product.tenant("library", "City Library", """
                staff1,staff1@library.example.org,Sam Staff
                jdoe42,jane.doe@library.example.org,Jane Doe
                """, GUILD);
        assertTrue(product.setup(GUILD, TEXT, ADMIN, VERIFIED).contains("Gatehouse is set up here"));
        link(ADMIN, "staff1");
        link(ALICE, "jdoe42");
    }

    private static void link(long member, String userId) {
        admin(CommandOption.subcommand("link", CommandOption.user("member", member), CommandOption.string("user_id", userId)));
        discord.awaitRequest("PUT", "/guilds/" + GUILD + "/members/" + member + "/roles/" + VERIFIED, Product.WAIT);
    }

    private static String admin(CommandOption option) {
        return discord.slashCommand(GUILD, TEXT, ADMIN, "gatehouse", option).awaitOriginalEdit(Product.WAIT).json().get("content").asText();
    }

    @AfterAll
    static void stop() {
        if (product != null) {
            product.close();
        }
    }

    @Test
    void aNewcomerWhoDoesntVerifyIsWarnedOnceThenKickedWithTheReasonAndVerifiedMembersStay() throws Exception {
        String setup = admin(CommandOption.subcommand("setup", CommandOption.string("remove_unverified_after", "1m")));
        assertTrue(setup.contains("**Remove members who don't verify in time:** 1 minute after joining, warned by DM 30 seconds before"),
                setup);
        assertTrue(setup.contains("Members already here who haven't verified count from now: 0 counted."), setup);
        assertTrue(product.cli("tenant", "describe", "library").contains("remove unverified after 1 minute"));

        discord.memberJoin(GUILD, NEWBIE, "newbie");

        SentMessage warning = discord.awaitDirectMessage(NEWBIE, REMOVAL);
        assertTrue(warning.content().contains("You haven't verified in **Reading Room** yet") && warning.content().contains("/verify"),
                warning.content());
        RecordedCall kick = discord.awaitRequest("DELETE", "/guilds/" + GUILD + "/members/" + NEWBIE, REMOVAL);
        assertEquals(204, kick.status());
        assertEquals("Gatehouse: not verified within 1 minute of joining", kick.auditLogReason().orElseThrow());
        assertTrue(discord.guild(GUILD).memberState(NEWBIE).isEmpty());

        discord.assertNoRequest("DELETE", "/guilds/" + GUILD + "/members/.*", Duration.ofSeconds(6));
        assertTrue(discord.guild(GUILD).memberState(ALICE).isPresent() && discord.guild(GUILD).memberState(ADMIN).isPresent());
        assertEquals(1, count("SELECT count(*) FROM audit_events WHERE tenant_id = 'library' AND action = 'member.removed_unverified'"));
        assertEquals(0, count("SELECT count(*) FROM arrivals"));
        assertTrue(discord.requests("POST", "/channels/\\d+/messages").stream()
                .filter(c -> c.body().contains("verified in **Reading Room** yet")).count() == 1, "warned once");
    }

    private static long count(String sql) throws Exception {
        try (Connection c = product.database().connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
