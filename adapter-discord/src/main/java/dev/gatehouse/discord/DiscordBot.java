package dev.gatehouse.discord;

import dev.gatehouse.core.event.VerificationListener;
import dev.gatehouse.core.port.out.MemberAccess;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.javacord.api.DiscordApi;
import org.javacord.api.DiscordApiBuilder;
import org.javacord.api.entity.intent.Intent;

/**
 * The Gatehouse Discord bot: logs in with Javacord, registers the slash commands, answers them through the
 * core's in-ports (asking for the question's answer and the user id in a form, kicking members who answer wrong too
 * often where the server wants it), gates messages, welcomes joining members (offering a Verify button by DM where
 * the server verifies on join), and drains the member-update outbox on a schedule, and posts notices about
 * verification events to the servers' log channels. Create it first so its
 * {@link #memberAccess()} and {@link #eventListener()} can be handed to the core, then {@link #start} it with the
 * core's ports; {@link #close()} stops it.
 *
 * <p>Gateway intents: the non-privileged ones plus {@code GUILD_MEMBERS}, which must be enabled for the bot
 * in the Discord developer portal (Bot → Privileged Gateway Intents → Server Members Intent), or Discord
 * closes the connection with 4014. {@code MESSAGE_CONTENT} is not needed: the gate deletes by author.
 */
public final class DiscordBot implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DiscordBot.class.getName());

    private final BotSettings settings;
    private final Supplier<DiscordApiBuilder> connection;
    private final DiscordMemberAccess memberAccess;
    private final LogNotices notices = new LogNotices();
    private final AtomicBoolean drainPending = new AtomicBoolean();

    private DiscordApi api;
    private ExecutorService work;
    private ScheduledExecutorService delivery;
    private volatile BotPorts ports;

    private DiscordBot(BotSettings settings, Supplier<DiscordApiBuilder> connection) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.memberAccess = new DiscordMemberAccess(settings.discordTimeout());
    }

    /** A bot that connects to Discord with the settings' token. */
    public static DiscordBot create(BotSettings settings) {
        return new DiscordBot(settings, () -> new DiscordApiBuilder().setToken(settings.token()));
    }

    /**
     * A bot that connects with builders from {@code connection}, which set the token and any transport
     * options (a proxy, or a fake Discord in tests). The bot adds its intents and listeners to each.
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
     * Logs in, registers the slash commands (one bulk overwrite, so restarts are idempotent), attaches the
     * listeners, starts draining member updates and starts posting log channel notices. Blocks until logged in, at
     * most the login timeout.
     *
     * @throws IllegalStateException if already started or if Discord can't be reached in time
     */
    public synchronized void start(BotPorts corePorts) {
        if (api != null) {
            throw new IllegalStateException("the bot is already running");
        }
        this.ports = Objects.requireNonNull(corePorts, "corePorts");
        work = Executors.newFixedThreadPool(4, daemonThreads("gatehouse-discord"));
        delivery = Executors.newSingleThreadScheduledExecutor(daemonThreads("gatehouse-discord-delivery"));
        Interactions interactions = new Interactions(corePorts, settings, work, this::deliverSoon, notices, VerifyFlow.DECISION_BUDGET);
        DiscordApiBuilder builder = connection.get()
                .setAllNonPrivilegedIntentsAnd(Intent.GUILD_MEMBERS)
                .addListener(interactions)
                .addListener(new MessageGate(corePorts.gate()))
                .addListener(new MemberJoins(corePorts.welcome(), work, this::deliverSoon));
        try {
            DiscordApi connected = builder.login().get(settings.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
            api = connected;
            connected.bulkOverwriteGlobalApplicationCommands(Commands.all())
                    .get(settings.discordTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            shutDown();
            throw new IllegalStateException("could not connect the bot to Discord: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutDown();
            throw new IllegalStateException("interrupted while connecting to Discord", e);
        }
        memberAccess.connect(api);
        notices.connect(api, corePorts.guilds());
        delivery.scheduleWithFixedDelay(this::drain, 0, settings.deliveryInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "Gatehouse bot connected as " + api.getYourself().getName() + " in "
                + api.getServers().size() + " servers");
    }

    public synchronized boolean isRunning() {
        return api != null;
    }

    /** Stops draining, disconnects from Discord and stops the bot's threads. Safe to call twice. */
    public synchronized void stop() {
        shutDown();
    }

    @Override
    public void close() {
        stop();
    }

    private void shutDown() {
        memberAccess.disconnect();
        notices.disconnect(settings.discordTimeout());
        if (delivery != null) {
            delivery.shutdownNow();
            delivery = null;
        }
        if (api != null) {
            try {
                api.disconnect().get(settings.discordTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "disconnecting from Discord did not finish cleanly", e);
            } catch (RejectedExecutionException e) {
                LOG.log(System.Logger.Level.DEBUG, "Javacord shut its pool before scheduling its disconnect fallback; disconnected", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            api = null;
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
            work = null;
        }
    }

    /** Drain now rather than at the next tick (after a join, link or unlink queued updates). */
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
            while (ports.deliveries().deliverDue(batch).attempted() == batch && !Thread.currentThread().isInterrupted()) {
                Thread.yield();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "delivering member updates failed; next try at the next tick", e);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
