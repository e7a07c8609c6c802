package dev.gatehouse.discord.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeShardedGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long OWNER = 900_000_000_000_000_003L;
    private static final long MEMBER = 900_000_000_000_000_004L;
    /** Guild ids whose timestamp part puts them on shards 0, 1, 0 of two. */
    private static final long ON_SHARD_0 = 1_000L << 22 | 7;
    private static final long ON_SHARD_1 = 1_001L << 22 | 7;
    private static final long ALSO_ON_SHARD_0 = 1_002L << 22 | 7;

    private FakeDiscord discord;
    private final List<DiscordApi> apis = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        discord = FakeDiscord.start().recommendShards(2).maxConcurrency(1);
        for (long id : new long[] {ON_SHARD_0, ON_SHARD_1, ALSO_ON_SHARD_0}) {
            discord.guild(id, "guild " + id, OWNER).textChannel(id + 1, "general").member(OWNER, "owner")
                    .member(MEMBER, "alice");
        }
    }

    @AfterEach
    void stop() {
        apis.forEach(FakeShardedGatewayTest::disconnect);
        discord.close();
    }

    private static void disconnect(DiscordApi api) {
        try {
            api.disconnect().join();
        } catch (java.util.concurrent.RejectedExecutionException raceInJavacord) {
            // Javacord 3.8.0 may shut its pool before scheduling its disconnect fallback; the session is closed either way
        }
    }

    private DiscordApi logIn(int shard, int of) throws Exception {
        DiscordApi api = discord.apiBuilder().setTotalShards(of).setCurrentShard(shard).login().get(10, TimeUnit.SECONDS);
        apis.add(api);
        return api;
    }

    private static Set<Long> serverIds(DiscordApi api) {
        return api.getServers().stream().map(Server::getId).collect(Collectors.toSet());
    }

    @Test
    void eachShardSeesOnlyItsGuildsAndGetsOnlyTheirEvents() throws Exception {
        DiscordApi shard0 = logIn(0, 2);
        DiscordApi shard1 = logIn(1, 2);

        assertEquals(Set.of(ON_SHARD_0, ALSO_ON_SHARD_0), serverIds(shard0));
        assertEquals(Set.of(ON_SHARD_1), serverIds(shard1));

        List<String> seenBy0 = new CopyOnWriteArrayList<>();
        List<String> seenBy1 = new CopyOnWriteArrayList<>();
        shard0.addMessageCreateListener(e -> seenBy0.add(e.getMessageContent()));
        shard1.addMessageCreateListener(e -> seenBy1.add(e.getMessageContent()));
        discord.messageCreate(ON_SHARD_1, ON_SHARD_1 + 1, MEMBER, "to shard 1");
        discord.messageCreate(ALSO_ON_SHARD_0, ALSO_ON_SHARD_0 + 1, MEMBER, "to shard 0");

        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((seenBy0.isEmpty() || seenBy1.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("to shard 0"), seenBy0);
        assertEquals(List.of("to shard 1"), seenBy1);
    }

    @Test
    void theGatewayRecommendsTheConfiguredShardCountAndJavacordFollowsIt() throws Exception {
        discord.recommendShards(3);
        DiscordApi api = discord.apiBuilder().setRecommendedTotalShards().join().login().get(10, TimeUnit.SECONDS);
        apis.add(api);

        assertEquals(3, api.getTotalShards());
        assertTrue(discord.requests().stream().anyMatch(c -> c.path().equals("/gateway/bot")));
        ShardConnection only = discord.connections().get(0);
        assertEquals(0, only.shard());
        assertEquals(3, only.shardCount());
    }

    @Test
    void theConnectionLogShowsWhoServedWhichShardFromWhenToWhen() throws Exception {
        DiscordApi first = logIn(1, 2);
        disconnect(first);
        apis.remove(first);
        discord.awaitConnections(log -> log.size() == 1 && !log.get(0).open(), "the first session closing", WAIT);
        logIn(1, 2);

        List<ShardConnection> log = discord.connections();
        assertEquals(2, log.size());
        assertFalse(log.get(0).overlaps(log.get(1)), "one owner at a time: " + log);
        assertEquals(1, discord.openConnections().size());
        assertEquals(2, discord.identifyTimes().size());
    }

    @Test
    void twoSessionsOfTheSameShardAtOnceShowAsAnOverlap() throws Exception {
        logIn(0, 2);
        logIn(0, 2);

        List<ShardConnection> log = discord.connections();
        assertTrue(log.get(0).overlaps(log.get(1)));
        assertEquals(2, discord.openConnections().size());
    }
}
