package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.fake.FakeHandoffTokens;
import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.out.HandoffTokens.Grant;
import dev.gatehouse.discord.fake.CommandOption;
import dev.gatehouse.discord.fake.FakeDiscord.Permissions;
import dev.gatehouse.discord.fake.FakeInteraction;
import dev.gatehouse.discord.fake.FakeModal;
import dev.gatehouse.discord.fake.RecordedCall;
import dev.gatehouse.discord.fake.SentMessage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The question gate, wrong answers, kicks, the hand-off and verify-on-join, as members and admins see them in
 * Discord: the real Javacord client, driven by {@link DiscordBot}, against the fake Discord, with the real core on
 * in-memory stores. One login for the class; each test has its own servers or members.
 */
class VerificationFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final String QUESTION = "What is the meaning of life?";

    private static final TenantId QUIZ = new TenantId("quiz");
    private static final TenantId STATS = new TenantId("stats");
    private static final TenantId SWEEP = new TenantId("sweep");
    private static final TenantId SITE = new TenantId("site");

    /** QUIZ: kicks after 2 wrong answers, asks joiners to verify. */
    private static final long HALL = 600_000_000_000_000_001L;
    /** QUIZ: never kicks. */
    private static final long ANNEX = 600_000_000_000_000_002L;
    /** QUIZ: verification switched off. */
    private static final long CLOSED = 600_000_000_000_000_003L;
    /** QUIZ: kicks after 1, but the bot may not kick. */
    private static final long WEAK = 600_000_000_000_000_004L;
    /** QUIZ: set up through /gatehouse setup and question. */
    private static final long CLUB = 600_000_000_000_000_005L;
    private static final long STATS_GUILD = 600_000_000_000_000_006L;
    private static final long SWEEP_GUILD = 600_000_000_000_000_007L;
    private static final long SITE_GUILD = 600_000_000_000_000_008L;

    private static final long HALL_TEXT = 600_000_000_000_000_011L;
    private static final long ANNEX_TEXT = 600_000_000_000_000_012L;
    private static final long CLOSED_TEXT = 600_000_000_000_000_013L;
    private static final long WEAK_TEXT = 600_000_000_000_000_014L;
    private static final long WEAK_LOG = 600_000_000_000_000_024L;
    private static final long CLUB_TEXT = 600_000_000_000_000_015L;
    private static final long STATS_TEXT = 600_000_000_000_000_016L;
    private static final long SWEEP_TEXT = 600_000_000_000_000_017L;
    private static final long SITE_TEXT = 600_000_000_000_000_018L;
    private static final long BOT_ROLE = 600_000_000_000_000_030L;
    private static final long WEAK_BOT_ROLE = 600_000_000_000_000_031L;
    private static final long STAFF_ROLE = 600_000_000_000_000_032L;

    private static final long OWNER = 600_000_000_000_000_100L;
    private static final long STAFF = 600_000_000_000_000_101L;
    private static final long ANNA = 600_000_000_000_000_102L;
    private static final long BEN = 600_000_000_000_000_103L;
    private static final long CARL = 600_000_000_000_000_104L;
    private static final long DORA = 600_000_000_000_000_105L;
    private static final long EVE = 600_000_000_000_000_106L;
    private static final long GINA = 600_000_000_000_000_107L;
    private static final long HANK = 600_000_000_000_000_108L;
    private static final long IVY = 600_000_000_000_000_109L;
    private static final long JOE = 600_000_000_000_000_110L;
    private static final long KIM = 600_000_000_000_000_111L;

    private static final FakeHandoffTokens HANDOFF_TOKENS = new FakeHandoffTokens();
    private static final HandoffSecret SITE_SECRET = new HandoffSecret("a-test-secret-of-at-least-32-characters");

    @RegisterExtension
    static final DiscordWorld world = DiscordWorld.create()
            .servers(discord -> {
                long botPermissions = Permissions.MANAGE_ROLES | Permissions.MANAGE_NICKNAMES | Permissions.KICK_MEMBERS;
                discord.guild(HALL, "Quiz Hall", OWNER).role(BOT_ROLE, "Gatehouse", 5, botPermissions).textChannel(HALL_TEXT, "general")
                        .member(OWNER, "owner").member(ANNA, "anna").member(BEN, "ben").botRoles(BOT_ROLE);
                discord.guild(ANNEX, "Quiz Annex", OWNER).role(BOT_ROLE + 1, "Gatehouse", 5, botPermissions)
                        .textChannel(ANNEX_TEXT, "general").member(OWNER, "owner").member(CARL, "carl").botRoles(BOT_ROLE + 1);
                discord.guild(CLOSED, "Quiz Closed", OWNER).textChannel(CLOSED_TEXT, "general").member(OWNER, "owner").member(JOE, "joe");
                discord.guild(WEAK, "Quiz Weak", OWNER).role(WEAK_BOT_ROLE, "Gatehouse", 5, Permissions.MANAGE_ROLES)
                        .textChannel(WEAK_TEXT, "general").textChannel(WEAK_LOG, "log")
                        .member(OWNER, "owner").member(IVY, "ivy").botRoles(WEAK_BOT_ROLE);
                discord.guild(CLUB, "Quiz Club", OWNER).role(STAFF_ROLE, "Staff", 3, Permissions.MANAGE_GUILD).textChannel(CLUB_TEXT, "general")
                        .member(OWNER, "owner").member(STAFF, "staff", STAFF_ROLE).member(KIM, "kim");
                discord.guild(STATS_GUILD, "Stats", OWNER).textChannel(STATS_TEXT, "general")
                        .member(OWNER, "owner").member(DORA, "dora").member(EVE, "eve");
                discord.guild(SWEEP_GUILD, "Sweep", OWNER).role(STAFF_ROLE + 1, "Staff", 3, Permissions.MANAGE_GUILD)
                        .textChannel(SWEEP_TEXT, "general").member(OWNER, "owner").member(STAFF, "staff", STAFF_ROLE + 1);
                discord.guild(SITE_GUILD, "Site", OWNER).textChannel(SITE_TEXT, "general").member(OWNER, "owner").member(GINA, "gina");
            })
            .botSettings(settings -> settings.withDeliveryInterval(Duration.ofMillis(200)))
            .core(core -> core.handoffTokens(HANDOFF_TOKENS))
            .data(world -> {
                VerificationQuestion meaning = new VerificationQuestion(QUESTION, List.of("42", "forty-two"));
                tenant(QUIZ, t -> t.withQuestion(Optional.of(meaning)).withUnknownUserReply(UnknownUserReply.INVALID_USER_ID));
                tenant(STATS, t -> t.withQuestion(Optional.of(new VerificationQuestion("When did the club start?", List.of("1998")))));
                tenant(SWEEP, t -> t.withQuestion(Optional.of(new VerificationQuestion("Password?", List.of("swordfish")))));
                tenant(SITE, t -> t.withMethod(VerificationMethod.SITE_HANDOFF).withHandoff(HandoffSettings.none()
                        .withSiteUrl(URI.create("https://members.example.org/verify"))
                        .withSecret(SITE_SECRET)));
                directory(QUIZ, "anna", "anna@quiz.example", "Anna A");
                directory(QUIZ, "ben", "ben@quiz.example", "Ben B");
                directory(QUIZ, "hank", "hank@quiz.example", "Hank H");
                bind(HALL, QUIZ, new GuildSettingChange.Kick(KickPolicy.after(2)), new GuildSettingChange.VerifyOnJoin(true));
                bind(ANNEX, QUIZ);
                bind(CLOSED, QUIZ, new GuildSettingChange.Enabled(false));
                bind(WEAK, QUIZ, new GuildSettingChange.Kick(KickPolicy.after(1)),
                        new GuildSettingChange.LogChannel(Optional.of(new ChannelId(WEAK_LOG))));
                bind(CLUB, QUIZ);
                bind(STATS_GUILD, STATS);
                bind(SWEEP_GUILD, SWEEP);
                bind(SITE_GUILD, SITE);
            });

    @Test
    void verifyOpensAFormWithTheQuestionAndARightAnswerWithOddSpacingAndCaseGetsTheLinkEmailed() throws Exception {
        FakeInteraction verify = world.discord().slashCommand(HALL, HALL_TEXT, ANNA, "verify");

        FakeModal form = verify.awaitModal(WAIT);
        assertEquals("Verify in Quiz Hall", form.title());
        assertEquals(QUESTION, form.input("answer").orElseThrow().label());
        assertTrue(form.input("user_id").orElseThrow().required());

        FakeInteraction submitted = form.submit(Map.of("answer", "  FORTY two!! ", "user_id", "Anna"));
        JsonNode deferred = submitted.awaitCallback(WAIT).json();
        assertEquals(5, deferred.get("type").asInt(), "the form's answer is deferred");
        assertEquals(64, deferred.get("data").get("flags").asInt(), "and ephemeral");
        String reply = submitted.awaitOriginalEdit(WAIT).json().get("content").asText();
        assertTrue(reply.contains("a•••@q•••.example") && reply.contains("10 minutes"), reply);
        assertEquals(ANNA, world.awaitMail("anna@quiz.example").requester().id().value());
    }

    @Test
    void wrongAnswersSayHowManyTriesAreLeftAndTheLastOneGetsTheMemberKicked() {
        FakeModal form = world.discord().slashCommand(HALL, HALL_TEXT, BEN, "verify", CommandOption.string("user_id", "ben")).awaitModal(WAIT);
        assertEquals(Optional.of("ben"), form.input("user_id").orElseThrow().value(), "the id typed with /verify is kept");

        JsonNode first = reply(form.submit(Map.of("answer", "41")));
        String text = first.get("content").asText();
        assertTrue(text.contains("not the right answer") && text.contains("One more wrong answer"), text);
        JsonNode button = first.get("components").get(0).get("components").get(0);
        assertEquals("Try again", button.get("label").asText());

        FakeInteraction again = world.discord().clickButton(HALL, HALL_TEXT, BEN, world.discord().nextId(), button.get("custom_id").asText());
        String last = reply(again.awaitModal(WAIT).submit(Map.of("answer", "forty-one", "user_id", "ben"))).get("content").asText();
        assertTrue(last.contains("too many tries") && last.contains("removed"), last);

        RecordedCall kick = world.discord().awaitRequest("DELETE", "/guilds/" + HALL + "/members/" + BEN, WAIT);
        assertEquals(204, kick.status());
        assertTrue(kick.auditLogReason().orElse("").contains("wrong 2 times"), kick.toString());
        assertTrue(world.discord().guild(HALL).memberState(BEN).isEmpty(), "Ben is no longer a member");
        assertTrue(world.mailedAddresses().stream().noneMatch(a -> a.startsWith("ben@")), "no link for wrong answers");
    }

    @Test
    void whereTheServerDoesNotKickWrongAnswersAreOnlyCounted() {
        for (String wrong : List.of("0", "41", "43")) {
            FakeModal form = world.discord().slashCommand(ANNEX, ANNEX_TEXT, CARL, "verify").awaitModal(WAIT);
            String text = reply(form.submit(Map.of("answer", wrong, "user_id", "carl"))).get("content").asText();
            assertTrue(text.contains("not the right answer") && !text.contains("removed"), text);
        }
        world.discord().assertNoRequest("DELETE", "/guilds/" + ANNEX + "/members/" + CARL, QUIET);
        assertTrue(world.discord().guild(ANNEX).memberState(CARL).isPresent());
    }

    @Test
    void adminsSeeWrongAnswersGroupedWithCountsAndSpellingsEscaped() {
        answerInStats(DORA, "1999");
        answerInStats(EVE, "1999!");
        answerInStats(DORA, "2000");
        answerInStats(EVE, "@everyone **bold** <@123456789012345678>");

        String list = adminReply(STATS_GUILD, STATS_TEXT, CommandOption.subcommand("answers"));
        int first = list.indexOf("**1.**");
        assertTrue(first > 0, list);
        String top = list.substring(first, list.indexOf("**2.**"));
        assertTrue(top.contains("2 attempts by 2 members") && top.contains("“1999”") && top.contains("“1999!”"), top);
        assertTrue(list.contains("1 attempt by 1 member"), list);
        assertTrue(list.contains("<t:"), "first and last seen as Discord timestamps: " + list);
        assertTrue(list.contains("\\*\\*bold\\*\\*") && list.contains("@\u200Beveryone") && list.contains("\\<@\u200B123456789012345678\\>"),
                list);
        assertFalse(list.contains("@everyone") || list.contains("<@123456789012345678>"), list);

        String one = adminReply(STATS_GUILD, STATS_TEXT, CommandOption.subcommand("answers", CommandOption.integer("limit", 1)));
        assertTrue(one.contains("**1.**") && !one.contains("**2.**"), one);
    }

    @Test
    void clearingTheWrongAnswerLogAsksFirstAndOnlyTheAskingAdminsConfirmationDeletesIt() {
        for (String wrong : List.of("sword", "fish")) {
            assertInstanceOf(RequestVerification.IncorrectAnswer.class, world.gatehouse().requestVerification().request(
                    new RequestVerification.RequestCommand(new GuildId(SWEEP_GUILD), "Sweep", new DiscordAccount(new DiscordUserId(OWNER),
                            "owner"), Optional.of("owner"), Optional.of(wrong))));
        }

        JsonNode prompt = askToClear();
        String clear = prompt.get("components").get(0).get("components").get(0).get("custom_id").asText();
        String cancel = prompt.get("components").get(0).get("components").get(1).get("custom_id").asText();

        JsonNode kept = world.discord().clickButton(SWEEP_GUILD, SWEEP_TEXT, OWNER, world.discord().nextId(), cancel).awaitCallback(WAIT).json();
        assertEquals(7, kept.get("type").asInt(), "Cancel updates the prompt");
        assertTrue(kept.get("data").get("content").asText().contains("unchanged"));
        assertEquals(0, kept.get("data").get("components").size(), "and removes its buttons");
        assertEquals(2, loggedIn(SWEEP_GUILD));

        String clearAgain = askToClear().get("components").get(0).get("components").get(0).get("custom_id").asText();
        JsonNode stranger = world.discord().clickButton(SWEEP_GUILD, SWEEP_TEXT, STAFF, world.discord().nextId(), clearAgain).awaitCallback(WAIT).json();
        assertTrue(stranger.get("data").get("content").asText().contains("Only the admin who asked"), stranger.toString());
        assertEquals(2, loggedIn(SWEEP_GUILD), "another admin's click deletes nothing");

        JsonNode cleared = world.discord().clickButton(SWEEP_GUILD, SWEEP_TEXT, OWNER, world.discord().nextId(), clear).awaitCallback(WAIT).json();
        assertEquals(7, cleared.get("type").asInt());
        assertTrue(cleared.get("data").get("content").asText().contains("deleted 2 wrong answers"), cleared.toString());
        assertEquals(0, cleared.get("data").get("components").size());
        assertEquals(0, loggedIn(SWEEP_GUILD));
    }

    @Test
    void aHandoffTenantShowsTheSignedLinkOnlyToTheMemberAsALinkButton() {
        FakeInteraction verify = world.discord().slashCommand(SITE_GUILD, SITE_TEXT, GINA, "verify");

        JsonNode deferred = verify.awaitCallback(WAIT).json();
        assertEquals(5, deferred.get("type").asInt());
        assertEquals(64, deferred.get("data").get("flags").asInt(), "ephemeral: only Gina sees the link");
        JsonNode reply = verify.awaitOriginalEdit(WAIT).json();
        assertTrue(reply.get("content").asText().contains("organisation's site"), reply.toString());
        assertFalse(reply.get("content").asText().contains("jwt="), "the link is in the button, not the text");
        JsonNode button = reply.get("components").get(0).get("components").get(0);
        assertEquals(5, button.get("style").asInt(), "a link button");
        String link = button.get("url").asText();
        assertTrue(link.startsWith("https://members.example.org/verify?jwt="), link);
        Grant grant = HANDOFF_TOKENS.readOutbound(link.substring(link.indexOf("jwt=") + 4), SITE_SECRET).orElseThrow();
        assertEquals(GINA, grant.requester().id().value());
        assertEquals(SITE_GUILD, grant.guild().value());
    }

    @Test
    void verifyIsRefusedWhereVerificationIsSwitchedOff() {
        FakeInteraction verify = world.discord().slashCommand(CLOSED, CLOSED_TEXT, JOE, "verify", CommandOption.string("user_id", "joe"));

        assertEquals(5, verify.awaitCallback(WAIT).json().get("type").asInt(), "no form");
        assertTrue(verify.awaitOriginalEdit(WAIT).json().get("content").asText().contains("switched off"));
    }

    @Test
    void joinersAreOfferedAVerifyButtonByDmThatOpensTheFormThere() throws Exception {
        world.discord().memberJoin(HALL, HANK, "hank");

        SentMessage offer = world.discord().awaitDirectMessage(HANK, WAIT);
        assertTrue(offer.content().contains("Quiz Hall"), offer.content());
        SentMessage.Button verifyButton = offer.buttons().get(0);
        assertEquals("Verify", verifyButton.label());
        assertEquals(Optional.of("gatehouse:verify:" + HALL), verifyButton.customId());

        FakeInteraction click = world.discord().clickButtonInDm(HANK, offer.id(), verifyButton.customId().orElseThrow());
        FakeModal form = click.awaitModal(WAIT);
        assertEquals("Verify in Quiz Hall", form.title());

        FakeInteraction submitted = form.submit(Map.of("answer", "42", "user_id", "hank"));
        assertTrue(submitted.inDm());
        assertEquals(64, submitted.awaitCallback(WAIT).json().get("data").get("flags").asInt());
        assertTrue(submitted.awaitOriginalEdit(WAIT).json().get("content").asText().contains("h•••@q•••.example"));
        assertEquals(HANK, world.awaitMail("hank@quiz.example").requester().id().value());
    }

    @Test
    void aKickTheBotIsNotAllowedToMakeIsReportedInTheLogChannelAndTheBotCarriesOn() {
        FakeModal form = world.discord().slashCommand(WEAK, WEAK_TEXT, IVY, "verify").awaitModal(WAIT);
        assertTrue(reply(form.submit(Map.of("answer", "no idea", "user_id", "ivy"))).get("content").asText().contains("too many tries"));

        assertEquals(403, world.discord().awaitRequest("DELETE", "/guilds/" + WEAK + "/members/" + IVY, WAIT).status());
        String notice = world.discord().awaitRequest("POST", "/channels/" + WEAK_LOG + "/messages", WAIT).json().get("content").asText();
        assertTrue(notice.contains("<@" + IVY + ">") && notice.contains("Kick Members"), notice);
        assertTrue(world.discord().guild(WEAK).memberState(IVY).isPresent());
        assertTrue(world.bot().isRunning());
    }

    @Test
    void adminsSwitchVerificationAndKickingAndSetTheServersOwnQuestion() {
        String setup = adminReply(CLUB, CLUB_TEXT, CommandOption.subcommand("setup", CommandOption.bool("enabled", false),
                CommandOption.bool("verify_on_join", true), CommandOption.bool("kick_on_failure", true)));
        assertTrue(setup.contains("**Verification:** off") && setup.contains("DM with a button):** on")
                && setup.contains("after " + KickPolicy.DEFAULT_KICK_AFTER + " within 24 hours"), setup);
        assertTrue(setup.contains("Kick Members"), "the bot can't kick in this server: " + setup);

        String after5 = adminReply(CLUB, CLUB_TEXT, CommandOption.subcommand("setup", CommandOption.integer("kick_after", 5)));
        assertTrue(after5.contains("after 5 within 24 hours"), after5);
        String conflict = adminReply(CLUB, CLUB_TEXT, CommandOption.subcommand("setup", CommandOption.bool("kick_on_failure", false),
                CommandOption.integer("kick_after", 2)));
        assertTrue(conflict.contains("Nothing was changed"), conflict);
        String kept = adminReply(CLUB, CLUB_TEXT, CommandOption.subcommand("setup", CommandOption.bool("kick_on_failure", true)));
        assertTrue(kept.contains("after 5 within"), "turning kicking on keeps the count: " + kept);

        String shown = adminReply(CLUB, CLUB_TEXT, CommandOption.subcommand("question"));
        assertTrue(shown.contains(QUESTION) && shown.contains("the tenant's") && shown.contains("forty\\-two"), shown);

        String refused = adminReply(CLUB, CLUB_TEXT, CommandOption.subcommand("question",
                CommandOption.string("text", "Favourite colour?"), CommandOption.string("answers", "!!! | ???")));
        assertTrue(refused.contains("no letters or digits") && refused.contains("Nothing was changed"), refused);

        String set = adminReply(CLUB, CLUB_TEXT, CommandOption.subcommand("question",
                CommandOption.string("text", "Favourite colour?"), CommandOption.string("answers", " blue |Sea Green| ")));
        assertTrue(set.contains("Favourite colour?") && set.contains("this server's own") && set.contains("blue · Sea Green"), set);

        String status = adminReply(CLUB, CLUB_TEXT, CommandOption.subcommand("status"));
        assertTrue(status.contains("**Question:** \"Favourite colour?\" (this server's own, 2 accepted answers)"), status);
        assertTrue(status.contains("**Method:** an emailed link"), status);
        assertTrue(status.contains("switched off"), "the core's warnings are listed: " + status);

        String cleared = adminReply(CLUB, CLUB_TEXT, CommandOption.subcommand("question", CommandOption.bool("clear", true)));
        assertTrue(cleared.contains("Removed") && cleared.contains(QUESTION) && cleared.contains("the tenant's"), cleared);

        FakeInteraction notAdmin = world.discord().slashCommand(CLUB, CLUB_TEXT, KIM, "gatehouse", CommandOption.subcommand("answers"));
        assertTrue(notAdmin.awaitCallback(WAIT).json().get("data").get("content").asText().contains("Manage Server"));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static void answerInStats(long member, String answer) {
        FakeModal form = world.discord().slashCommand(STATS_GUILD, STATS_TEXT, member, "verify").awaitModal(WAIT);
        String text = reply(form.submit(Map.of("answer", answer, "user_id", "someone"))).get("content").asText();
        assertTrue(text.contains("not the right answer"), text);
    }

    private static JsonNode askToClear() {
        FakeInteraction ask = world.discord().slashCommand(SWEEP_GUILD, SWEEP_TEXT, OWNER, "gatehouse", CommandOption.subcommand("clear_answers"));
        JsonNode prompt = ask.awaitCallback(WAIT).json();
        assertEquals(4, prompt.get("type").asInt(), "asked at once");
        assertEquals(64, prompt.get("data").get("flags").asInt());
        assertTrue(prompt.get("data").get("content").asText().contains("can't be undone"));
        return prompt.get("data");
    }

    private static long loggedIn(long guild) {
        return assertInstanceOf(ReviewWrongAnswers.WrongAnswerReport.class, world.gatehouse().wrongAnswers().top(new GuildId(guild), 25))
                .groups().stream().mapToLong(g -> g.attempts()).sum();
    }

    private static String adminReply(long guild, long channel, CommandOption sub) {
        return world.discord().slashCommand(guild, channel, OWNER, "gatehouse", sub).awaitOriginalEdit(WAIT).json().get("content").asText();
    }

    /** The deferred, ephemeral reply to a form submission, once edited with the outcome. */
    private static JsonNode reply(FakeInteraction submitted) {
        JsonNode deferred = submitted.awaitCallback(WAIT).json();
        assertEquals(5, deferred.get("type").asInt());
        assertEquals(64, deferred.get("data").get("flags").asInt());
        return submitted.awaitOriginalEdit(WAIT).json();
    }

    private static void tenant(TenantId id, UnaryOperator<TenantSettings> settings) {
        world.tenant(settings.apply(TenantSettings.defaults(id, id.value().toUpperCase())));
    }

    private static void directory(TenantId tenant, String id, String email, String name) {
        world.directory(tenant, id, email, name);
    }

    /** Binds with nicknames off (these tests don't look at them), then the given changes. */
    private static void bind(long guild, TenantId tenant, GuildSettingChange... changes) {
        List<GuildSettingChange> all = new ArrayList<>(List.of(new GuildSettingChange.SetNickname(false)));
        all.addAll(List.of(changes));
        world.bind(guild, tenant, all.toArray(GuildSettingChange[]::new));
    }

}
