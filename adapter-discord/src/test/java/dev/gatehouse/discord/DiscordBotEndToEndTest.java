package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildBindingPolicy;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberNotice;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import dev.gatehouse.discord.fake.CommandOption;
import dev.gatehouse.discord.fake.FakeDiscord.Permissions;
import dev.gatehouse.discord.fake.FakeGuild;
import dev.gatehouse.discord.fake.FakeInteraction;
import dev.gatehouse.discord.fake.FakeResponse;
import dev.gatehouse.discord.fake.RecordedCall;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.javacord.api.entity.intent.Intent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real Javacord client, driven by {@link DiscordBot}, against the fake Discord, with the real core on
 * in-memory stores. One login for the whole class; each test uses its own members so they don't interact.
 */
class DiscordBotEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TenantId TENANT = new TenantId("cs101");

    private static final long GUILD = 700_000_000_000_000_001L;
    private static final long OTHER_GUILD = 700_000_000_000_000_002L;
    private static final long TEXT = 700_000_000_000_000_010L;
    private static final long VOICE = 700_000_000_000_000_011L;
    private static final long OTHER_TEXT = 700_000_000_000_000_012L;
    private static final long VERIFIED_ROLE = 700_000_000_000_000_020L;
    private static final long BOT_ROLE = 700_000_000_000_000_021L;
    private static final long ADMIN_ROLE = 700_000_000_000_000_022L;
    private static final long OTHER_VERIFIED_ROLE = 700_000_000_000_000_023L;
    private static final long OTHER_BOT_ROLE = 700_000_000_000_000_024L;
    private static final long HIGH_ROLE = 700_000_000_000_000_025L;

    private static final long OWNER = 700_000_000_000_000_100L;
    private static final long ADMIN = 700_000_000_000_000_101L;
    private static final long ALICE = 700_000_000_000_000_102L;
    private static final long BOB = 700_000_000_000_000_103L;
    private static final long CAROL = 700_000_000_000_000_104L;
    private static final long DAVE = 700_000_000_000_000_105L;
    private static final long ERIN = 700_000_000_000_000_106L;
    private static final long FRANK = 700_000_000_000_000_107L;
    private static final long GRACE = 700_000_000_000_000_108L;
    private static final long HEIDI = 700_000_000_000_000_109L;
    private static final long IVAN = 700_000_000_000_000_110L;
    private static final long JUDY = 700_000_000_000_000_111L;
    private static final long KIM = 700_000_000_000_000_112L;
    private static final long LEO = 700_000_000_000_000_113L;

    @RegisterExtension
    static final DiscordWorld world = DiscordWorld.create()
            .servers(discord -> {
                long botPermissions = Permissions.MANAGE_ROLES | Permissions.MANAGE_NICKNAMES | Permissions.MANAGE_MESSAGES
                        | Permissions.KICK_MEMBERS;
                discord.guild(GUILD, "CS 101", OWNER)
                        .role(VERIFIED_ROLE, "Verified", 1, 0)
                        .role(ADMIN_ROLE, "Staff", 3, Permissions.MANAGE_GUILD)
                        .role(BOT_ROLE, "Gatehouse", 5, botPermissions)
                        .textChannel(TEXT, "general")
                        .channel(VOICE, "lounge", FakeGuild.ChannelType.VOICE)
                        .member(OWNER, "owner")
                        .member(ADMIN, "admin", ADMIN_ROLE)
                        .member(ALICE, "alice")
                        .member(BOB, "bob")
                        .member(CAROL, "carol")
                        .member(DAVE, "dave")
                        .member(ERIN, "erin")
                        .member(GRACE, "grace")
                        .member(IVAN, "ivan")
                        .member(HEIDI, "heidi")
                        .member(JUDY, "judy")
                        .member(KIM, "kim")
                        .member(LEO, "leo")
                        .botRoles(BOT_ROLE);
                discord.user(FRANK, "frank");
                discord.guild(OTHER_GUILD, "CS 102", OWNER)
                        .role(OTHER_VERIFIED_ROLE, "Checked", 1, 0)
                        .role(ADMIN_ROLE + 100, "Staff", 3, Permissions.MANAGE_GUILD)
                        .role(OTHER_BOT_ROLE, "Gatehouse", 5, Permissions.MANAGE_ROLES)
                        .role(HIGH_ROLE, "Moderators", 9, 0)
                        .textChannel(OTHER_TEXT, "general")
                        .member(OWNER, "owner")
                        .member(ADMIN, "admin", ADMIN_ROLE + 100)
                        .botRoles(OTHER_BOT_ROLE);
            })
            .botSettings(settings -> settings.withDeliveryInterval(Duration.ofMillis(100)))
            .mailOutcome(email -> email.to().value().startsWith("broken") ? new MailOutcome.Unavailable("relay down") : MailOutcome.sent())
            .data(world -> {
                world.tenant(TenantSettings.defaults(TENANT, "CS 101")
                        .withGuildBinding(GuildBindingPolicy.GUILD_ADMINS)
                        .withUnknownUserReply(UnknownUserReply.INVALID_USER_ID));
                directory("jdoe", "jane.doe@uni.edu", "Jane Doe");
                directory("bbuilder", "bob@uni.edu", "Bob Builder");
                directory("dsmith", "dana.smith@uni.edu", "Dana Smith");
                directory("broken", "broken@uni.edu", "Broken Mailbox");
                directory("erin", "erin@uni.edu", "Erin Early");
                directory("frank", "frank@uni.edu", "Frank Late");
                directory("grace", "grace@uni.edu", "Grace Hopper");
                directory("heidi", "heidi@uni.edu", "Heidi Klum");
                directory("ivan", "ivan@uni.edu", "Ivan Ivanov");
                world.bind(GUILD, TENANT, new GuildSettingChange.VerifiedRole(new RoleId(VERIFIED_ROLE)),
                        new GuildSettingChange.GateMessages(true), new GuildSettingChange.SetNickname(true),
                        new GuildSettingChange.DmOnJoin(true));
                assertInstanceOf(AdministerGuild.Linked.class, world.link(GUILD, BOB, "bbuilder", OWNER));
            });

    private static void directory(String id, String email, String name) {
        world.directory(TENANT, id, email, name);
    }

    private static String roleGrant(long guild, long member, long role) {
        return "/guilds/" + guild + "/members/" + member + "/roles/" + role;
    }

    @Test
    void commandsAreRegisteredInOneBulkOverwriteGuildOnlyWithGatehouseForServerManagers() {
        List<RecordedCall> puts = world.discord().requests("PUT", "/applications/\\d+/commands");
        assertEquals(1, puts.size(), "one bulk overwrite");
        JsonNode commands = puts.get(0).json();
        assertEquals(3, commands.size());
        for (JsonNode command : commands) {
            assertFalse(command.path("dm_permission").asBoolean(true), command.get("name") + " is guild-only");
            if (command.get("name").asText().equals("gatehouse")) {
                assertEquals(String.valueOf(Permissions.MANAGE_GUILD), command.get("default_member_permissions").asText());
            }
        }
        long intents = world.discord().awaitIdentifiedIntents(WAIT);
        assertTrue((intents & (1L << Intent.GUILD_MEMBERS.getId())) != 0, "GUILD_MEMBERS");
        assertEquals(0, intents & (1L << Intent.MESSAGE_CONTENT.getId()), "no MESSAGE_CONTENT");
    }

    @Test
    void theGatehouseSchemaIsAssembledFromItsSubcommandsWithTheirOptions() {
        JsonNode gatehouse = world.discord().registeredCommands().get("gatehouse");
        List<String> subcommands = new ArrayList<>();
        gatehouse.get("options").forEach(o -> subcommands.add(o.get("name").asText()));
        assertEquals(List.of("setup", "status", "question", "answers", "clear_answers", "whois", "link", "unlink", "remove", "roles",
                "data", "members"), subcommands);
        JsonNode roles = gatehouse.get("options").get(9);
        assertEquals(2, roles.get("type").asInt(), "roles is a subcommand group");
        List<String> rolesSubcommands = new ArrayList<>();
        roles.get("options").forEach(o -> rolesSubcommands.add(o.get("name").asText()));
        assertEquals(List.of("map", "unmap", "list"), rolesSubcommands);
        JsonNode setup = gatehouse.get("options").get(0);
        List<String> options = new ArrayList<>();
        setup.get("options").forEach(o -> options.add(o.get("name").asText()));
        assertEquals(List.of("tenant", "role", "enabled", "verify_on_join", "kick_on_failure", "kick_after", "gate", "nickname",
                "dm_on_join", "log_channel", "clear_log_channel", "remove_unverified_after"), options);
        assertEquals("Bind this server to a tenant and choose its options", setup.get("description").asText());
        assertEquals("Wrong answers (within 24 h) before a kick; turns kicking on",
                setup.get("options").get(5).get("description").asText());
    }

    @Test
    void verifyIsDeferredEphemerallyThenTheReplyNamesTheMaskedAddress() throws Exception {
        FakeInteraction verify = world.discord().slashCommand(GUILD, TEXT, ALICE, "verify", CommandOption.string("user_id", "JDoe"));

        RecordedCall callback = verify.awaitCallback(WAIT);
        assertEquals(5, callback.json().get("type").asInt(), "deferred");
        assertEquals(64, callback.json().get("data").get("flags").asInt(), "ephemeral");
        String reply = verify.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertTrue(reply.contains("j•••@u•••.edu"), reply);
        assertTrue(reply.contains("10 minutes"), reply);

        VerificationEmail mail = world.awaitMail("jane.doe@uni.edu");
        assertEquals(ALICE, mail.requester().id().value());
        assertEquals("CS 101", mail.guildName());
    }

    @Test
    void aMailThatCouldNotBeSentTurnsTheReplyIntoTryAgain() {
        FakeInteraction verify = world.discord().slashCommand(GUILD, TEXT, IVAN, "verify", CommandOption.string("user_id", "broken"));

        verify.awaitCallback(WAIT);
        String first = verify.awaitOriginalEdit(WAIT).json().get("content").asText();
        String second = verify.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertTrue(first.contains("b•••@u•••.edu"), first);
        assertTrue(second.contains("couldn't be sent") && second.contains("/verify"), second);
    }

    @Test
    void verifyOutsideAnOrdinaryTextChannelIsTurnedAwayWithoutAnEphemeralReply() {
        FakeInteraction verify = world.discord().slashCommand(GUILD, VOICE, JUDY, "verify", CommandOption.string("user_id", "jdoe"));

        JsonNode answer = verify.awaitCallback(WAIT).json();
        assertEquals(4, answer.get("type").asInt());
        assertEquals(0, answer.get("data").path("flags").asInt(0) & 64);
        assertTrue(answer.get("data").get("content").asText().contains("text channel"));
    }

    @Test
    void messagesOfUnverifiedMembersAreDeletedAndOfVerifiedMembersKept() {
        long kept = world.discord().messageCreate(GUILD, TEXT, BOB, "hello, I'm verified");
        long deleted = world.discord().messageCreate(GUILD, TEXT, CAROL, "hello, I'm not");

        RecordedCall delete = world.discord().awaitRequest("DELETE", "/channels/" + TEXT + "/messages/\\d+", WAIT);
        assertEquals("/channels/" + TEXT + "/messages/" + deleted, delete.path());
        assertTrue(delete.auditLogReason().isPresent());
        world.discord().assertNoRequest("DELETE", "/channels/" + TEXT + "/messages/" + kept, Duration.ofMillis(200));
    }

    @Test
    void aConfirmationGrantsTheRoleWithAReasonAndSetsTheDirectoryNameAsNickname() throws Exception {
        FakeInteraction verify = world.discord().slashCommand(GUILD, TEXT, DAVE, "verify", CommandOption.string("user_id", "dsmith"));
        verify.awaitOriginalEdit(WAIT);
        String token = tokenOf(world.awaitMail("dana.smith@uni.edu"));

        ReviewVerification.ConfirmResult confirmed = world.gatehouse().reviewVerification()
                .confirm(new ReviewVerification.LinkCommand(token, new ClientIp("127.0.0.1")));
        assertInstanceOf(ReviewVerification.Confirmed.class, confirmed);

        RecordedCall grant = world.discord().awaitRequest("PUT", roleGrant(GUILD, DAVE, VERIFIED_ROLE), WAIT);
        assertEquals(204, grant.status());
        assertTrue(grant.auditLogReason().orElse("").contains("Gatehouse"), grant.toString());
        RecordedCall nickname = world.discord().awaitRequest("PATCH", "/guilds/" + GUILD + "/members/" + DAVE, WAIT);
        assertEquals("Dana Smith", nickname.json().get("nick").asText());
        assertTrue(nickname.auditLogReason().isPresent());
        assertTrue(world.discord().guild(GUILD).hasRole(DAVE, VERIFIED_ROLE));
    }

    @Test
    void aRateLimitedRoleGrantIsRetriedNoSoonerThanDiscordAsked() {
        Duration retryAfter = Duration.ofMillis(1200);
        world.discord().respondNext("PUT", roleGrant(GUILD, ERIN, VERIFIED_ROLE), FakeResponse.rateLimited(retryAfter));

        world.link(GUILD, ERIN, "erin", OWNER);

        RecordedCall limited = world.discord().awaitRequest("PUT", roleGrant(GUILD, ERIN, VERIFIED_ROLE), WAIT);
        RecordedCall retried = world.discord().awaitRequest("PUT", roleGrant(GUILD, ERIN, VERIFIED_ROLE), WAIT);
        assertEquals(429, limited.status());
        assertEquals(204, retried.status());
        assertTrue(retried.after(limited).compareTo(retryAfter) >= 0,
                "retried " + retried.after(limited).toMillis() + " ms after a 429 asking for " + retryAfter.toMillis() + " ms");
        assertTrue(world.discord().guild(GUILD).hasRole(ERIN, VERIFIED_ROLE));
    }

    @Test
    void theOwnersNicknameIsLeftAloneWhileTheRoleIsGranted() {
        world.link(GUILD, OWNER, "jdoe", OWNER);

        assertEquals(204, world.discord().awaitRequest("PUT", roleGrant(GUILD, OWNER, VERIFIED_ROLE), WAIT).status());
        world.discord().assertNoRequest("PATCH", "/guilds/" + GUILD + "/members/" + OWNER, Duration.ofMillis(300));
    }

    @Test
    void aLinkedUserJoiningGetsTheRoleAtOnce() {
        world.link(GUILD, FRANK, "frank", OWNER);
        RecordedCall notYetMember = world.discord().awaitRequest("PUT", roleGrant(GUILD, FRANK, VERIFIED_ROLE), WAIT);
        assertEquals(404, notYetMember.status(), "Frank isn't a member yet: the update is dropped");

        world.discord().memberJoin(GUILD, FRANK, "frank");

        RecordedCall grant = world.discord().awaitRequest("PUT", roleGrant(GUILD, FRANK, VERIFIED_ROLE), WAIT);
        assertEquals(204, grant.status());
        assertTrue(world.discord().guild(GUILD).hasRole(FRANK, VERIFIED_ROLE));
    }

    @Test
    void anUnlinkedJoinerIsToldAboutVerifyByDmAndClosedDmsAreNoProblem() {
        long stranger = world.discord().nextId();
        world.discord().closeDms(stranger);

        world.discord().memberJoin(GUILD, stranger, "stranger");

        world.discord().awaitRequest("POST", "/users/@me/channels", WAIT);
        RecordedCall dm = world.discord().awaitRequest("POST", "/channels/\\d+/messages", WAIT);
        assertEquals(403, dm.status());
        assertTrue(dm.json().get("content").asText().contains("/verify"));
        assertTrue(world.bot().isRunning());
    }

    @Test
    void aQueuedKickRemovesTheMemberWithItsReasonAndTheOwnerIsNeverKicked() {
        world.stores().memberUpdates().enqueue(List.of(
                MemberUpdate.of(new GuildId(GUILD), new DiscordUserId(OWNER), new MemberChange.Kick(), "Gatehouse: not verified", Instant.now()),
                MemberUpdate.of(new GuildId(GUILD), new DiscordUserId(KIM), new MemberChange.Kick(), "Gatehouse: not verified within 7 days",
                        Instant.now())));

        RecordedCall kick = world.discord().awaitRequest("DELETE", "/guilds/" + GUILD + "/members/" + KIM, WAIT);
        assertEquals(204, kick.status());
        assertEquals("Gatehouse: not verified within 7 days", kick.auditLogReason().orElse(""));
        assertFalse(world.discord().guild(GUILD).memberIds().contains(KIM));
        world.discord().assertNoRequest("DELETE", "/guilds/" + GUILD + "/members/" + OWNER, Duration.ofMillis(300));
        assertTrue(world.discord().guild(GUILD).memberIds().contains(OWNER));
    }

    @Test
    void aQueuedNoticeIsADmInTheMembersLanguageWithTheTimeInTheTenantsZoneAndClosedDmsAreDropped() {
        Instant until = Instant.parse("2027-06-30T22:00:00Z");
        long closed = world.discord().nextId();
        world.discord().user(closed, "closed");
        world.discord().closeDms(closed);
        world.stores().memberUpdates().enqueue(List.of(MemberUpdate.of(new GuildId(GUILD), new DiscordUserId(closed),
                new MemberChange.Notify(new MemberNotice.VerificationLapsed(Locale.ENGLISH)), "Gatehouse: verification lapsed",
                Instant.now())));
        RecordedCall refused = world.discord().awaitRequest("POST", "/channels/\\d+/messages", WAIT);
        assertEquals(403, refused.status());

        world.stores().memberUpdates().enqueue(List.of(MemberUpdate.of(new GuildId(GUILD), new DiscordUserId(LEO),
                new MemberChange.Notify(new MemberNotice.VerificationEnding(until, Locale.GERMAN, ZoneId.of("Europe/Berlin"))),
                "Gatehouse: verification ends soon", Instant.now())));

        RecordedCall dm = world.discord().awaitRequest("POST", "/channels/\\d+/messages", WAIT);
        assertEquals(200, dm.status());
        String text = dm.json().get("content").asText();
        assertTrue(text.contains("**CS 101**") && text.contains("1. Juli 2027, 00:00") && text.contains("/verifizieren"), text);
        world.discord().assertNoRequest("POST", "/channels/\\d+/messages", Duration.ofMillis(500));
    }

    @Test
    void unverifyAsksForConfirmationThenRemovesTheRole() {
        world.link(GUILD, GRACE, "grace", OWNER);
        world.discord().awaitRequest("PUT", roleGrant(GUILD, GRACE, VERIFIED_ROLE), WAIT);

        FakeInteraction unverify = world.discord().slashCommand(GUILD, TEXT, GRACE, "unverify");
        JsonNode prompt = unverify.awaitCallback(WAIT).json();
        assertEquals(4, prompt.get("type").asInt());
        assertEquals(64, prompt.get("data").get("flags").asInt());
        String button = prompt.get("data").get("components").get(0).get("components").get(0).get("custom_id").asText();

        FakeInteraction click = world.discord().clickButton(GUILD, TEXT, GRACE, world.discord().nextId(), button);
        JsonNode deferred = click.awaitCallback(WAIT).json();
        assertEquals(5, deferred.get("type").asInt());
        assertEquals(64, deferred.get("data").get("flags").asInt());
        assertTrue(click.awaitOriginalEdit(WAIT).json().get("content").asText().contains("no longer verified"));
        world.discord().awaitRequest("DELETE", roleGrant(GUILD, GRACE, VERIFIED_ROLE), WAIT);
        assertFalse(world.discord().guild(GUILD).hasRole(GRACE, VERIFIED_ROLE));
    }

    @Test
    void afterUnverifyingAMemberErasesTheirOwnDataWithTheButtonOffered() {
        world.link(GUILD, GRACE, "grace", OWNER);
        world.discord().awaitRequest("PUT", roleGrant(GUILD, GRACE, VERIFIED_ROLE), WAIT);
        FakeInteraction unverify = world.discord().slashCommand(GUILD, TEXT, GRACE, "unverify");
        String confirm = unverify.awaitCallback(WAIT).json().get("data").get("components").get(0).get("components").get(0)
                .get("custom_id").asText();
        FakeInteraction unverified = world.discord().clickButton(GUILD, TEXT, GRACE, world.discord().nextId(), confirm);
        JsonNode done = unverified.awaitOriginalEdit(WAIT).json();
        assertTrue(done.get("content").asText().contains("Erase my data") || done.get("content").asText().contains("erase"), done.toString());
        JsonNode offered = done.get("components").get(0).get("components").get(0);
        assertEquals("Erase my data too", offered.get("label").asText());
        var tenant = world.stores().guilds().find(new dev.gatehouse.core.model.GuildId(GUILD)).orElseThrow().tenant();
        assertTrue(world.stores().audit().recent(tenant, 100).stream().anyMatch(e -> e.detail().contains(Long.toString(GRACE))));

        FakeInteraction erase = world.discord().clickButton(GUILD, TEXT, GRACE, world.discord().nextId(), offered.get("custom_id").asText());
        assertEquals(64, erase.awaitCallback(WAIT).json().get("data").get("flags").asInt());
        assertTrue(erase.awaitOriginalEdit(WAIT).json().get("content").asText().contains("is erased"));
        assertTrue(world.stores().audit().recent(tenant, 100).stream().noneMatch(e -> e.detail().contains(Long.toString(GRACE))),
                "the audit no longer names her account");
        assertEquals("person.erased", world.stores().audit().recent(tenant, 1).get(0).action());
    }

    @Test
    void adminsSetUpAServerAndSeeItsStatusWithWhatTheBotCantDo() {
        FakeInteraction tooHigh = world.discord().slashCommand(OTHER_GUILD, OTHER_TEXT, ADMIN, "gatehouse",
                CommandOption.subcommand("setup", CommandOption.string("tenant", "cs101"), CommandOption.role("role", HIGH_ROLE)));
        assertTrue(tooHigh.awaitOriginalEdit(WAIT).json().get("content").asText().contains("not below my highest role"));

        FakeInteraction setup = world.discord().slashCommand(OTHER_GUILD, OTHER_TEXT, ADMIN, "gatehouse",
                CommandOption.subcommand("setup", CommandOption.string("tenant", "cs101"), CommandOption.role("role", OTHER_VERIFIED_ROLE),
                        CommandOption.bool("gate", true)));
        assertEquals(64, setup.awaitCallback(WAIT).json().get("data").get("flags").asInt());
        String done = setup.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertTrue(done.contains("set up") && done.contains("<@&" + OTHER_VERIFIED_ROLE + ">"), done);

        FakeInteraction status = world.discord().slashCommand(OTHER_GUILD, OTHER_TEXT, ADMIN, "gatehouse", CommandOption.subcommand("status"));
        String text = status.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertTrue(text.contains("CS 101"), text);
        assertTrue(text.contains("Manage Nicknames"), text);
        assertTrue(text.contains("Manage Messages"), text);
        assertFalse(text.contains("Manage Roles"), text);
    }

    @Test
    void adminsLookUpLinkAndListMembers() {
        FakeInteraction whois = world.discord().slashCommand(GUILD, TEXT, ADMIN, "gatehouse",
                CommandOption.subcommand("whois", CommandOption.user("member", BOB)));
        String who = whois.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertTrue(who.contains("Bob Builder") && who.contains("bbuilder"), who);

        FakeInteraction link = world.discord().slashCommand(GUILD, TEXT, OWNER, "gatehouse",
                CommandOption.subcommand("link", CommandOption.user("member", HEIDI), CommandOption.string("user_id", "heidi")));
        String linked = link.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertTrue(linked.contains("now verified") && linked.contains("Heidi Klum"), linked);

        FakeInteraction members = world.discord().slashCommand(GUILD, TEXT, ADMIN, "gatehouse",
                CommandOption.subcommand("members", CommandOption.integer("page", 1)));
        String list = members.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertTrue(list.contains("Bob Builder") && list.contains("Heidi Klum"), list);
    }

    @Test
    void aMemberWithoutManageServerIsRefusedAtOnceAndNothingChanges() {
        FakeInteraction attempt = world.discord().slashCommand(GUILD, TEXT, CAROL, "gatehouse",
                CommandOption.subcommand("link", CommandOption.user("member", CAROL), CommandOption.string("user_id", "jdoe")));

        JsonNode answer = attempt.awaitCallback(WAIT).json();
        assertEquals(4, answer.get("type").asInt(), "answered, not deferred");
        assertEquals(64, answer.get("data").get("flags").asInt());
        assertTrue(answer.get("data").get("content").asText().contains("Manage Server"));
        assertInstanceOf(AdministerGuild.NotLinked.class, world.gatehouse().administration().whois(new GuildId(GUILD), new DiscordUserId(CAROL)));
    }

    private static String tokenOf(VerificationEmail email) {
        String path = email.confirmLink().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

}
