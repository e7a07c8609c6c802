package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.UnverifiedRemoval;
import dev.gatehouse.core.port.in.RemoveUnverifiedMembers.Swept;
import dev.gatehouse.discord.fake.CommandOption;
import dev.gatehouse.discord.fake.FakeDiscord.Permissions;
import dev.gatehouse.discord.fake.RecordedCall;
import dev.gatehouse.discord.fake.SentMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The removal of unverified members as admins and members see it in Discord: the setup option, status, joins and
 * leaves counted through the real Javacord client, the warning DM and the kick with its audit-log reason at the fake
 * Discord. The core runs on in-memory stores with a clock the test moves; the test sweeps as the host's schedule would.
 */
class RemovingUnverifiedMembersBotTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TenantId CLUB = new TenantId("club");
    /** The bot may kick here. */
    private static final long PUB = 610_000_000_000_000_001L;
    /** The bot may not kick here. */
    private static final long CAFE = 610_000_000_000_000_002L;
    private static final long PUB_TEXT = 610_000_000_000_000_011L;
    private static final long CAFE_TEXT = 610_000_000_000_000_012L;
    private static final long BOT_ROLE = 610_000_000_000_000_030L;
    private static final long OWNER = 610_000_000_000_000_100L;
    private static final long OLD_TIMER = 610_000_000_000_000_101L;
    private static final long NEWCOMER = 610_000_000_000_000_102L;
    private static final long LEAVER = 610_000_000_000_000_103L;
    private static final long REGULAR = 610_000_000_000_000_104L;

    private static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-10-01T08:00:00Z"));
    private static final Clock CLOCK = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return NOW.get();
        }
    };

    @RegisterExtension
    static final DiscordWorld world = DiscordWorld.create()
            .servers(discord -> {
                discord.guild(PUB, "Pub", OWNER).role(BOT_ROLE, "Gatehouse", 5, Permissions.MANAGE_ROLES | Permissions.KICK_MEMBERS)
                        .textChannel(PUB_TEXT, "general").member(OWNER, "owner").member(OLD_TIMER, "oldtimer")
                        .member(REGULAR, "regular").botRoles(BOT_ROLE);
                discord.guild(CAFE, "Cafe", OWNER).role(BOT_ROLE + 1, "Gatehouse", 5, Permissions.MANAGE_ROLES)
                        .textChannel(CAFE_TEXT, "general").member(OWNER, "owner").botRoles(BOT_ROLE + 1);
            })
            .botSettings(settings -> settings.withDeliveryInterval(Duration.ofMillis(200)))
            .core(core -> core.clock(CLOCK))
            .data(world -> {
                world.tenant(TenantSettings.defaults(CLUB, "The Club"));
                world.directory(CLUB, "reg", "reg@club.example", "Reg Ular");
                world.bind(PUB, CLUB);
                world.bind(CAFE, CLUB);
            });

    private static String adminReply(long guild, long channel, CommandOption sub) {
        return world.discord().slashCommand(guild, channel, OWNER, "gatehouse", sub).awaitOriginalEdit(WAIT).json().get("content").asText();
    }

    private static Swept sweepAfter(Duration wait) {
        NOW.updateAndGet(t -> t.plus(wait));
        return world.gatehouse().unverifiedMembers().sweep();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void membersWhoDontVerifyAreWarnedByDmThenKickedWithTheReasonWhileVerifiedAndDepartedOnesStay() throws Exception {
        world.link(PUB, REGULAR, "reg", OWNER);
        String setup = adminReply(PUB, PUB_TEXT, CommandOption.subcommand("setup", CommandOption.string("remove_unverified_after", "2h")));
        assertTrue(setup.contains("**Remove members who don't verify in time:** 2 hours after joining, warned by DM 1 hour before"),
                setup);
        assertTrue(setup.contains("Members already here who haven't verified count from now: 1 counted."), "only the old-timer: " + setup);
        assertFalse(setup.contains("Kick Members"), setup);
        GuildId pub = new GuildId(PUB);
        assertTrue(world.stores().arrivals().find(pub, new DiscordUserId(OLD_TIMER)).isPresent());

        NOW.updateAndGet(t -> t.plus(Duration.ofMinutes(30)));
        world.discord().memberJoin(PUB, NEWCOMER, "newcomer");
        world.discord().memberJoin(PUB, LEAVER, "leaver");
        assertTrue(eventually(() -> world.stores().arrivals().find(pub, new DiscordUserId(LEAVER)).isPresent()));
        world.discord().memberLeave(PUB, LEAVER);
        assertTrue(eventually(() -> world.stores().arrivals().find(pub, new DiscordUserId(LEAVER)).isEmpty()), "a leaver is forgotten");

        assertEquals(new Swept(1, 0), sweepAfter(Duration.ofMinutes(30)), "the old-timer's hour is up; the newcomer's isn't");
        SentMessage warning = world.discord().awaitDirectMessage(OLD_TIMER, WAIT);
        assertTrue(warning.content().contains("You haven't verified in **Pub** yet") && warning.content().contains("/verify"),
                warning.content());

        assertEquals(new Swept(1, 0), sweepAfter(Duration.ofMinutes(30)));
        world.discord().awaitDirectMessage(NEWCOMER, WAIT);
        assertEquals(new Swept(0, 1), sweepAfter(Duration.ofMinutes(30)));
        RecordedCall kick = world.discord().awaitRequest("DELETE", "/guilds/" + PUB + "/members/" + OLD_TIMER, WAIT);
        assertEquals(204, kick.status());
        assertEquals("Gatehouse: not verified within 2 hours of joining", kick.auditLogReason().orElseThrow());
        assertEquals(new Swept(0, 1), sweepAfter(Duration.ofMinutes(30)));
        world.discord().awaitRequest("DELETE", "/guilds/" + PUB + "/members/" + NEWCOMER, WAIT);

        assertTrue(world.discord().guild(PUB).memberState(REGULAR).isPresent(), "the verified member stays");
        assertTrue(world.discord().guild(PUB).memberState(OWNER).isPresent());
        assertTrue(world.discord().requests("DELETE", "/guilds/" + PUB + "/members/" + REGULAR).isEmpty());
        assertTrue(world.discord().requests("DELETE", "/guilds/" + PUB + "/members/" + LEAVER).isEmpty());
    }

    @Test
    void statusWarnsWhenTheBotMayNotKickAndBadTimesAreRefused() {
        String refused = adminReply(CAFE, CAFE_TEXT, CommandOption.subcommand("setup",
                CommandOption.string("remove_unverified_after", "7 weeks")));
        assertTrue(refused.contains("like `7d`, `12h` or `30m`, or `off`") && refused.contains("Nothing was changed"), refused);

        String setup = adminReply(CAFE, CAFE_TEXT, CommandOption.subcommand("setup", CommandOption.string("remove_unverified_after", "7d")));
        assertTrue(setup.contains("7 days after joining, warned by DM 1 day before"), setup);
        String status = adminReply(CAFE, CAFE_TEXT, CommandOption.subcommand("status"));
        assertTrue(status.contains("**Remove members who don't verify in time:** 7 days after joining"), status);
        assertTrue(status.contains("I don't have the **Kick Members** permission, so members who don't verify in time get the "
                + "warning but aren't removed"), status);

        adminReply(CAFE, CAFE_TEXT, CommandOption.subcommand("setup", CommandOption.string("remove_unverified_after", "off")));
        String off = adminReply(CAFE, CAFE_TEXT, CommandOption.subcommand("status"));
        assertTrue(off.contains("**Remove members who don't verify in time:** never") && !off.contains("Kick Members"), off);
        assertEquals(UnverifiedRemoval.never(), world.stores().guilds().find(new GuildId(CAFE)).orElseThrow().removeUnverified());
    }
}
