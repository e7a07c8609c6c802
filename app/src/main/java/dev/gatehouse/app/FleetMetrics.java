package dev.gatehouse.app;

import dev.gatehouse.core.model.ShardLease;
import dev.gatehouse.core.port.in.CoordinateShards.FleetView;
import dev.gatehouse.core.port.in.CoordinateShards;
import dev.gatehouse.core.port.in.InspectFleet;
import dev.gatehouse.core.port.in.InspectOutbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's figures for {@code /manage/prometheus}, per instance: live instances, shards this instance owns, and per
 * shard whether it owns it, the age of its lease (whoever holds it), whether its gateway is connected here and the
 * latest gateway latency, the log channel notices and the member updates waiting for its owner. The fleet is read from the shared store
 * at most once per {@link #CACHE}; a store that can't be read gives NaN rather than a failed scrape.
 */
final class FleetMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(FleetMetrics.class);
    static final Duration CACHE = Duration.ofSeconds(2);

    private final InspectFleet fleet;
    private final InspectOutbox outbox;
    private final int shardCount;
    private final Supplier<Map<Integer, Optional<Duration>>> gateway;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    private record Snapshot(FleetView view, Map<Integer, Long> waiting, Map<Integer, Long> outbox, long readAtNanos) {
    }

    private FleetMetrics(InspectFleet fleet, InspectOutbox outbox, int shardCount, Supplier<Map<Integer, Optional<Duration>>> gateway) {
        this.fleet = fleet;
        this.outbox = outbox;
        this.shardCount = shardCount;
        this.gateway = gateway;
    }

    /**
     * Registers the fleet's gauges for {@code shardCount} shards.
     *
     * @param gateway the shards connected on this instance, each with its latest gateway latency if measured
     */
    static FleetMetrics register(MeterRegistry registry, InspectFleet fleet, InspectOutbox outbox, int shardCount,
            Supplier<Map<Integer, Optional<Duration>>> gateway) {
        FleetMetrics metrics = new FleetMetrics(fleet, outbox, shardCount, gateway);
        Gauge.builder("gatehouse.fleet.instances", metrics, m -> m.read(s -> s.view().members().size()))
                .description("live instances of the fleet").register(registry);
        Gauge.builder("gatehouse.fleet.owned.shards", metrics, m -> m.read(s -> s.view().leases().stream()
                        .filter(l -> l.owner().equals(fleet.instance())).count()))
                .description("shards whose lease this instance holds").register(registry);
        for (int shard = 0; shard < shardCount; shard++) {
            int index = shard;
            String tag = Integer.toString(shard);
            Gauge.builder("gatehouse.fleet.shard.owned", metrics, m -> m.read(s -> s.view().lease(index)
                            .filter(l -> l.owner().equals(fleet.instance())).isPresent() ? 1 : 0))
                    .tag("shard", tag).description("1 if this instance holds the shard's lease").register(registry);
            Gauge.builder("gatehouse.fleet.lease.age.seconds", metrics, m -> m.read(s -> s.view().lease(index)
                            .map(l -> ageSeconds(l, s.view())).orElse(Double.NaN)))
                    .tag("shard", tag).description("seconds since the shard's lease was renewed, by whichever instance")
                    .register(registry);
            Gauge.builder("gatehouse.fleet.notices.waiting", metrics, m -> m.read(s -> s.waiting().getOrDefault(index, 0L)))
                    .tag("shard", tag).description("log channel notices waiting for the shard's owner").register(registry);
            Gauge.builder("gatehouse.outbox.shard.depth", metrics, m -> m.read(s -> s.outbox().getOrDefault(index, 0L)))
                    .tag("shard", tag).description("member updates waiting for the shard's owner").register(registry);
            Gauge.builder("gatehouse.gateway.connected", metrics, m -> m.gateway.get().containsKey(index) ? 1 : 0)
                    .tag("shard", tag).description("1 if the shard's gateway is connected on this instance").register(registry);
            Gauge.builder("gatehouse.gateway.latency.seconds", metrics, m -> Optional.ofNullable(m.gateway.get().get(index))
                            .flatMap(latency -> latency).map(latency -> latency.toNanos() / 1e9).orElse(Double.NaN))
                    .tag("shard", tag).description("latest gateway heartbeat latency of the shard on this instance")
                    .register(registry);
        }
        return metrics;
    }

    private static double ageSeconds(ShardLease lease, FleetView view) {
        return Math.max(0, Duration.between(lease.renewedAt(), view.at()).toMillis() / 1000.0);
    }

    private double read(java.util.function.ToDoubleFunction<Snapshot> figure) {
        try {
            Snapshot current = snapshot.get();
            long now = System.nanoTime();
            if (current == null || now - current.readAtNanos() > CACHE.toNanos()) {
                current = new Snapshot(fleet.fleet(), fleet.waitingNotices(), outbox.depthByShard(shardCount), now);
                snapshot.set(current);
            }
            return figure.applyAsDouble(current);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Registers the fleet's gauges when the server of an instance in fleet mode starts (not for CLI commands). */
    @Singleton
    @Requires(property = "gatehouse.fleet.enabled", value = "true")
    static final class Registration implements ApplicationEventListener<ServerStartupEvent> {
        private final MeterRegistry registry;
        private final InspectFleet fleet;
        private final InspectOutbox outbox;
        private final DiscordRunner discord;
        private final BeanProvider<CoordinateShards> coordinator;
        private volatile FleetMetrics registered;

        Registration(MeterRegistry registry, InspectFleet fleet, InspectOutbox outbox, DiscordRunner discord,
                BeanProvider<CoordinateShards> coordinator) {
            this.registry = registry;
            this.fleet = fleet;
            this.outbox = outbox;
            this.discord = discord;
            this.coordinator = coordinator;
        }

        @Override
        public synchronized void onApplicationEvent(ServerStartupEvent event) {
            if (registered != null) {
                return;
            }
            try {
                registered = register(registry, fleet, outbox, coordinator.get().shardCount(), discord::connectedShards);
            } catch (RuntimeException e) {
                LOG.warn("No fleet metrics: the fleet's shard count is unknown ({})", e.getMessage());
            }
        }
    }
}
