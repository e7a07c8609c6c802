package dev.gatehouse.discord;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.memory.InMemoryStores;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.out.MemberAccess.AccessOutcome;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeDiscord.Permissions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Member updates survive the bot being down: they wait in the outbox and go out once a bot runs again. */
class BotRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long GUILD = 600_000_000_000_000_001L;
    private static final long TEXT = 600_000_000_000_000_002L;
    private static final long VERIFIED_ROLE = 600_000_000_000_000_003L;
    private static final long BOT_ROLE = 600_000_000_000_000_004L;
    private static final long OWNER = 600_000_000_000_000_005L;
    private static final long MEMBER = 600_000_000_000_000_006L;

    @Test
    void updatesQueuedWhileTheBotIsDownAreAppliedByTheNextBot() {
        TenantId tenant = new TenantId("acme");
        Stores stores = InMemoryStores.create();
        try (FakeDiscord discord = FakeDiscord.start();
             Gatehouse gatehouse = Gatehouse.builder().stores(stores).publicBaseUrl(URI.create("https://verify.example.test"))
                     .mailer(email -> MailOutcome.sent()).build()) {
            discord.guild(GUILD, "Acme", OWNER)
                    .role(VERIFIED_ROLE, "Verified", 1, 0)
                    .role(BOT_ROLE, "Gatehouse", 5, Permissions.MANAGE_ROLES | Permissions.MANAGE_NICKNAMES)
                    .textChannel(TEXT, "general")
                    .member(OWNER, "owner")
                    .member(MEMBER, "member")
                    .botRoles(BOT_ROLE);
            stores.tenants().save(TenantSettings.defaults(tenant, "Acme"));
            stores.directory().save(new DirectoryUser(tenant, new DirectoryUserId("m1"),
                    new EmailAddress("m1@acme.example"), new DisplayName("Mia Member")));
            AdministerGuild admin = gatehouse.administration();
            admin.bind(new AdministerGuild.BindCommand(new GuildId(GUILD), tenant, AdministerGuild.Authority.OPERATOR));
            admin.configure(AdministerGuild.ConfigureCommand.of(new GuildId(GUILD), new GuildSettingChange.VerifiedRole(new RoleId(VERIFIED_ROLE))));

            BotSettings settings = BotSettings.of(FakeDiscord.TOKEN).withDeliveryInterval(Duration.ofMillis(100));
            DiscordBot first = DiscordBot.create(settings, discord::apiBuilder);
            first.start(ports(gatehouse, first));
            first.stop();
            assertInstanceOf(AccessOutcome.Failed.class, first.memberAccess().apply(MemberUpdate.of(new GuildId(GUILD),
                    new DiscordUserId(MEMBER), new MemberChange.GrantRole(new RoleId(VERIFIED_ROLE)), "test", Instant.now())),
                    "a stopped bot applies nothing");

            assertInstanceOf(AdministerGuild.Linked.class, admin.link(new AdministerGuild.LinkMemberCommand(new GuildId(GUILD),
                    new DiscordUserId(MEMBER), "m1", new DiscordUserId(OWNER))));
            assertEquals(2, stores.memberUpdates().depth(Instant.now()).pending(), "role and nickname wait");

            try (DiscordBot second = DiscordBot.create(settings, discord::apiBuilder)) {
                second.start(ports(gatehouse, second));
                assertEquals(204, discord.awaitRequest("PUT", "/guilds/" + GUILD + "/members/" + MEMBER + "/roles/" + VERIFIED_ROLE,
                        WAIT).status());
                assertEquals("Mia Member", discord.awaitRequest("PATCH", "/guilds/" + GUILD + "/members/" + MEMBER, WAIT)
                        .json().get("nick").asText());
                assertTrue(discord.guild(GUILD).hasRole(MEMBER, VERIFIED_ROLE));
            }
        }
    }

    private static BotPorts ports(Gatehouse gatehouse, DiscordBot bot) {
        return BotPorts.of(gatehouse, gatehouse.deliverMemberUpdatesVia(bot.memberAccess(), Shard.ALL));
    }
}
