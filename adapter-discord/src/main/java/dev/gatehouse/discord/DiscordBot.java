package dev.gatehouse.discord;

import dev.gatehouse.core.event.VerificationListener;
import dev.gatehouse.core.model.RelayedNotice;
import dev.gatehouse.core.port.in.CoordinateShards;
import dev.gatehouse.core.port.in.DeliverMemberUpdates;
import dev.gatehouse.core.port.out.MemberAccess;
import dev.gatehouse.core.port.out.ShardLeases.RegistrationClaim;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.javacord.api.DiscordApi;
import org.javacord.api.DiscordApiBuilder;
import org.javacord.api.entity.intent.Intent;
import org.javacord.api.event.connection.LostConnectionEvent;
import org.javacord.api.event.connection.ReconnectEvent;
import org.javacord.api.event.connection.ResumeEvent;
import org.javacord.api.listener.connection.LostConnectionListener;
import org.javacord.api.listener.connection.ReconnectListener;
import org.javacord.api.listener.connection.ResumeListener;
import org.javacord.api.util.ratelimit.LocalRatelimiter;

/**
 * The Gatehouse Discord bot: logs in with Javacord, registers the slash commands, answers them through the
 * core's in-ports (asking for the question's answer and the user id in a form, kicking members who answer wrong too
 * often where the server wants it), gates messages, welcomes joining members (offering a Verify button by DM where
 * the server verifies on join), and drains the member-update outbox on a schedule, and posts notices about
 * verification events to the servers' log channels. Create it first so its
 * {@link #memberAccess()} and {@link #eventListener()} can be handed to the core, then {@link #start} it with the
 * core's ports; {@link #close()} stops it.
 *
 * <p>It never gives up on Discord: a login that fails (Discord refuses, answers 5xx, closes the socket before READY)
 * is tried again with a capped backoff, and while Javacord is still trying (an unreachable host) the bot waits for it
 * rather than abandoning it. Its own threads live from {@link #start} to {@link #stop()}, so a late connection is a
 * whole bot, never half of one. {@link #status()} says where it stands.
 *
 * <p>Gateway intents: the non-privileged ones plus {@code GUILD_MEMBERS}, which must be enabled for the bot
 * in the Discord developer portal (Bot → Privileged Gateway Intents → Server Members Intent), or Discord
 * closes the connection with 4014. {@code MESSAGE_CONTENT} is not needed: the gate deletes by author.
 *
 * <p>In a fleet ({@link #createSharded}) it connects one client per shard the fleet gives this instance, so each
 * guild's events reach exactly one instance; member updates and log notices go through the client of the guild's
 * shard, and the slash commands are registered by the first instance to claim this build's command set.
 */
public final class DiscordBot implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DiscordBot.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final BotSettings settings;
    private final Supplier<DiscordApiBuilder> connection;
    private final DiscordMemberAccess memberAccess;
    private final LogNotices notices = new LogNotices();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final Clock clock = Clock.systemUTC();

    private BotStatus status = new BotStatus.NotStarted();
    private DiscordApi api;
    private ExecutorService work;
    private ScheduledExecutorService delivery;
    private ScheduledExecutorService supervisor;
    private ScheduledFuture<?> draining;
    private InteractionRouter interactions;
    private MessageGate gate;
    private MemberJoins joins;
    private volatile BotPorts ports;
    private final CoordinateShards fleet;
    private final Duration fleetHeartbeat;
    private final java.util.function.IntFunction<DeliverMemberUpdates> deliveriesByShard;
    private volatile ShardGateway shards;
    private boolean routed;
    private final FleetShareRatelimiter globalShare;

    private DiscordBot(BotSettings settings, Supplier<DiscordApiBuilder> connection, CoordinateShards fleet, Duration fleetHeartbeat,
            java.util.function.IntFunction<DeliverMemberUpdates> deliveriesByShard) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.memberAccess = new DiscordMemberAccess(settings.discordTimeout());
        this.fleet = fleet;
        this.fleetHeartbeat = fleetHeartbeat;
        this.deliveriesByShard = deliveriesByShard;
        this.globalShare = new FleetShareRatelimiter(this::connectedShardCount, fleet == null ? () -> 1 : fleet::shardCount,
                FleetShareRatelimiter.Time.SYSTEM);
    }

    private DiscordBot(BotSettings settings, Supplier<DiscordApiBuilder> connection) {
        this(settings, connection, null, null, null);
    }

    /**
     * A bot of a fleet: every {@code heartbeat} it asks {@code fleet} which shards are this instance's and connects
     * only those (one Javacord client each, from {@code connection}), and drains the outbox of those shards only,
     * through {@code deliveriesByShard} (the core's delivery for shard <i>i</i> of the fleet's count; the ports'
     * own {@code deliveries} are not used). {@link #start} returns at once, since an instance may own no shard yet.
     */
    public static DiscordBot createSharded(BotSettings settings, Supplier<DiscordApiBuilder> connection,
            CoordinateShards fleet, Duration heartbeat, java.util.function.IntFunction<DeliverMemberUpdates> deliveriesByShard) {
        return new DiscordBot(settings, connection, Objects.requireNonNull(fleet, "fleet"),
                Objects.requireNonNull(heartbeat, "heartbeat"), Objects.requireNonNull(deliveriesByShard, "deliveriesByShard"));
    }

    /** A bot that connects to Discord with the settings' token. */
    public static DiscordBot create(BotSettings settings) {
        return new DiscordBot(settings, () -> new DiscordApiBuilder().setToken(settings.token()));
    }

    /**
     * A bot that connects with builders from {@code connection}, which set the token and any transport
     * options (a proxy, or a fake Discord in tests). The bot adds its intents and listeners to each; it asks for a
     * new builder for every login attempt.
     */
    public static DiscordBot create(BotSettings settings, Supplier<DiscordApiBuilder> connection) {
        return new DiscordBot(settings, connection);
    }

    /**
     * Applies member updates through this bot's connection; hand it to the core. Until the bot has started
     * (and after it stopped) every update fails for now and is retried later.
     */
    public MemberAccess memberAccess() {
        return memberAccess;
    }

    /**
     * Posts log channel notices for the core's events; register it once with the core
     * ({@code gatehouse.addListener(bot.eventListener())} or the builder's {@code listener(...)}). It only queues
     * the event and never throws; events arriving while the bot isn't running are dropped (the core's audit log
     * keeps them). The same listener serves every later {@link #start}, so register it once, not per start.
     */
    public VerificationListener eventListener() {
        return notices;
    }

    /**
     * Starts connecting and waits up to the login timeout for the first connection. Once connected it registers the
     * slash commands (one bulk overwrite, so restarts are idempotent; retried if Discord refuses), attaches the
     * listeners, drains member updates and posts log channel notices. If the connection isn't there in time this
     * returns anyway and the bot goes on trying in the background; the returned status says which.
     *
     * @throws IllegalStateException if the bot was started before
     */
    public BotStatus start(BotPorts corePorts) {
        synchronized (this) {
            if (!(status instanceof BotStatus.NotStarted)) {
                throw new IllegalStateException("the bot was already started; create a new one after stop()");
            }
            this.ports = Objects.requireNonNull(corePorts, "corePorts");
            work = Executors.newFixedThreadPool(4, daemonThreads("gatehouse-discord"));
            delivery = Executors.newSingleThreadScheduledExecutor(daemonThreads("gatehouse-discord-delivery"));
            supervisor = Executors.newSingleThreadScheduledExecutor(daemonThreads("gatehouse-discord-connect"));
            interactions = InteractionRouter.standard(new BotContext(corePorts, settings, work, this::deliverSoon, notices,
                    VerifyFlow.DECISION_BUDGET));
            gate = new MessageGate(corePorts.gate());
            joins = new MemberJoins(corePorts.welcome(), corePorts.unverifiedMembers(), work, this::deliverSoon);
            setStatus(new BotStatus.Connecting(1, clock.instant(), Optional.empty()));
            if (fleet != null) {
                notices.connect(this::shardOf, corePorts.guilds(), fleet::relayNotice);
                shards = new ShardGateway(fleet, this::loginShard, new ShardEvents(), fleetHeartbeat, settings.discordTimeout());
                shards.start();
                return status;
            }
            supervisor.execute(() -> attempt(1));
        }
        return awaitConnected(settings.loginTimeout());
    }

    /** Where the connection stands now. */
    public synchronized BotStatus status() {
        return status;
    }

    /** Waits until the bot is connected or stopped, at most {@code timeout}, and returns the status then. */
    public synchronized BotStatus awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            long left = timeout.toNanos();
            while (left > 0 && !(status instanceof BotStatus.Connected) && !(status instanceof BotStatus.Stopped)) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
                left = deadline - System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status;
    }

    /**
     * The shards connected on this instance now, each with the latest gateway heartbeat latency (empty until the
     * first heartbeat was acknowledged). A bot made with {@link #create} reports its one connection as shard 0.
     */
    public Map<Integer, Optional<Duration>> connectedShards() {
        Map<Integer, DiscordApi> connected;
        if (fleet != null) {
            ShardGateway current = shards;
            connected = current == null ? Map.of() : current.connected();
        } else {
            DiscordApi current;
            synchronized (this) {
                current = status instanceof BotStatus.Connected ? api : null;
            }
            connected = current == null ? Map.of() : Map.of(0, current);
        }
        Map<Integer, Optional<Duration>> latencies = new java.util.TreeMap<>();
        connected.forEach((shard, client) -> latencies.put(shard, latency(client)));
        return latencies;
    }

    private static Optional<Duration> latency(DiscordApi client) {
        Duration latency = client.getLatestGatewayLatency();
        return latency == null || latency.isNegative() || latency.isZero() ? Optional.empty() : Optional.of(latency);
    }

    /** Whether the bot is connected to Discord right now. */
    public synchronized boolean isRunning() {
        return status instanceof BotStatus.Connected;
    }

    /** Stops connecting and draining, disconnects from Discord and stops the bot's threads. Safe to call twice. */
    public void stop() {
        DiscordApi connected;
        synchronized (this) {
            if (status instanceof BotStatus.Stopped) {
                return;
            }
            setStatus(new BotStatus.Stopped());
            connected = api;
            api = null;
        }
        if (supervisor != null) {
            supervisor.shutdownNow();
        }
        memberAccess.disconnect();
        notices.disconnect(settings.discordTimeout());
        if (delivery != null) {
            delivery.shutdownNow();
        }
        if (shards != null) {
            shards.close();
        } else if (connected != null) {
            disconnect(connected);
        }
        if (work != null) {
            work.shutdown();
            try {
                if (!work.awaitTermination(settings.discordTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    work.shutdownNow();
                }
            } catch (InterruptedException e) {
                work.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The wait before login attempt {@code attempt + 1}, and between Javacord's reconnects: 1 s doubling, capped. */
    static Duration retryDelay(int attempt, Duration cap) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    private void attempt(int number) {
        CompletableFuture<DiscordApi> login;
        try {
            login = connection.get()
                    .setAllNonPrivilegedIntentsAnd(Intent.GUILD_MEMBERS)
                    .addListener(interactions)
                    .addListener(gate)
                    .addListener(joins)
                    .addListener(new ConnectionWatch())
                    .login();
        } catch (RuntimeException e) {
            retryLater(number, describe(e));
            return;
        }
        login.whenComplete((connected, failure) -> {
            if (failure != null) {
                retryLater(number, describe(failure));
            } else {
                onSupervisor(() -> finishConnecting(connected));
            }
        });
        onSupervisor(() -> {
            if (!login.isDone()) {
                LOG.log(System.Logger.Level.WARNING, "The bot is still not connected to Discord after " + settings.loginTimeout()
                        + " (attempt " + number + "); Javacord keeps trying. Check that this machine reaches discord.com "
                        + "(or the proxy in gatehouse.discord.proxy / https.proxyHost) and that the token is right.");
            }
        }, settings.loginTimeout());
    }

    private CompletableFuture<DiscordApi> loginShard(int shard, int shardCount) {
        // the fleet reserved this login's IDENTIFY slot, so it goes at once; Javacord's JVM-wide default limiter would
        // send it up to 5.5 s after the slot, into another instance's turn. Its own re-identifies keep 5.5 s apart.
        return connection.get()
                .setGatewayIdentifyRatelimiter(new LocalRatelimiter(1, Duration.ofMillis(5_500)))
                .setGlobalRatelimiter(globalShare)
                .setTotalShards(shardCount)
                .setCurrentShard(shard)
                .setAllNonPrivilegedIntentsAnd(Intent.GUILD_MEMBERS)
                .addListener(interactions)
                .addListener(gate)
                .addListener(joins)
                .login();
    }

    private int connectedShardCount() {
        ShardGateway current = shards;
        return current == null ? 0 : current.connectedCount();
    }

    private DiscordApi shardOf(long guildId) {
        ShardGateway current = shards;
        return current == null ? null : current.connected().get((int) ((guildId >> 22) % fleet.shardCount()));
    }

    private void shardConnected(DiscordApi connected) {
        boolean first;
        synchronized (this) {
            if (status instanceof BotStatus.Stopped) {
                return;
            }
            first = !routed;
            routed = true;
            if (api == null) {
                api = connected;
            }
        }
        connected.setReconnectDelay(attempt -> (int) retryDelay(attempt, settings.maxReconnectDelay()).toSeconds());
        if (first) {
            memberAccess.connect(this::shardOf);
            if (fleet.claimCommandRegistration(interactions.commandSetHash()) instanceof RegistrationClaim.AlreadyClaimed earlier) {
                LOG.log(System.Logger.Level.INFO, "The slash commands of this build were registered by " + earlier.by()
                        + " at " + earlier.at() + "; not registering them again");
            } else {
                registerCommands(connected, 1);
            }
        }
        synchronized (this) {
            if (status instanceof BotStatus.Stopped) {
                return;
            }
            setStatus(new BotStatus.Connected(connected.getYourself().getName(), shards.connected().values().stream()
                    .mapToInt(shard -> shard.getServers().size()).sum(), clock.instant()));
            if (draining == null) {
                draining = delivery.scheduleWithFixedDelay(this::drain, 0, settings.deliveryInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
        deliverSoon();
        joins.reportPresent(connected);
    }

    private synchronized void shardDisconnected(int shard, DiscordApi gone) {
        if (api != gone || status instanceof BotStatus.Stopped) {
            return;
        }
        api = shards.connected().entrySet().stream().filter(e -> e.getKey() != shard).map(java.util.Map.Entry::getValue)
                .findFirst().orElse(null);
        if (api == null) {
            setStatus(new BotStatus.Reconnecting(clock.instant()));
        }
    }

    /** Follows the shards the fleet gives and takes from this instance. */
    private final class ShardEvents implements ShardGateway.ShardListener {
        @Override
        public void connected(int shard, DiscordApi connected) {
            onSupervisor(() -> shardConnected(connected));
        }

        @Override
        public void disconnected(int shard, DiscordApi gone) {
            shardDisconnected(shard, gone);
        }
    }

    private void retryLater(int failed, String reason) {
        Duration wait = retryDelay(failed, settings.maxReconnectDelay());
        synchronized (this) {
            if (status instanceof BotStatus.Stopped) {
                return;
            }
            setStatus(new BotStatus.Connecting(failed + 1, clock.instant(), Optional.of(reason)));
        }
        LOG.log(System.Logger.Level.WARNING, "The bot could not connect to Discord (" + reason + "); trying again in "
                + wait.toSeconds() + " s. Check GATEHOUSE_DISCORD_TOKEN, the Server Members Intent in the developer portal, "
                + "and the network or proxy.");
        onSupervisor(() -> attempt(failed + 1), wait);
    }

    private void finishConnecting(DiscordApi connected) {
        synchronized (this) {
            if (status instanceof BotStatus.Stopped) {
                disconnect(connected);
                return;
            }
            api = connected;
        }
        connected.setReconnectDelay(attempt -> (int) retryDelay(attempt, settings.maxReconnectDelay()).toSeconds());
        memberAccess.connect(connected);
        notices.connect(connected, ports.guilds());
        registerCommands(connected, 1);
        synchronized (this) {
            if (status instanceof BotStatus.Stopped) {
                return;
            }
            setStatus(new BotStatus.Connected(connected.getYourself().getName(), connected.getServers().size(), clock.instant()));
            if (draining == null) {
                draining = delivery.scheduleWithFixedDelay(this::drain, 0, settings.deliveryInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
        deliverSoon();
        joins.reportPresent(connected);
        LOG.log(System.Logger.Level.INFO, "Gatehouse bot connected as " + connected.getYourself().getName() + " in "
                + connected.getServers().size() + " servers");
    }

    private void registerCommands(DiscordApi connected, int attempt) {
        try {
            connected.bulkOverwriteGlobalApplicationCommands(interactions.schemas())
                    .get(settings.discordTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Duration wait = retryDelay(attempt, settings.maxReconnectDelay());
            LOG.log(System.Logger.Level.WARNING, "Registering the slash commands failed (" + describe(e) + "); trying again in "
                    + wait.toSeconds() + " s");
            onSupervisor(() -> {
                if (isCurrent(connected)) {
                    registerCommands(connected, attempt + 1);
                }
            }, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean isCurrent(DiscordApi connected) {
        return api == connected;
    }

    private void onSupervisor(Runnable task) {
        onSupervisor(task, Duration.ZERO);
    }

    private void onSupervisor(Runnable task, Duration delay) {
        ScheduledExecutorService current;
        synchronized (this) {
            current = supervisor;
        }
        try {
            current.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "the bot's connection supervisor failed; restart Gatehouse if the bot "
                            + "stays offline", e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "the bot is stopping; not scheduling more connection work");
        }
    }

    private void setStatus(BotStatus next) {
        status = next;
        notifyAll();
    }

    private void disconnect(DiscordApi connected) {
        try {
            connected.disconnect().get(settings.discordTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "disconnecting from Discord did not finish cleanly", e);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "Javacord shut its pool before scheduling its disconnect fallback; disconnected", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drain now rather than at the next tick (after a join, link or unlink queued updates, or a reconnect). */
    private void deliverSoon() {
        ScheduledExecutorService current = delivery;
        if (current != null && drainPending.compareAndSet(false, true)) {
            try {
                current.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drainPending.set(false);
            }
        }
    }

    private void drain() {
        drainPending.set(false);
        int batch = settings.deliveryBatch();
        try {
            if (fleet != null) {
                ShardGateway current = shards;
                for (int shard : current == null ? java.util.Set.<Integer>of() : current.connected().keySet()) {
                    DeliverMemberUpdates deliveries = deliveriesByShard.apply(shard);
                    while (deliveries.deliverDue(batch).attempted() == batch && !Thread.currentThread().isInterrupted()) {
                        Thread.yield();
                    }
                    postRelayedNotices(shard, batch);
                }
                return;
            }
            while (ports.deliveries().deliverDue(batch).attempted() == batch && !Thread.currentThread().isInterrupted()) {
                Thread.yield();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "delivering member updates failed (" + describe(e) + "); next try at the next tick");
        }
    }

    /** Posts the notices other instances relayed for {@code shard}'s servers (this instance owns it). */
    private void postRelayedNotices(int shard, int batch) {
        List<RelayedNotice> taken;
        do {
            taken = fleet.claimNotices(shard, batch);
            taken.forEach(notice -> {
                LOG.log(System.Logger.Level.INFO, "Posting a log channel notice relayed for server " + notice.guild());
                notices.postRelayed(notice.guild(), notice.channel(), notice.text(), () -> settle(notice));
            });
        } while (taken.size() == batch && !Thread.currentThread().isInterrupted());
    }

    private void settle(RelayedNotice notice) {
        try {
            fleet.noticePosted(notice);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a posted relayed notice could not be marked posted (" + describe(e)
                    + "); another owner may post it again once its claim runs out");
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Follows the gateway connection once logged in: Javacord reconnects by itself; this keeps the status true. */
    private final class ConnectionWatch implements LostConnectionListener, ReconnectListener, ResumeListener {
        @Override
        public void onLostConnection(LostConnectionEvent event) {
            synchronized (DiscordBot.this) {
                if (!(status instanceof BotStatus.Connected) || api != event.getApi()) {
                    return;
                }
                setStatus(new BotStatus.Reconnecting(clock.instant()));
            }
            LOG.log(System.Logger.Level.WARNING, "Lost the connection to Discord; reconnecting");
        }

        @Override
        public void onReconnect(ReconnectEvent event) {
            regained(event.getApi());
        }

        @Override
        public void onResume(ResumeEvent event) {
            regained(event.getApi());
        }

        private void regained(DiscordApi connected) {
            synchronized (DiscordBot.this) {
                if (!(status instanceof BotStatus.Reconnecting) || api != connected) {
                    return;
                }
                setStatus(new BotStatus.Connected(connected.getYourself().getName(), connected.getServers().size(), clock.instant()));
            }
            LOG.log(System.Logger.Level.INFO, "Reconnected to Discord");
            deliverSoon();
        }
    }
}
