package dev.gatehouse.app;

import dev.gatehouse.core.model.ShardLease;
import dev.gatehouse.core.port.in.InspectFleet;
import dev.gatehouse.discord.BotStatus;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.reactivestreams.Publisher;

/**
 * The {@code discord} component of {@code /manage/health}: UP while the bot is connected (or when no token is
 * configured, since then no bot is wanted), DOWN while it connects or reconnects, which makes the endpoint answer 503.
 * In fleet mode it is UP once every shard whose lease this instance holds is connected here, also when it holds none
 * (a standby instance serves the link pages and takes shards over), so a readiness probe on it never waits for a
 * shard the fleet gave someone else.
 */
@Singleton
class DiscordHealth implements HealthIndicator {
    private final DiscordRunner runner;
    private final InspectFleet fleet;

    DiscordHealth(DiscordRunner runner, InspectFleet fleet) {
        this.runner = runner;
        this.fleet = fleet;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Optional<BotStatus> bot = runner.status();
        if (runner.inFleet() && bot.isPresent() && !(bot.get() instanceof BotStatus.NotStarted)
                && !(bot.get() instanceof BotStatus.Stopped)) {
            return Publishers.just(fleetResult(held(), runner.connectedShards().keySet()));
        }
        return Publishers.just(result(bot));
    }

    private Optional<Set<Integer>> held() {
        try {
            return Optional.of(fleet.fleet().leases().stream().filter(lease -> lease.owner().equals(fleet.instance()))
                    .map(ShardLease::shard).collect(Collectors.toCollection(TreeSet::new)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** UP when every shard this instance holds ({@code held}, empty if unreadable) is {@code connected}. */
    static HealthResult fleetResult(Optional<Set<Integer>> held, Set<Integer> connected) {
        Map<String, Object> details = new LinkedHashMap<>();
        HealthStatus health = HealthStatus.DOWN;
        if (held.isEmpty()) {
            details.put("state", "fleet: the shard leases can't be read");
        } else {
            Set<Integer> waiting = new TreeSet<>(held.get());
            waiting.removeAll(connected);
            health = waiting.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN;
            details.put("state", held.get().isEmpty() ? "fleet: standby, no shard held"
                    : waiting.isEmpty() ? "fleet: every held shard connected" : "fleet: connecting shards " + waiting);
            details.put("held", List.copyOf(held.get()));
            details.put("connected", List.copyOf(new TreeSet<>(connected)));
        }
        return HealthResult.builder("discord", health).details(details).build();
    }

    static HealthResult result(Optional<BotStatus> bot) {
        Map<String, Object> details = new LinkedHashMap<>();
        HealthStatus health = HealthStatus.DOWN;
        if (bot.isEmpty()) {
            health = HealthStatus.UP;
            details.put("state", "no token configured: no bot");
        } else if (bot.get() instanceof BotStatus.Connected connected) {
            health = HealthStatus.UP;
            details.put("state", "connected");
            details.put("bot", connected.botName());
            details.put("servers", connected.servers());
            details.put("since", connected.since().toString());
        } else if (bot.get() instanceof BotStatus.Connecting connecting) {
            details.put("state", "connecting");
            details.put("attempt", connecting.attempt());
            details.put("since", connecting.since().toString());
            connecting.lastFailure().ifPresent(reason -> details.put("lastFailure", reason));
        } else if (bot.get() instanceof BotStatus.Reconnecting reconnecting) {
            details.put("state", "reconnecting");
            details.put("since", reconnecting.since().toString());
        } else if (bot.get() instanceof BotStatus.NotStarted) {
            details.put("state", "starting");
        } else {
            details.put("state", "stopped");
        }
        return HealthResult.builder("discord", health).details(details).build();
    }
}
