package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gatehouse.core.Fleet;
import dev.gatehouse.core.memory.MemoryShardLeases;
import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.ShardSettings;
import dev.gatehouse.core.port.in.CoordinateShards;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.ShardConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.javacord.api.DiscordApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances in one JVM share four shards through the leases; the fake's connection log is the judge. */
class ShardGatewayTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ShardSettings FAST = new ShardSettings(4, Duration.ofMillis(200), Duration.ofSeconds(1), 1,
            Duration.ZERO, 1000);
    private static final long OWNER = 900_000_000_000_000_003L;

    private FakeDiscord discord;
    private final MemoryShardLeases leases = new MemoryShardLeases();
    private final List<ShardGateway> gateways = new ArrayList<>();

    @BeforeEach
    void start() {
        discord = FakeDiscord.start();
        for (long k = 0; k < 8; k++) {
            long id = (2_000L + k) << 22 | 9;
            discord.guild(id, "guild " + k, OWNER).textChannel(id + 1, "general").member(OWNER, "owner");
        }
    }

    @AfterEach
    void stop() {
        gateways.forEach(ShardGateway::close);
        discord.close();
    }

    private ShardGateway instance(String name) {
        CoordinateShards coordinator = Fleet.coordinator(leases, Clock.systemUTC(), FAST, new InstanceId(name));
        ShardGateway gateway = new ShardGateway(coordinator,
                (shard, count) -> discord.apiBuilder().setTotalShards(count).setCurrentShard(shard).login(),
                new ShardGateway.ShardListener() {
                    @Override
                    public void connected(int shard, DiscordApi api) {
                    }

                    @Override
                    public void disconnected(int shard, DiscordApi api) {
                    }
                }, FAST.heartbeat(), Duration.ofSeconds(10));
        gateways.add(gateway);
        gateway.start();
        return gateway;
    }

    private static Map<Integer, Long> openPerShard(List<ShardConnection> log) {
        return log.stream().filter(ShardConnection::open).collect(Collectors.groupingBy(ShardConnection::shard, Collectors.counting()));
    }

    private static void assertNeverTwoOwners(List<ShardConnection> log) {
        for (int i = 0; i < log.size(); i++) {
            for (int j = i + 1; j < log.size(); j++) {
                assertFalse(log.get(i).overlaps(log.get(j)), "two owners at once: " + log.get(i) + " and " + log.get(j));
            }
        }
    }

    @Test
    void aSecondInstanceGetsHalfTheShardsHandedOverAndLeavingGivesThemBack() {
        ShardGateway first = instance("a");
        discord.awaitConnections(log -> openPerShard(log).size() == 4, "one instance connecting all four shards", WAIT);

        ShardGateway second = instance("b");
        discord.awaitConnections(log -> openPerShard(log).size() == 4 && second.connected().size() == 2
                && first.connected().size() == 2, "the second instance taking its share", WAIT);
        assertEquals(Map.of(0, 1L, 1, 1L, 2, 1L, 3, 1L), openPerShard(discord.connections()));

        first.close();
        gateways.remove(first);
        discord.awaitConnections(log -> openPerShard(log).size() == 4 && second.connected().size() == 4,
                "the remaining instance taking every shard", WAIT);

        assertNeverTwoOwners(discord.connections());
    }
}
