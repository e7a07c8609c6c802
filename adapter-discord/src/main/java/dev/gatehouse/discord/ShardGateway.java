package dev.gatehouse.discord;

import dev.gatehouse.core.port.in.CoordinateShards;
import dev.gatehouse.core.port.in.CoordinateShards.ShardPlan;
import dev.gatehouse.core.port.out.ShardLeases.IdentifySlot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.javacord.api.DiscordApi;

/**
 * Drives one Javacord {@link DiscordApi} per shard this instance owns, as {@link CoordinateShards} decides: every
 * heartbeat it ticks the coordinator, logs in the shards it was given (when the fleet-wide identify pacing allows),
 * and for a shard it hands over it disconnects first and releases the lease after (a login still under way is
 * finished and disconnected first), so the next owner never overlaps. A watchdog thread disconnects every shard when
 * the leases could not be renewed in time (the store unreachable or hanging, the process paused). Stopping disconnects every shard, then leaves the fleet. Thread-safe; all work runs on one thread.
 */
final class ShardGateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ShardGateway.class.getName());

    /** Logs in one shard of {@code shardCount}. */
    @FunctionalInterface
    interface ShardLogin {
        CompletableFuture<DiscordApi> login(int shard, int shardCount);
    }

    /** Told when a shard's connection starts or ends being this instance's. */
    interface ShardListener {
        void connected(int shard, DiscordApi api);

        void disconnected(int shard, DiscordApi api);
    }

    private final CoordinateShards coordinator;
    private final ShardLogin login;
    private final ShardListener listener;
    private final Duration heartbeat;
    private final Duration discordTimeout;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gatehouse-shards");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gatehouse-shards-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Integer, DiscordApi> connected = new TreeMap<>();
    /** Read without the lock: Javacord's REST threads ask for it while a login may hold the lock. */
    private volatile int connectedCount;
    private final Set<Integer> connecting = new HashSet<>();
    private Set<Integer> owned = Set.of();
    private boolean stopped;

    ShardGateway(CoordinateShards coordinator, ShardLogin login, ShardListener listener, Duration heartbeat, Duration discordTimeout) {
        this.coordinator = coordinator;
        this.login = login;
        this.listener = listener;
        this.heartbeat = heartbeat;
        this.discordTimeout = discordTimeout;
    }

    /** Starts ticking now and every heartbeat. */
    void start() {
        ticks.scheduleWithFixedDelay(this::tickSafely, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        long check = Math.max(50, heartbeat.toMillis() / 4);
        watchdog.scheduleWithFixedDelay(this::fenceIfStale, check, check, TimeUnit.MILLISECONDS);
    }

    /** On its own thread, since a tick may hang on an unreachable store: lets go of every shard before the leases lapse. */
    private void fenceIfStale() {
        try {
            if (!coordinator.watchdog().fenced()) {
                return;
            }
            Map<Integer, DiscordApi> all;
            synchronized (this) {
                all = Map.copyOf(connected);
                connected.clear();
                connectedCount = 0;
                owned = Set.of();
            }
            LOG.log(System.Logger.Level.WARNING, "The shard leases could not be renewed in time; disconnecting shards "
                    + all.keySet() + " before another instance may take them over");
            all.forEach((shard, api) -> {
                listener.disconnected(shard, api);
                disconnect(api);
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the shard watchdog failed (" + e.getMessage() + ")");
        }
    }

    /** How many shards are connected right now; never waits. */
    int connectedCount() {
        return connectedCount;
    }

    /** The shards connected right now, with their clients. */
    synchronized Map<Integer, DiscordApi> connected() {
        return Map.copyOf(connected);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the shard coordination tick failed (" + e.getMessage() + "); trying again");
        }
    }

    private void tick() {
        ShardPlan plan = coordinator.tick();
        for (int shard : plan.disconnect()) {
            DiscordApi api;
            synchronized (this) {
                if (connecting.contains(shard)) {
                    continue;
                }
                api = connected.remove(shard);
                connectedCount = connected.size();
            }
            if (api != null) {
                listener.disconnected(shard, api);
                disconnect(api);
            }
            if (!plan.fenced()) {
                coordinator.handedOver(shard);
            }
            LOG.log(System.Logger.Level.INFO, (plan.fenced() ? "Let go of" : "Handed over") + " Discord shard " + shard);
        }
        synchronized (this) {
            owned = plan.owned();
        }
        for (int shard : plan.owned()) {
            synchronized (this) {
                if (stopped || connected.containsKey(shard) || connecting.contains(shard) || plan.disconnect().contains(shard)) {
                    continue;
                }
            }
            if (!(coordinator.identifySlot(shard) instanceof IdentifySlot.Granted)) {
                continue;
            }
            synchronized (this) {
                connecting.add(shard);
            }
            login.login(shard, coordinator.shardCount()).whenComplete((api, failure) -> {
                try {
                    ticks.execute(() -> loggedIn(shard, api, failure));
                } catch (RejectedExecutionException e) {
                    if (api != null) {
                        disconnect(api);
                    }
                }
            });
        }
    }

    private void loggedIn(int shard, DiscordApi api, Throwable failure) {
        boolean keep;
        synchronized (this) {
            connecting.remove(shard);
            keep = failure == null && !stopped && owned.contains(shard);
            if (keep) {
                connected.put(shard, api);
                connectedCount = connected.size();
            }
        }
        if (failure != null) {
            LOG.log(System.Logger.Level.WARNING, "Discord shard " + shard + " did not log in (" + failure.getMessage()
                    + "); trying again at the next heartbeat");
            return;
        }
        if (!keep) {
            disconnect(api);
            return;
        }
        LOG.log(System.Logger.Level.INFO, "Connected Discord shard " + shard + " of " + coordinator.shardCount());
        listener.connected(shard, api);
    }

    /** Disconnects every shard, then leaves the fleet so the others take the shards at once. */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            ticks.execute(() -> {
                try {
                    Map<Integer, DiscordApi> all;
                    synchronized (this) {
                        stopped = true;
                        all = Map.copyOf(connected);
                        connected.clear();
                        connectedCount = 0;
                    }
                    all.forEach(listener::disconnected);
                    List<CompletableFuture<Void>> disconnecting = new ArrayList<>();
                    for (DiscordApi api : all.values()) {
                        try {
                            disconnecting.add(api.disconnect());
                        } catch (RejectedExecutionException e) {
                            LOG.log(System.Logger.Level.DEBUG, "Javacord shut its pool before its disconnect fallback", e);
                        }
                    }
                    disconnecting.forEach(this::await);
                    coordinator.leave();
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
            done.get(discordTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "handing the shards over on shutdown did not finish cleanly; the leases "
                    + "expire by themselves", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchdog.shutdownNow();
            ticks.shutdownNow();
        }
    }

    private void disconnect(DiscordApi api) {
        try {
            await(api.disconnect());
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "Javacord shut its pool before scheduling its disconnect fallback", e);
        }
    }

    private void await(CompletableFuture<Void> disconnecting) {
        try {
            disconnecting.get(discordTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "disconnecting a shard from Discord did not finish cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
