package dev.gatehouse.app;

import dev.gatehouse.discord.BotStatus;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * The {@code discord} component of {@code /manage/health}: UP while the bot is connected (or when no token is
 * configured, since then no bot is wanted), DOWN while it connects or reconnects, which makes the endpoint answer 503.
 */
@Singleton
class DiscordHealth implements HealthIndicator {
    private final DiscordRunner runner;

    DiscordHealth(DiscordRunner runner) {
        this.runner = runner;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(result(runner.status()));
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
