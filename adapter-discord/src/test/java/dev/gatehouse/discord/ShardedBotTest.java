package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.gatehouse.core.Fleet;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.port.in.CoordinateShards;
import dev.gatehouse.core.memory.InMemoryStores;
import dev.gatehouse.core.memory.MemoryShardLeases;
import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.model.ShardSettings;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeDiscord.Permissions;
import dev.gatehouse.discord.fake.FakeInteraction;
import dev.gatehouse.discord.fake.ShardConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two bots of one fleet share two shards: every command is answered once, the commands are registered once, and each
 * guild's role and nickname are applied once, by the owner of its shard.
 */
class ShardedBotTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    // A lease outlives a stalled tick on a loaded machine (a 1 s lease expired while logins ran: two owners at once);
    // hand-over here goes by fair share, so a long lease costs the test nothing.
    private static final ShardSettings TWO_SHARDS = new ShardSettings(2, Duration.ofMillis(200), Duration.ofSeconds(10), 1,
            Duration.ZERO, 1000);
    private static final long OWNER = 700_000_000_000_000_001L;
    private static final long MEMBER = 700_000_000_000_000_002L;

    @Test
    void eachGuildsCommandIsAnsweredByExactlyOneInstance() {
        Stores stores = InMemoryStores.create();
        MemoryShardLeases leases = new MemoryShardLeases();
        List<Long> guilds = List.of(3_000L << 22 | 5, 3_001L << 22 | 5, 3_002L << 22 | 5, 3_003L << 22 | 5);
        List<AutoCloseable> running = new ArrayList<>();
        try (FakeDiscord discord = FakeDiscord.start()) {
            try {
            for (long guild : guilds) {
                discord.guild(guild, "guild " + guild, OWNER).textChannel(guild + 1, "general").member(OWNER, "owner")
                        .member(MEMBER, "member")
                        .role(guild + 2, "Verified", 1, 0)
                        .role(guild + 3, "Gatehouse", 5, Permissions.MANAGE_ROLES | Permissions.MANAGE_NICKNAMES)
                        .botRoles(guild + 3);
            }
            TenantId tenant = new TenantId("acme");
            stores.tenants().save(TenantSettings.defaults(tenant, "Acme"));
            stores.directory().save(new DirectoryUser(tenant, new DirectoryUserId("m1"), new EmailAddress("m1@acme.example"),
                    new DisplayName("Mia Member")));
            AdministerGuild administration = null;
            List<DiscordBot> bots = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                Gatehouse gatehouse = Gatehouse.builder().stores(stores).publicBaseUrl(URI.create("https://verify.example.test"))
                        .mailer(email -> MailOutcome.sent()).build();
                running.add(gatehouse);
                administration = gatehouse.administration();
                CoordinateShards coordinator = Fleet.coordinator(leases, Clock.systemUTC(), TWO_SHARDS, new InstanceId(name));
                DiscordBot[] self = new DiscordBot[1];
                DiscordBot bot = DiscordBot.createSharded(BotSettings.of(FakeDiscord.TOKEN), discord::apiBuilder, coordinator,
                        TWO_SHARDS.heartbeat(), shard -> gatehouse.deliverMemberUpdatesVia(self[0].memberAccess(),
                                new Shard(shard, TWO_SHARDS.shardCount())));
                self[0] = bot;
                gatehouse.addListener(bot.eventListener());
                running.add(0, bot);
                bots.add(bot);
                bot.start(BotPorts.of(gatehouse, gatehouse.deliverMemberUpdatesVia(bot.memberAccess(), Shard.ALL)));
            }
            discord.awaitConnections(log -> log.stream().filter(ShardConnection::open).map(ShardConnection::shard)
                    .collect(Collectors.toSet()).size() == 2 && log.stream().filter(ShardConnection::open).count() == 2
                    && leases.leases().stream().map(lease -> lease.owner().value()).collect(Collectors.toSet()).size() == 2
                    && discord.requests("PUT", "/applications/\\d+/commands").size() == 1
                    // Javacord passes events on only after it fetched the application for each session
                    && discord.requests("GET", "/oauth2/applications/@me").size() >= log.size(),
                    "each instance connecting one shard, its logins complete and the commands registered", WAIT);
            awaitLoginsFinished(bots);

            for (long guild : guilds) {
                FakeInteraction verify = discord.slashCommand(guild, guild + 1, MEMBER, "verify");
                verify.awaitCallback(Duration.ofSeconds(20));
                assertEquals(1, discord.requests("POST", "/interactions/" + verify.id() + "/.*").size(),
                        "one answer to the command in guild " + guild);
            }
            assertEquals(1, discord.requests("PUT", "/applications/\\d+/commands").size(), "commands registered once");

            AdministerGuild admin = administration;
            assertNotNull(admin);
            for (long guild : guilds) {
                admin.bind(new AdministerGuild.BindCommand(new GuildId(guild), tenant, AdministerGuild.Authority.OPERATOR));
                admin.configure(AdministerGuild.ConfigureCommand.of(new GuildId(guild),
                        new GuildSettingChange.VerifiedRole(new RoleId(guild + 2)),
                        new GuildSettingChange.LogChannel(java.util.Optional.of(new ChannelId(guild + 1)))));
            }
            // the link is made through instance b in a guild of a's shard: b has no client there and relays the notice
            int shardOfA = leases.leases().stream().filter(lease -> lease.owner().value().equals("a")).findFirst().orElseThrow()
                    .shard();
            long linkGuild = guilds.stream().filter(guild -> FakeDiscord.shardOf(guild, 2) == shardOfA).findFirst().orElseThrow();
            assertInstanceOf(AdministerGuild.Linked.class, admin.link(new AdministerGuild.LinkMemberCommand(
                    new GuildId(linkGuild), new DiscordUserId(MEMBER), "m1", new DiscordUserId(OWNER))));
            String notice = "/channels/" + (linkGuild + 1) + "/messages";
            discord.awaitRequest("POST", notice, WAIT);
            discord.assertNoRequest("POST", notice, Duration.ofSeconds(1));
            assertEquals(1, discord.requests("POST", notice).size(), "one log channel notice");
            for (long guild : guilds) {
                discord.awaitRequest("PATCH", "/guilds/" + guild + "/members/" + MEMBER, WAIT);
                assertEquals(1, discord.requests("PUT", "/guilds/" + guild + "/members/" + MEMBER + "/roles/" + (guild + 2)).size(),
                        "one role grant in guild " + guild);
                assertEquals(1, discord.requests("PATCH", "/guilds/" + guild + "/members/" + MEMBER).size(),
                        "one nickname in guild " + guild);
            }
            List<ShardConnection> log = discord.connections();
            for (int i = 0; i < log.size(); i++) {
                for (int j = i + 1; j < log.size(); j++) {
                    assertFalse(log.get(i).overlaps(log.get(j)), "two owners at once: " + log);
                }
            }
            } finally {
                for (AutoCloseable closeable : running) {
                    try {
                        closeable.close();
                    } catch (Exception ignored) {
                        // best effort
                    }
                }
            }
        }
    }

    /** The fake logs a connection at IDENTIFY; an interaction sent before the client's login finishes can be lost. */
    private static void awaitLoginsFinished(List<DiscordBot> bots) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!bots.stream().allMatch(bot -> bot.connectedShards().size() == 1)
                || bots.stream().flatMap(bot -> bot.connectedShards().keySet().stream()).distinct().count() != 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the logins did not finish within " + WAIT + ": "
                        + bots.stream().map(bot -> bot.connectedShards().keySet().toString()).toList());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
