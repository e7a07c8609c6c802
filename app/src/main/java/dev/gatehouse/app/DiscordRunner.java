package dev.gatehouse.app;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.ReviewWrongAnswers;
import dev.gatehouse.core.port.in.GateMessages;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.WelcomeMembers;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import dev.gatehouse.discord.BotPorts;
import dev.gatehouse.discord.BotSettings;
import dev.gatehouse.discord.DiscordBot;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.javacord.api.DiscordApiBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Discord bot once the web server is up, if {@code gatehouse.discord.token} is set; otherwise
 * says how to add one. The bot logs in on its own thread, so the link pages serve meanwhile and keep serving
 * if it can't connect. Operator commands never start the bot (they start no server).
 */
@Singleton
class DiscordRunner implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordRunner.class);

    private final Optional<String> token;
    private final Shard shard;
    private final Gatehouse gatehouse;
    private final RequestVerification verification;
    private final GateMessages gate;
    private final WelcomeMembers welcome;
    private final AdministerGuild administration;
    private final ReviewWrongAnswers wrongAnswers;
    private final Optional<DiscordConnection> connection;
    private final Duration loginTimeout;
    private final CompletableFuture<BotState> startAttempt = new CompletableFuture<>();
    private volatile DiscordBot bot;

    DiscordRunner(@Nullable @Value("${gatehouse.discord.token:}") String token,
                  @Value("${gatehouse.discord.shard-index:0}") int shardIndex,
                  @Value("${gatehouse.discord.shard-count:1}") int shardCount,
                  @Value("${gatehouse.discord.login-timeout:2m}") Duration loginTimeout,
                  Gatehouse gatehouse, RequestVerification verification, GateMessages gate, WelcomeMembers welcome,
                  AdministerGuild administration, ReviewWrongAnswers wrongAnswers, Optional<DiscordConnection> connection) {
        this.token = Optional.ofNullable(token).map(String::strip).filter(t -> !t.isEmpty());
        this.shard = new Shard(shardIndex, shardCount);
        this.loginTimeout = loginTimeout;
        this.gatehouse = gatehouse;
        this.verification = verification;
        this.gate = gate;
        this.welcome = welcome;
        this.administration = administration;
        this.wrongAnswers = wrongAnswers;
        this.connection = connection;
    }

    /** How the bot's start went. */
    enum BotState {
        NO_TOKEN,
        CONNECTED,
        FAILED
    }

    /** Completes when the bot connected or gave up; the server doesn't wait for it. */
    CompletableFuture<BotState> startAttempt() {
        return startAttempt;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        Thread starter = new Thread(() -> startAttempt.complete(startBot()), "gatehouse-discord-start");
        starter.setDaemon(true);
        starter.start();
    }

    private BotState startBot() {
        if (token.isEmpty()) {
            LOG.warn("No Discord token configured: the link pages and operator commands work, but no bot is connected. "
                    + "Create a bot in the Discord developer portal, enable its Server Members Intent, and set "
                    + "GATEHOUSE_DISCORD_TOKEN (see the README).");
            return BotState.NO_TOKEN;
        }
        BotSettings defaults = BotSettings.of(token.get());
        BotSettings settings = new BotSettings(defaults.token(), defaults.deliveryInterval(), defaults.deliveryBatch(),
                defaults.discordTimeout(), loginTimeout, defaults.membersPageSize());
        DiscordBot started = connection
                .map(c -> DiscordBot.create(settings, () -> c.newBuilder(token.get())))
                .orElseGet(() -> DiscordBot.create(settings, () -> new DiscordApiBuilder().setToken(token.get())));
        gatehouse.addListener(started.eventListener());
        try {
            started.start(new BotPorts(verification, gate, welcome, administration, wrongAnswers,
                    gatehouse.deliverMemberUpdatesVia(started.memberAccess(), shard), gatehouse.stores().guilds()::ofTenant));
            bot = started;
            return BotState.CONNECTED;
        } catch (IllegalStateException e) {
            LOG.error("The Discord bot could not connect ({}). The link pages keep running; check GATEHOUSE_DISCORD_TOKEN, "
                    + "the Server Members Intent in the developer portal, and the network, then restart.", e.getMessage());
            return BotState.FAILED;
        }
    }

    @PreDestroy
    void stop() {
        DiscordBot running = bot;
        if (running != null) {
            running.stop();
        }
    }
}
