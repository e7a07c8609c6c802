package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.memory.MemoryShardLeases;
import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.ShardSettings;
import dev.gatehouse.core.port.in.InspectOutbox;
import dev.gatehouse.core.port.out.MemberUpdates.OutboxDepth;
import dev.gatehouse.core.service.ShardCoordinator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Prometheus scrape of an instance of a fleet shows its shards, their gateways, leases, waiting notices and outbox. */
class FleetMetricsTest {

    @Test
    void aScrapeShowsOwnedShardsGatewayStateAndLatencyLeaseAgeAndWaitingNotices() {
        MemoryShardLeases leases = new MemoryShardLeases();
        ShardSettings settings = ShardSettings.defaults(2);
        ShardCoordinator self = new ShardCoordinator(leases, Clock.systemUTC(), settings, new InstanceId("gh-a"));
        ShardCoordinator other = new ShardCoordinator(leases, Clock.systemUTC(), settings, new InstanceId("gh-b"));
        self.tick();
        other.tick();
        self.tick().disconnect().forEach(self::handedOver);
        other.tick();
        // guild on shard 1 of 2, relayed by whichever instance
        self.relayNotice(new GuildId(1L << 22), new ChannelId(5), "waiting");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        InspectOutbox outbox = new InspectOutbox() {
            @Override
            public OutboxDepth depth() {
                return new OutboxDepth(3, Optional.empty());
            }

            @Override
            public Map<Integer, Long> depthByShard(int shardCount) {
                return Map.of(1, 3L);
            }
        };

        FleetMetrics.register(registry, self, outbox, 2, () -> Map.of(0, Optional.of(Duration.ofMillis(42))));
        String scrape = registry.scrape();

        assertTrue(scrape.contains("gatehouse_fleet_instances 2.0"), scrape);
        assertTrue(scrape.contains("gatehouse_fleet_owned_shards 1.0"), scrape);
        assertTrue(scrape.matches("(?s).*gatehouse_fleet_shard_owned\\{shard=\"[01]\"} 1\\.0.*"), scrape);
        assertTrue(scrape.matches("(?s).*gatehouse_fleet_lease_age_seconds\\{shard=\"0\"} \\d+\\.\\d+.*"), scrape);
        assertTrue(scrape.contains("gatehouse_fleet_notices_waiting{shard=\"1\"} 1.0"), scrape);
        assertTrue(scrape.contains("gatehouse_fleet_notices_waiting{shard=\"0\"} 0.0"), scrape);
        assertTrue(scrape.contains("gatehouse_outbox_shard_depth{shard=\"1\"} 3.0"), scrape);
        assertTrue(scrape.contains("gatehouse_outbox_shard_depth{shard=\"0\"} 0.0"), scrape);
        assertTrue(scrape.contains("gatehouse_gateway_connected{shard=\"0\"} 1.0"), scrape);
        assertTrue(scrape.contains("gatehouse_gateway_connected{shard=\"1\"} 0.0"), scrape);
        assertTrue(scrape.contains("gatehouse_gateway_latency_seconds{shard=\"0\"} 0.042"), scrape);
        assertTrue(scrape.contains("gatehouse_gateway_latency_seconds{shard=\"1\"} NaN"), scrape);
    }
}
