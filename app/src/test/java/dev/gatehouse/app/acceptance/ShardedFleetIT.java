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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three packaged jars of one fleet ({@code gatehouse.fleet.enabled}) on one PostgreSQL share four shards serving six
 * guilds of two tenants: each shard has exactly one owner, the commands are registered once, a verification in each
 * guild is answered once, mailed once, linked once, its role granted and nickname set once, and an unverified
 * member's message is deleted once; the log channel notice of every confirm made on instance A's link page is posted
 * once, by the owner of the guild's shard (relayed when that is not A). After {@code kill -9} of an instance its
 * shards are taken over within 30 s and the verifications started before the kill complete with nothing delivered
 * twice; started again, it gets its share back. Over the whole run the fake's connection log never shows two
 * sessions of one shard at once, and no two IDENTIFYs of one max_concurrency bucket came less than 5 s apart.
 *
 * <p>The instances run a 500 ms heartbeat and a 3 s lease expiry so the run stays short; the 30 s takeover bound at
 * the defaults (5 s, 20 s) is the coordinator's arithmetic, shown on a simulated clock by the core's ShardingTest,
 * and here the takeover must fit in 30 s all the same.
 */
@ExtendWith(PrintLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardedFleetIT {
    private static final Duration TAKEOVER = Duration.ofSeconds(30);
    private static final int SHARDS = 4;
    private static final int CONCURRENCY = 2;
    /** Discord's rule, measured where Discord measures it: when the IDENTIFYs arrive. */
    private static final Duration IDENTIFY_SPACING = Duration.ofSeconds(5);
    private static final long[] GUILDS = new long[6];
    private static final long OWNER = 860_000_000_000_000_100L;
    private static final long ADMIN = 860_000_000_000_000_101L;
    private static final long JOE = 860_000_000_000_000_199L;
    /** Members verifying: per guild, the first round, before the kill, and after the restart. */
    private static final long FIRST = 860_000_000_000_001_000L;
    private static final long BEFORE_KILL = 860_000_000_000_002_000L;
    private static final long AFTER_RESTART = 860_000_000_000_003_000L;

    static {
        for (int g = 0; g < GUILDS.length; g++) {
            GUILDS[g] = (4_000L + g) << 22 | 1;
        }
    }

    private static Product product;
    private static FakeDiscord discord;
    private static final Map<String, PackagedApp> instances = new LinkedHashMap<>();
    private static final Map<Long, Integer> noticesExpected = new HashMap<>();
    private static int verifications;

    private static Map<String, String> fleet(String instance) {
        // no GATEHOUSE_DISCORD_SHARD_COUNT: the instances take the fake's recommendation (4 shards, 2 identifies at once)
        return Map.of("GATEHOUSE_FLEET_ENABLED", "true",
                "GATEHOUSE_FLEET_HEARTBEAT", "500ms", "GATEHOUSE_FLEET_LEASE_EXPIRY", "3s",
                "GATEHOUSE_FLEET_INSTANCE_ID", instance);
    }

    private static String tenantOf(int g) {
        return g < 3 ? "clubs" : "sports";
    }

    private static String userId(long member) {
        return "u-" + (member % 100_000);
    }

    private static String directory(int from) {
        StringBuilder rows = new StringBuilder();
        for (int g = from; g < from + 3; g++) {
            for (long base : new long[] {FIRST, BEFORE_KILL, AFTER_RESTART}) {
                long member = base + g;
                rows.append(userId(member)).append(',').append(userId(member)).append("@uni.example.edu,Member ")
                        .append(userId(member)).append('\n');
            }
        }
        return rows.toString();
    }

    @BeforeAll
    static void prepare() throws Exception {
        product = Product.create("fleet-a", AcceptanceDatabase.onServer("fleet"), fleet("fleet-a"));
        discord = product.discord();
        discord.recommendShards(SHARDS).maxConcurrency(CONCURRENCY);
        for (int g = 0; g < GUILDS.length; g++) {
            long guild = GUILDS[g];
            assertEquals(g % SHARDS, FakeDiscord.shardOf(guild, SHARDS));
            product.server(new Product.ServerIds(guild, guild + 1, guild + 2, guild + 3, guild + 4), "Guild " + g,
                    "Verified", OWNER, ADMIN).member(FIRST + g, "first" + g).member(BEFORE_KILL + g, "early" + g)
                    .member(AFTER_RESTART + g, "late" + g).member(JOE, "joe");
        }
        product.tenant("clubs", "Clubs", directory(0), GUILDS[0], GUILDS[1], GUILDS[2]);
        product.tenant("sports", "Sports", directory(3), GUILDS[3], GUILDS[4], GUILDS[5]);
        instances.put("fleet-a", product.app());
        for (String name : List.of("fleet-b", "fleet-c")) {
            Map<String, String> environment = new LinkedHashMap<>(product.app().environment());
            environment.remove("MICRONAUT_SERVER_PORT");
            environment.remove("GATEHOUSE_MANAGEMENT_PORT");
            environment.putAll(fleet(name));
            List<String> jvm = new ArrayList<>(discord.clientJvmArguments(PackagedApp.artifacts().resolve(name + "-truststore.p12")));
            jvm.add("-Xmx384m");
            instances.put(name, PackagedApp.create(name, environment, jvm));
        }
    }

    @AfterAll
    static void stop() {
        instances.values().stream().filter(i -> i != product.app()).forEach(PackagedApp::close);
        if (product != null) {
            product.close();
        }
    }

    @Test
    @Order(1)
    void eachShardHasOneOwnerAndEachGuildsVerificationHappensOnce() throws Exception {
        for (PackagedApp instance : instances.values()) {
            instance.startProcess();
        }
        for (PackagedApp instance : instances.values()) {
            instance.awaitHealthy(Product.LOGIN);
        }
        awaitBalanced(3, Product.LOGIN);
        discord.awaitRequest("PUT", "/applications/\\d+/commands", Product.WAIT);
        assertEquals(1, discord.requests("PUT", "/applications/\\d+/commands").size(), "the commands are registered once");

        for (long guild : GUILDS) {
            assertTrue(product.setup(guild, guild + 1, ADMIN, guild + 2).contains("Gatehouse is set up here"));
            discord.slashCommand(guild, guild + 1, ADMIN, "gatehouse", CommandOption.subcommand("setup",
                    CommandOption.channel("log_channel", guild + 1))).awaitOriginalEdit(Product.WAIT);
        }
        for (int g = 0; g < GUILDS.length; g++) {
            confirmOnA(GUILDS[g], FIRST + g, request(GUILDS[g], FIRST + g));
        }
        assertNoticesPostedOnceByTheOwner();
        assertEquals(3, new HashSet<>(ownersOfShards().values()).size(), "all three instances own shards: " + ownersOfShards());

        for (PackagedApp instance : instances.values()) {
            assertTrue(instance.logText().contains("Discord recommends 4 shards and 2 identifies at once; the fleet runs 4 shards"),
                    instance.name() + " took the shard count and max_concurrency from GET /gateway/bot: " + instance.logTail(40));
        }
        String status = product.cli("status");
        assertTrue(status.contains("Fleet: 3 instances, 4 shards"), status);
        for (int shard = 0; shard < SHARDS; shard++) {
            assertTrue(status.contains("  shard " + shard + ": " + ownersOfShards().get(shard) + ", lease renewed"), status);
        }
        PackagedApp b = instances.get("fleet-b");
        String health = PackagedApp.get(b.management("health")).orElseThrow().body();
        assertTrue(health.contains("every held shard connected") && health.contains("\"status\":\"UP\""), health);
        String metrics = PackagedApp.get(b.management("prometheus")).orElseThrow().body();
        long ofB = ownersOfShards().values().stream().filter("fleet-b"::equals).count();
        assertTrue(metrics.contains("gatehouse_fleet_owned_shards " + ofB + ".0"), metrics);
        assertTrue(metrics.matches("(?s).*\ngatehouse_change_notifications_total [1-9].*"), "B heard A's changes: " + metrics);

        for (long guild : GUILDS) {
            long message = discord.messageCreate(guild, guild + 1, JOE, "hello from an unverified member");
            String delete = "/channels/" + (guild + 1) + "/messages/" + message;
            discord.awaitRequest("DELETE", delete, Product.WAIT);
        }
        PackagedApp.sleep(2_000);
        assertEquals(GUILDS.length, discord.requests("DELETE", "/channels/\\d+/messages/\\d+").size(),
                "each unverified message is deleted once");
        assertNeverTwoOwners();
    }

    @Test
    @Order(2)
    void aKilledInstancesShardsAreTakenOverWithin30SecondsAndItsVerificationsComplete() throws Exception {
        Map<Integer, String> before = ownersOfShards();
        String victimName = before.values().stream().filter(o -> !o.equals("fleet-a")).findFirst().orElseThrow();
        Set<Integer> orphaned = before.entrySet().stream().filter(e -> e.getValue().equals(victimName))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Map<Integer, List<String>> started = new TreeMap<>();
        for (int g = 0; g < GUILDS.length; g++) {
            if (orphaned.contains(g % SHARDS)) {
                started.put(g, request(GUILDS[g], BEFORE_KILL + g));
            }
        }
        assertFalse(started.isEmpty());
        instances.get(victimName).kill();
        Instant killed = Instant.now();
        discord.awaitConnections(log -> openShards(log).size() == SHARDS && open(log) == SHARDS
                && !ownersSafe().contains(victimName) && ownersSafe().size() == 2,
                "the two survivors owning all four shards", TAKEOVER.plus(Product.WAIT));
        awaitLoginsComplete();
        Duration took = Duration.between(killed, Instant.now());
        System.out.println("shards " + orphaned + " of " + victimName + " taken over " + took.toMillis()
                + " ms after kill -9; owners before " + before + ", after " + ownersOfShards());
        assertTrue(took.compareTo(TAKEOVER) <= 0, "taken over after " + took);

        for (Map.Entry<Integer, List<String>> verification : started.entrySet()) {
            int g = verification.getKey();
            confirmOnA(GUILDS[g], BEFORE_KILL + g, verification.getValue());
        }
        assertNoticesPostedOnceByTheOwner();
        assertNeverTwoOwners();
    }

    @Test
    @Order(3)
    void theRestartedInstanceGetsItsShareBackWithNoMomentOfTwoOwners() throws Exception {
        PackagedApp restarted = instances.values().stream().filter(i -> !i.isRunning()).findFirst().orElseThrow();
        restarted.start();
        awaitBalanced(3, Product.LOGIN);
        assertTrue(ownersOfShards().containsValue(restarted.name()), "the restarted instance owns a shard again");

        for (int g = 0; g < GUILDS.length; g++) {
            confirmOnA(GUILDS[g], AFTER_RESTART + g, request(GUILDS[g], AFTER_RESTART + g));
        }
        assertNoticesPostedOnceByTheOwner();
        assertNeverTwoOwners();
        assertIdentifiesPaced();
        assertEquals(1, discord.requests("PUT", "/applications/\\d+/commands").size(), "no instance registered the commands again");
        assertEquals(verifications, product.smtp().getReceivedMessages().length, "one email per verification");
        long overlaps = overlapCount();
        System.out.println("gateway sessions " + discord.connections().size() + ", overlapping sessions of one shard: " + overlaps
                + ", identifies " + discord.identifyTimes().size());
    }

    /** /verify as the member; returns the email's links (exactly one reply, one email). */
    private static List<String> request(long guild, long member) throws Exception {
        int callbacks = discord.requests("POST", "/interactions/\\d+/[^/]+/callback").size();
        List<String> links = product.verifyAndReadEmail(guild, guild + 1, member, userId(member),
                userId(member) + "@uni.example.edu");
        verifications++;
        assertEquals(callbacks + 1, discord.requests("POST", "/interactions/\\d+/[^/]+/callback").size(),
                "one reply to the /verify in " + guild);
        return links;
    }

    /** Confirms on instance A's link page (whichever instance mailed it) and checks each effect happened once. */
    private static void confirmOnA(long guild, long member, List<String> links) throws Exception {
        product.open(links.get(0).replaceFirst("^http://localhost:\\d+", product.app().baseUrl().toString()));
        assertTrue(product.press("Confirm").contains("verified"));
        noticesExpected.merge(guild, 1, Integer::sum);
        String role = "/guilds/" + guild + "/members/" + member + "/roles/" + (guild + 2);
        String nickname = "/guilds/" + guild + "/members/" + member;
        discord.awaitRequest("PUT", role, Product.WAIT);
        discord.awaitRequest("PATCH", nickname, Product.WAIT);
        assertEquals(1, discord.requests("PUT", role).size(), "one role grant in " + guild);
        assertEquals(1, discord.requests("PATCH", nickname).size(), "one nickname in " + guild);
        String tenant = tenantOf(java.util.Arrays.binarySearch(GUILDS, guild));
        assertEquals(List.of(userId(member)), product.linkedDirectoryUser(tenant, member), "one link");
    }

    /** Every confirm's notice is in its guild's log channel once; a relayed one was posted by the shard's owner. */
    private static void assertNoticesPostedOnceByTheOwner() throws Exception {
        for (Map.Entry<Long, Integer> expected : noticesExpected.entrySet()) {
            String notices = "/channels/" + (expected.getKey() + 1) + "/messages";
            long deadline = System.nanoTime() + Product.WAIT.toNanos();
            while (discord.requests("POST", notices).size() < expected.getValue() && System.nanoTime() < deadline) {
                PackagedApp.sleep(100);
            }
        }
        PackagedApp.sleep(2_000);
        Map<Integer, String> owners = ownersOfShards();
        for (Map.Entry<Long, Integer> expected : noticesExpected.entrySet()) {
            long guild = expected.getKey();
            List<RecordedCall> posted = discord.requests("POST", "/channels/" + (guild + 1) + "/messages");
            assertEquals(expected.getValue(), posted.size(), "one log channel notice per confirm in " + guild + ": " + posted);
            posted.forEach(p -> assertTrue(p.body().contains("is now verified"), p.body()));
            String owner = owners.get(FakeDiscord.shardOf(guild, SHARDS));
            String relayed = "Posting a log channel notice relayed for server " + guild;
            for (PackagedApp instance : instances.values()) {
                if (!owner.equals("fleet-a") && instance.name().equals(owner)) {
                    assertTrue(instance.logText().contains(relayed), owner + " posted the relayed notice of " + guild);
                }
            }
        }
        assertEquals(0, count("SELECT count(*) FROM relayed_notices"), "no relayed notice left waiting");
    }

    private static void awaitBalanced(int owners, Duration timeout) {
        discord.awaitConnections(log -> openShards(log).size() == SHARDS && open(log) == SHARDS
                && ownersSafe().size() == owners, owners + " instances sharing the " + SHARDS + " shards", timeout);
        awaitLoginsComplete();
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

    private static long overlapCount() {
        List<ShardConnection> log = discord.connections();
        long overlaps = 0;
        for (int i = 0; i < log.size(); i++) {
            for (int j = i + 1; j < log.size(); j++) {
                if (log.get(i).overlaps(log.get(j))) {
                    overlaps++;
                }
            }
        }
        return overlaps;
    }

    private static void assertNeverTwoOwners() {
        assertEquals(0, overlapCount(), "two sessions of one shard at once: " + discord.connections());
    }

    /** Per max_concurrency bucket ({@code shard % max_concurrency}), IDENTIFYs at least the spacing apart. */
    private static void assertIdentifiesPaced() {
        Map<Integer, List<Instant>> byBucket = new TreeMap<>();
        for (ShardConnection session : discord.connections()) {
            byBucket.computeIfAbsent(session.shard() % CONCURRENCY, b -> new ArrayList<>()).add(session.identifiedAt());
        }
        Duration closest = Duration.ofDays(1);
        for (Map.Entry<Integer, List<Instant>> bucket : byBucket.entrySet()) {
            List<Instant> times = bucket.getValue().stream().sorted(Comparator.naturalOrder()).toList();
            for (int i = 1; i < times.size(); i++) {
                Duration gap = Duration.between(times.get(i - 1), times.get(i));
                closest = gap.compareTo(closest) < 0 ? gap : closest;
                assertTrue(gap.compareTo(IDENTIFY_SPACING) >= 0, "bucket " + bucket.getKey() + " identified twice within "
                        + gap + ": " + times);
            }
        }
        System.out.println("closest two identifies of one bucket: " + closest.toMillis() + " ms");
    }

    private static Set<Integer> openShards(List<ShardConnection> log) {
        return log.stream().filter(ShardConnection::open).map(ShardConnection::shard).collect(Collectors.toSet());
    }

    private static long open(List<ShardConnection> log) {
        return log.stream().filter(ShardConnection::open).count();
    }

    private static Set<String> ownersSafe() {
        try {
            return new HashSet<>(ownersOfShards().values());
        } catch (Exception e) {
            return Set.of();
        }
    }

    private static Map<Integer, String> ownersOfShards() throws Exception {
        Map<Integer, String> owners = new TreeMap<>();
        try (Connection c = product.database().connect();
             ResultSet rows = c.createStatement().executeQuery("SELECT shard, owner FROM shard_leases")) {
            while (rows.next()) {
                owners.put(rows.getInt(1), rows.getString(2));
            }
        }
        return owners;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = product.database().connect(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
