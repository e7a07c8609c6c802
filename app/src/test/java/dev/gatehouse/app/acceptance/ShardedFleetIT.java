package dev.gatehouse.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.discord.fake.CommandOption;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.RecordedCall;
import dev.gatehouse.discord.fake.ShardConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two packaged jars of one fleet ({@code gatehouse.fleet.enabled}) on one PostgreSQL share two shards: each shard has
 * one owner, the commands are registered once, a verification in a guild of each shard is answered once and its role
 * granted once and an unverified member's message deleted once, and the log channel notice of a confirm made on the
 * instance that doesn't own the guild's shard is posted once, by the owner; the shard count and max_concurrency come from
 * the fake's {@code GET /gateway/bot}; {@code status} and the metrics show the fleet; after {@code kill -9} of one instance the other takes its shard over within 30 s; started again, it
 * gets its shard handed back; and the fake's connection log never shows a shard with two owners at once.
 */
@ExtendWith(PrintLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardedFleetIT {
    private static final Duration TAKEOVER = Duration.ofSeconds(30);
    private static final long GUILD_0 = 4_000L << 22 | 1;
    private static final long GUILD_1 = 4_001L << 22 | 1;
    private static final long OWNER = 860_000_000_000_000_100L;
    private static final long ADMIN = 860_000_000_000_000_101L;
    private static final long FRANK = 860_000_000_000_000_102L;
    private static final long GRACE = 860_000_000_000_000_103L;
    private static final long HEDY = 860_000_000_000_000_104L;
    private static final long IDA = 860_000_000_000_000_105L;
    private static final long JOE = 860_000_000_000_000_106L;

    private static Product product;
    private static FakeDiscord discord;
    private static PackagedApp second;

    private static Map<String, String> fleet(String instance) {
        // no GATEHOUSE_DISCORD_SHARD_COUNT: the instances take the fake's recommendation (2 shards, 2 identifies at once)
        return Map.of("GATEHOUSE_FLEET_ENABLED", "true",
                "GATEHOUSE_FLEET_HEARTBEAT", "500ms", "GATEHOUSE_FLEET_LEASE_EXPIRY", "3s",
                "GATEHOUSE_FLEET_INSTANCE_ID", instance);
    }

    @BeforeAll
    static void prepare() throws Exception {
        product = Product.create("fleet-a", AcceptanceDatabase.onServer("fleet"), fleet("fleet-a"));
        discord = product.discord();
        discord.recommendShards(2).maxConcurrency(2);
        assertEquals(0, FakeDiscord.shardOf(GUILD_0, 2));
        assertEquals(1, FakeDiscord.shardOf(GUILD_1, 2));
        product.server(new Product.ServerIds(GUILD_0, GUILD_0 + 1, GUILD_0 + 2, GUILD_0 + 3, GUILD_0 + 4), "Robotics",
                "Verified", OWNER, ADMIN).member(FRANK, "frank").member(HEDY, "hedy").member(JOE, "joe");
        product.server(new Product.ServerIds(GUILD_1, GUILD_1 + 1, GUILD_1 + 2, GUILD_1 + 3, GUILD_1 + 4), "Chess",
                "Verified", OWNER, ADMIN).member(GRACE, "grace").member(IDA, "ida").member(JOE, "joe");
        product.tenant("clubs", "Clubs", "f-1,frank.lin@uni.example.edu,Frank Lin\ng-2,grace.hopper@uni.example.edu,Grace Hopper\n"
                + "h-3,hedy.lamarr@uni.example.edu,Hedy Lamarr\ni-4,ida.noddack@uni.example.edu,Ida Noddack\n", GUILD_0, GUILD_1);
        Map<String, String> environment = new LinkedHashMap<>(product.app().environment());
        environment.remove("MICRONAUT_SERVER_PORT");
        environment.remove("GATEHOUSE_MANAGEMENT_PORT");
        environment.putAll(fleet("fleet-b"));
        List<String> jvm = new ArrayList<>(discord.clientJvmArguments(PackagedApp.artifacts().resolve("fleet-b-truststore.p12")));
        jvm.add("-Xmx384m");
        second = PackagedApp.create("fleet-b", environment, jvm);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (product != null) {
            product.close();
        }
    }

    @Test
    @Order(1)
    void eachShardHasOneOwnerAndEachGuildsVerificationHappensOnce() throws Exception {
        product.app().start();
        second.start();
        discord.awaitConnections(log -> openShards(log).equals(Set.of(0, 1)) && open(log) == 2
                && ownersSafe().size() == 2, "each instance owning one shard", Product.LOGIN);
        awaitLoginsComplete();
        discord.awaitRequest("PUT", "/applications/\\d+/commands", Product.WAIT);
        assertEquals(1, discord.requests("PUT", "/applications/\\d+/commands").size(), "the commands are registered once");

        assertTrue(product.setup(GUILD_0, GUILD_0 + 1, ADMIN, GUILD_0 + 2).contains("Gatehouse is set up here"));
        assertTrue(product.setup(GUILD_1, GUILD_1 + 1, ADMIN, GUILD_1 + 2).contains("Gatehouse is set up here"));
        for (long guild : new long[] {GUILD_0, GUILD_1}) {
            discord.slashCommand(guild, guild + 1, ADMIN, "gatehouse", CommandOption.subcommand("setup",
                    CommandOption.channel("log_channel", guild + 1))).awaitOriginalEdit(Product.WAIT);
        }
        verify(GUILD_0, FRANK, "f-1", "frank.lin@uni.example.edu");
        verify(GUILD_1, GRACE, "g-2", "grace.hopper@uni.example.edu");
        // both confirms went through instance A's link page; one of the guilds is on B's shard, so its notice is
        // relayed to B, and A (without a client for that shard) cannot post it itself
        long onB = shardOwner(1).equals("fleet-b") ? GUILD_1 : GUILD_0;
        assertEquals("fleet-b", shardOwner(FakeDiscord.shardOf(onB, 2)));
        for (long guild : new long[] {GUILD_0, GUILD_1}) {
            String notices = "/channels/" + (guild + 1) + "/messages";
            discord.awaitRequest("POST", notices, Product.WAIT);
            discord.assertNoRequest("POST", notices, Duration.ofSeconds(2));
            List<RecordedCall> posted = discord.requests("POST", notices);
            assertEquals(1, posted.size(), "one log channel notice in " + guild + ": " + posted);
            assertTrue(posted.get(0).body().contains("is now verified"), posted.get(0).body());
        }
        assertEquals(0, count("SELECT count(*) FROM relayed_notices"), "no relayed notice left waiting");

        for (PackagedApp instance : List.of(product.app(), second)) {
            assertTrue(instance.logText().contains("Discord recommends 2 shards and 2 identifies at once; the fleet runs 2 shards"),
                    instance.name() + " took the shard count and max_concurrency from GET /gateway/bot: " + instance.logTail(40));
        }
        String status = product.cli("status");
        assertTrue(status.contains("Fleet: 2 instances, 2 shards"), status);
        for (int shard = 0; shard < 2; shard++) {
            assertTrue(status.contains("  shard " + shard + ": " + shardOwner(shard) + ", lease renewed"), status);
        }
        String health = PackagedApp.get(second.management("health")).orElseThrow().body();
        assertTrue(health.contains("every held shard connected") && health.contains("\"status\":\"UP\""), health);
        String metrics = PackagedApp.get(second.management("prometheus")).orElseThrow().body();
        assertTrue(metrics.contains("gatehouse_fleet_owned_shards 1.0"), metrics);
        assertTrue(metrics.matches("(?s).*\ngatehouse_cache_reloads_total [1-9].*"), "B loaded its caches at start: " + metrics);
        assertTrue(metrics.matches("(?s).*\ngatehouse_change_notifications_total [1-9].*"), "B heard A's changes: " + metrics);
        assertTrue(metrics.contains("gatehouse_notification_lag_seconds "), metrics);
        assertTrue(metrics.contains("gatehouse_gateway_connected{shard=\"" + FakeDiscord.shardOf(onB, 2) + "\"} 1.0"), metrics);
        for (long guild : new long[] {GUILD_0, GUILD_1}) {
            long message = discord.messageCreate(guild, guild + 1, JOE, "hello from an unverified member");
            String delete = "/channels/" + (guild + 1) + "/messages/" + message;
            discord.awaitRequest("DELETE", delete, Product.WAIT);
            discord.assertNoRequest("DELETE", "/channels/\\d+/messages/\\d+", Duration.ofSeconds(2));
            assertEquals(1, discord.requests("DELETE", delete).size(), "the unverified message in " + guild + " is deleted once");
        }
        assertNeverTwoOwners();
    }

    @Test
    @Order(2)
    void aKilledInstancesShardIsTakenOverWithin30Seconds() throws Exception {
        Set<String> before = owners();
        second.kill();
        Instant killed = Instant.now();
        discord.awaitConnections(log -> open(log) == 2 && openShards(log).equals(Set.of(0, 1)) && ownersSafe().size() == 1,
                "the surviving instance owning both shards", TAKEOVER.plus(Product.WAIT));
        awaitLoginsComplete();
        Duration took = Duration.between(killed, Instant.now());
        System.out.println("shard takeover after kill -9 took " + took.toMillis() + " ms; owners before " + before);
        assertTrue(took.compareTo(TAKEOVER) <= 0, "taken over after " + took);

        verify(GUILD_0, HEDY, "h-3", "hedy.lamarr@uni.example.edu");
        assertNeverTwoOwners();
    }

    @Test
    @Order(3)
    void theRestartedInstanceGetsItsShareBackWithNoMomentOfTwoOwners() throws Exception {
        second.start();
        discord.awaitConnections(log -> open(log) == 2 && openShards(log).equals(Set.of(0, 1)) && ownersSafe().size() == 2,
                "the shards rebalanced over both instances", Product.LOGIN);
        awaitLoginsComplete();

        verify(GUILD_1, IDA, "i-4", "ida.noddack@uni.example.edu");
        assertNeverTwoOwners();
        assertEquals(1, discord.requests("PUT", "/applications/\\d+/commands").size(), "no instance registered the commands again");
    }

    private static void verify(long guild, long member, String userId, String address) throws Exception {
        List<String> links = product.verifyAndReadEmail(guild, guild + 1, member, userId, address);
        product.open(links.get(0));
        assertTrue(product.press("Confirm").contains("verified"));
        String role = "/guilds/" + guild + "/members/" + member + "/roles/" + (guild + 2);
        discord.awaitRequest("PUT", role, Product.WAIT);
        discord.awaitRequest("PATCH", "/guilds/" + guild + "/members/" + member, Product.WAIT);
        assertEquals(1, discord.requests("PUT", role).size(), "one role grant in " + guild);
        assertEquals(1, discord.requests("PATCH", "/guilds/" + guild + "/members/" + member).size(), "one nickname in " + guild);
    }

    /** Javacord asks for the application after READY and every GUILD_CREATE; only then does it pass events on. */
    private static void awaitLoginsComplete() {
        long deadline = System.nanoTime() + Product.WAIT.toNanos();
        while (discord.requests("GET", "/oauth2/applications/@me").size() < discord.connections().size()
                && System.nanoTime() < deadline) {
            PackagedApp.sleep(100);
        }
        assertEquals(discord.connections().size(), discord.requests("GET", "/oauth2/applications/@me").size(),
                "every shard session finished its login");
    }

    private static void assertNeverTwoOwners() {
        List<ShardConnection> log = discord.connections();
        for (int i = 0; i < log.size(); i++) {
            for (int j = i + 1; j < log.size(); j++) {
                assertFalse(log.get(i).overlaps(log.get(j)), "two owners at once: " + log);
            }
        }
    }

    private static Set<Integer> openShards(List<ShardConnection> log) {
        return log.stream().filter(ShardConnection::open).map(ShardConnection::shard).collect(Collectors.toSet());
    }

    private static long open(List<ShardConnection> log) {
        return log.stream().filter(ShardConnection::open).count();
    }

    private static Set<String> ownersSafe() {
        try {
            return owners();
        } catch (Exception e) {
            return Set.of();
        }
    }

    private static String shardOwner(int shard) throws Exception {
        try (Connection c = product.database().connect();
             ResultSet rows = c.createStatement().executeQuery("SELECT owner FROM shard_leases WHERE shard = " + shard)) {
            assertTrue(rows.next(), "shard " + shard + " has an owner");
            return rows.getString(1);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = product.database().connect(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Set<String> owners() throws Exception {
        Set<String> owners = new HashSet<>();
        try (Connection c = product.database().connect();
             ResultSet rows = c.createStatement().executeQuery("SELECT owner FROM shard_leases")) {
            while (rows.next()) {
                owners.add(rows.getString(1));
            }
        }
        return owners;
    }
}
