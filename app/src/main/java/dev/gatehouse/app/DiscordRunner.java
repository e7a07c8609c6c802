package dev.gatehouse.app;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.CoordinateShards;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.WelcomeMembers;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import dev.gatehouse.discord.BotPorts;
import dev.gatehouse.discord.BotSettings;
import dev.gatehouse.discord.BotStatus;
import dev.gatehouse.discord.DiscordBot;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.javacord.api.DiscordApiBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Discord bot once the web server is up, if {@code gatehouse.discord.token} is set; otherwise
 * says how to add one. The bot connects in the background and keeps trying until Discord answers, so the link
 * pages serve meanwhile; {@link #status()} feeds the {@code discord} health component. Created at start-up, so a
 * bad {@code gatehouse.discord.*} setting stops the process before it serves. Operator commands never start the
 * bot (they start no server).
 */
@Context
class DiscordRunner implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordRunner.class);

    private final Optional<String> token;
    private final Shard shard;
    private final BotSettingsFactory settings;
    private final Optional<Proxy> proxy;
    private final Gatehouse gatehouse;
    private final RequestVerification verification;
    private final GateMessages gate;
    private final WelcomeMembers welcome;
    private final AdministerGuild administration;
    private final ReviewWrongAnswers wrongAnswers;
    private final Optional<DiscordConnection> connection;
    /** Lazy: the coordinator asks Discord for its shard advice, which operator commands must not do. */
    private final BeanProvider<CoordinateShards> fleet;
    private final Duration fleetHeartbeat;
    private volatile DiscordBot bot;

    DiscordRunner(@Nullable @Value("${gatehouse.discord.token:}") String token,
                  @Value("${gatehouse.discord.shard-index:0}") int shardIndex,
                  @Value("${gatehouse.discord.shard-count:1}") int shardCount,
                  @Value("${gatehouse.discord.login-timeout:2m}") Duration loginTimeout,
                  @Value("${gatehouse.discord.max-reconnect-delay:30s}") Duration maxReconnectDelay,
                  @Nullable @Value("${gatehouse.discord.proxy:}") String proxy,
                  Gatehouse gatehouse, RequestVerification verification, GateMessages gate, WelcomeMembers welcome,
                  AdministerGuild administration, ReviewWrongAnswers wrongAnswers, Optional<DiscordConnection> connection,
                  BeanProvider<CoordinateShards> fleet, @Value("${gatehouse.fleet.heartbeat:5s}") Duration fleetHeartbeat) {
        this.token = Optional.ofNullable(token).map(String::strip).filter(t -> !t.isEmpty());
        this.shard = shard(shardIndex, shardCount);
        this.settings = botSettings(loginTimeout, maxReconnectDelay);
        this.proxy = proxy(proxy);
        this.gatehouse = gatehouse;
        this.verification = verification;
        this.gate = gate;
        this.welcome = welcome;
        this.administration = administration;
        this.wrongAnswers = wrongAnswers;
        this.connection = connection;
        this.fleet = fleet;
        this.fleetHeartbeat = fleetHeartbeat;
    }

    /** Builds the bot's settings from a token, so the timeouts are checked at start-up even without one. */
    @FunctionalInterface
    private interface BotSettingsFactory {
        BotSettings forToken(String token);
    }

    /** The bot's connection, or empty when no token is configured (no bot is wanted). */
    Optional<BotStatus> status() {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        DiscordBot running = bot;
        return Optional.of(running == null ? new BotStatus.NotStarted() : running.status());
    }

    /** Waits up to {@code timeout} for the bot to connect, and returns its status then (empty with no token). */
    Optional<BotStatus> awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (token.isPresent() && bot == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        DiscordBot running = bot;
        if (running != null) {
            running.awaitConnected(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return status();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (token.isEmpty()) {
            LOG.warn("No Discord token configured: the link pages and operator commands work, but no bot is connected. "
                    + "Create a bot in the Discord developer portal, enable its Server Members Intent, and set "
                    + "GATEHOUSE_DISCORD_TOKEN (see the README).");
            return;
        }
        Thread starter = new Thread(this::startBot, "gatehouse-discord-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void startBot() {
        try {
            String secret = token.orElseThrow();
            DiscordBot[] self = new DiscordBot[1];
            DiscordBot started = fleet.isPresent()
                    ? DiscordBot.createSharded(settings.forToken(secret), () -> builder(secret), fleet.get(), fleetHeartbeat,
                            index -> gatehouse.deliverMemberUpdatesVia(self[0].memberAccess(), new Shard(index, fleet.get().shardCount())))
                    : DiscordBot.create(settings.forToken(secret), () -> builder(secret));
            self[0] = started;
            gatehouse.addListener(started.eventListener());
            bot = started;
            BotStatus status = started.start(new BotPorts(verification, gate, welcome, administration, wrongAnswers,
                    gatehouse.deliverMemberUpdatesVia(started.memberAccess(), shard), gatehouse.administration()::serversOf,
                    gatehouse.importDirectory(), gatehouse.personalData(), gatehouse.unverifiedMembers()));
            if (fleet.isPresent()) {
                LOG.info("The Discord bot runs as one instance of a fleet: it connects the shards the fleet gives it");
            } else if (!(status instanceof BotStatus.Connected)) {
                LOG.warn("The Discord bot is not connected yet ({}); it keeps trying, and /manage/health shows it as DOWN "
                        + "until it is. The link pages work meanwhile.", status);
            }
        } catch (RuntimeException | Error e) {
            LOG.error("The Discord bot could not be started ({}). The link pages keep running; fix the cause and restart "
                    + "Gatehouse to bring the bot up.", e.toString(), e);
        }
    }

    private DiscordApiBuilder builder(String secret) {
        DiscordApiBuilder builder = connection.map(c -> c.newBuilder(secret)).orElseGet(() -> new DiscordApiBuilder().setToken(secret));
        proxy.ifPresent(builder::setProxy);
        return builder;
    }

    @PreDestroy
    void stop() {
        DiscordBot running = bot;
        if (running != null) {
            running.stop();
        }
    }

    private static Shard shard(int index, int count) {
        try {
            return new Shard(index, count);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gatehouse.discord.shard-index must be at least 0 and below "
                    + "gatehouse.discord.shard-count (at least 1); got index " + index + " of " + count);
        }
    }

    private static BotSettingsFactory botSettings(Duration loginTimeout, Duration maxReconnectDelay) {
        BotSettingsFactory factory = secret -> BotSettings.of(secret).withLoginTimeout(loginTimeout).withMaxReconnectDelay(maxReconnectDelay);
        try {
            factory.forToken("settings-check");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gatehouse.discord.login-timeout / max-reconnect-delay: " + e.getMessage());
        }
        return factory;
    }

    /** {@code host:port} of an HTTP proxy for Discord's REST API and gateway, or empty for none. */
    static Optional<Proxy> proxy(String setting) {
        if (setting == null || setting.isBlank()) {
            return Optional.empty();
        }
        String value = setting.strip();
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            port = -1;
        }
        if (host.isBlank() || host.contains("/") || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("gatehouse.discord.proxy must be host:port of an HTTP proxy, got '" + value + "'");
        }
        return Optional.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port)));
    }

    /** The shards the bot has connected here, each with its latest gateway latency; empty without a bot. */
    Map<Integer, Optional<Duration>> connectedShards() {
        DiscordBot current = bot;
        return current == null ? Map.of() : current.connectedShards();
    }

    /** Whether this instance runs as one of a fleet ({@code gatehouse.fleet.enabled}). */
    boolean inFleet() {
        return fleet.isPresent();
    }
}
