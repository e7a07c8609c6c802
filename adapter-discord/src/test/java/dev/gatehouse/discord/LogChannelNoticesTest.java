package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.event.MemberUnlinked;
import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.discord.fake.CommandOption;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeInteraction;
import dev.gatehouse.discord.fake.FakeResponse;
import dev.gatehouse.discord.fake.RecordedCall;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notices in the servers' log channels for the core's events, and clearing the log channel with
 * {@code /gatehouse setup}: the real Javacord client against the fake Discord, the real core in memory, one login.
 * Each test has its own servers and members.
 */
class LogChannelNoticesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(300);

    private static final TenantId SCHOOL = new TenantId("cs201");
    private static final TenantId LAB = new TenantId("lab");
    private static final TenantId CLUB = new TenantId("club");

    // tenant SCHOOL: two servers with log channels
    private static final long GUILD_A = 800_000_000_000_000_001L;
    private static final long TEXT_A = 800_000_000_000_000_011L;
    private static final long LOG_A = 800_000_000_000_000_021L;
    private static final long GUILD_B = 800_000_000_000_000_002L;
    private static final long TEXT_B = 800_000_000_000_000_012L;
    private static final long LOG_B = 800_000_000_000_000_022L;
    // tenant LAB: one log channel the bot may not post in at first, one deleted log channel
    private static final long GUILD_C = 800_000_000_000_000_003L;
    private static final long LOG_C = 800_000_000_000_000_023L;
    private static final long GUILD_E = 800_000_000_000_000_005L;
    private static final long DELETED_CHANNEL = 800_000_000_000_000_025L;
    // tenant CLUB: set up and cleared through /gatehouse setup
    private static final long GUILD_D = 800_000_000_000_000_004L;
    private static final long TEXT_D = 800_000_000_000_000_014L;
    private static final long LOG_D = 800_000_000_000_000_024L;

    private static final long OWNER = 800_000_000_000_000_100L;
    private static final long MALLORY = 800_000_000_000_000_101L;
    private static final long PEGGY = 800_000_000_000_000_102L;
    private static final long VICTOR = 800_000_000_000_000_103L;
    private static final long WALTER = 800_000_000_000_000_104L;

    @RegisterExtension
    static final DiscordWorld world = DiscordWorld.create()
            .servers(discord -> {
                discord.guild(GUILD_A, "CS 201", OWNER).textChannel(TEXT_A, "general").textChannel(LOG_A, "gatehouse-log")
                        .member(OWNER, "owner").member(MALLORY, "mal_lory*").member(PEGGY, "peggy");
                discord.guild(GUILD_B, "CS 201 Labs", OWNER).textChannel(TEXT_B, "general").textChannel(LOG_B, "audit")
                        .member(OWNER, "owner").member(PEGGY, "peggy");
                discord.guild(GUILD_C, "Lab", OWNER).textChannel(LOG_C, "log").member(OWNER, "owner").member(VICTOR, "victor");
                discord.guild(GUILD_E, "Lab annex", OWNER).member(OWNER, "owner");
                discord.guild(GUILD_D, "Club", OWNER).textChannel(TEXT_D, "general").textChannel(LOG_D, "log")
                        .member(OWNER, "owner").member(WALTER, "walter");
            })
            .botSettings(settings -> settings.withDeliveryInterval(Duration.ofMillis(200)))
            .data(world -> {
                tenant(SCHOOL, "CS 201");
                tenant(LAB, "Lab");
                tenant(CLUB, "Club");
                directory(SCHOOL, "jdoe", "jane.doe@uni.edu", "Jane Doe");
                directory(SCHOOL, "peggy", "peggy@uni.edu", "Peggy Sue");
                directory(LAB, "victor", "victor@lab.example", "Victor V");
                directory(CLUB, "walter", "walter@club.example", "Walter W");
                bind(GUILD_A, SCHOOL, Optional.of(LOG_A));
                bind(GUILD_B, SCHOOL, Optional.of(LOG_B));
                bind(GUILD_C, LAB, Optional.of(LOG_C));
                bind(GUILD_E, LAB, Optional.of(DELETED_CHANNEL));
                bind(GUILD_D, CLUB, Optional.empty());
            });

    @Test
    void aDeniedVerificationIsReportedInTheLogChannelOfTheServerWhereItWasRequested() throws Exception {
        FakeInteraction verify = world.discord().slashCommand(GUILD_A, TEXT_A, MALLORY, "verify", CommandOption.string("user_id", "jdoe"));
        verify.awaitOriginalEdit(WAIT);
        String token = lastSegment(world.awaitMail("jane.doe@uni.edu").denyLink());

        ReviewVerification.DenyResult denied = world.gatehouse().reviewVerification()
                .deny(new ReviewVerification.LinkCommand(token, new ClientIp("127.0.0.1")));
        Instant blockedUntil = assertInstanceOf(ReviewVerification.Denied.class, denied).blockedUntil();

        JsonNode notice = world.discord().awaitRequest("POST", messagesIn(LOG_A), WAIT).json();
        String text = notice.get("content").asText();
        assertTrue(text.contains("<@" + MALLORY + ">") && text.contains("`" + MALLORY + "`"), text);
        assertTrue(text.contains("mal\\_lory\\*"), "the username is escaped: " + text);
        assertTrue(text.contains("`jdoe`"), text);
        assertTrue(text.contains("until <t:" + blockedUntil.getEpochSecond() + ":f>"), text);
        assertEquals(0, notice.get("allowed_mentions").get("parse").size(), "mentions don't ping: " + notice);
        world.discord().assertNoRequest("POST", messagesIn(LOG_B), QUIET);
    }

    @Test
    void aNewLinkIsReportedWhereItWasMadeAndItsRemovalInEveryServerOfTheTenant() {
        world.link(GUILD_A, PEGGY, "peggy", OWNER);
        String verified = world.discord().awaitRequest("POST", messagesIn(LOG_A), WAIT).json().get("content").asText();
        assertTrue(verified.contains("<@" + PEGGY + ">") && verified.contains("`peggy`") && verified.contains("linked by an admin"),
                verified);

        FakeInteraction unlink = world.discord().slashCommand(GUILD_B, TEXT_B, OWNER, "gatehouse",
                CommandOption.subcommand("unlink", CommandOption.user("member", PEGGY)));
        assertTrue(unlink.awaitOriginalEdit(WAIT).json().get("content").asText().contains("no longer verified"));

        for (long log : new long[] {LOG_A, LOG_B}) {
            String removed = world.discord().awaitRequest("POST", messagesIn(log), WAIT).json().get("content").asText();
            assertTrue(removed.contains("<@" + PEGGY + ">") && removed.contains("no longer verified as `peggy`")
                    && removed.contains("<@" + OWNER + ">"), removed);
        }
    }

    @Test
    void aLogChannelTheBotCantPostInOrThatWasDeletedIsLoggedAndLaterNoticesStillGoOut() {
        world.discord().respondNext("POST", messagesIn(LOG_C), FakeResponse.error(403, 50013, "Missing Permissions"));

        world.link(GUILD_C, VICTOR, "victor", OWNER);
        assertEquals(403, world.discord().awaitRequest("POST", messagesIn(LOG_C), WAIT).status());

        world.gatehouse().administration().unlink(new AdministerGuild.UnlinkCommand(new GuildId(GUILD_C), new DiscordUserId(VICTOR),
                new DiscordUserId(VICTOR)));
        RecordedCall removed = world.discord().awaitRequest("POST", messagesIn(LOG_C), WAIT);
        assertEquals(200, removed.status());
        assertTrue(removed.json().get("content").asText().contains("removed their verification"), removed.toString());
        world.discord().assertNoRequest("POST", messagesIn(DELETED_CHANNEL), QUIET);
        assertTrue(world.bot().isRunning());
    }

    @Test
    void aBotThatIsNotRunningDropsEventsWithoutThrowing() {
        DiscordBot idle = DiscordBot.create(BotSettings.of(FakeDiscord.TOKEN), world.discord()::apiBuilder);
        Link link = new Link(LAB, new DiscordUserId(VICTOR), new DirectoryUserId("victor"), Instant.now(), LinkOrigin.ADMIN);

        assertDoesNotThrow(() -> idle.eventListener().on(new MemberUnlinked(link, new DiscordUserId(OWNER), Instant.now())));
    }

    @Test
    void setupSetsAndClearsTheLogChannelAndRefusesBothAtOnce() {
        String set = setup(CommandOption.channel("log_channel", LOG_D));
        assertTrue(set.contains("**Log channel:** <#" + LOG_D + ">"), set);
        assertEquals(Optional.of(new ChannelId(LOG_D)), logChannelOf(GUILD_D));

        String both = setup(CommandOption.channel("log_channel", TEXT_D), CommandOption.bool("clear_log_channel", true));
        assertTrue(both.contains("not both"), both);
        assertEquals(Optional.of(new ChannelId(LOG_D)), logChannelOf(GUILD_D), "nothing changed");

        String cleared = setup(CommandOption.bool("clear_log_channel", true));
        assertTrue(cleared.contains("**Log channel:** none"), cleared);
        assertEquals(Optional.empty(), logChannelOf(GUILD_D));

        world.link(GUILD_D, WALTER, "walter", OWNER);
        world.discord().assertNoRequest("POST", messagesIn(LOG_D), QUIET);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static String setup(CommandOption... options) {
        FakeInteraction setup = world.discord().slashCommand(GUILD_D, TEXT_D, OWNER, "gatehouse", CommandOption.subcommand("setup", options));
        return setup.awaitOriginalEdit(WAIT).json().get("content").asText();
    }

    private static Optional<ChannelId> logChannelOf(long guild) {
        return assertInstanceOf(AdministerGuild.GuildStatus.class, world.gatehouse().administration().status(new GuildId(guild)))
                .settings().logChannel();
    }

    private static String messagesIn(long channel) {
        return "/channels/" + channel + "/messages";
    }

    private static void tenant(TenantId id, String name) {
        world.tenant(TenantSettings.defaults(id, name));
    }

    private static void directory(TenantId tenant, String id, String email, String name) {
        world.directory(tenant, id, email, name);
    }

    private static void bind(long guild, TenantId tenant, Optional<Long> logChannel) {
        world.bind(guild, tenant, new GuildSettingChange.SetNickname(false), new GuildSettingChange.LogChannel(logChannel.map(ChannelId::new)));
    }

    private static String lastSegment(URI link) {
        String path = link.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

}
