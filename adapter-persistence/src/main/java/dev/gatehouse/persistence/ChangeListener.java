package dev.gatehouse.persistence;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the membership index, the guild cache and the tenant cache current with changes committed by any instance:
 * a daemon thread holds a connection of its own (taken from the pool behind Micronaut's transaction-aware data
 * source, and never bound to a transaction), {@code LISTEN}s on {@code gatehouse_links}, {@code gatehouse_guilds}
 * and {@code gatehouse_tenants} and applies each notification. After losing the connection it reconnects with
 * backoff, reloads the first two caches and empties the tenant cache,
 * since notifications sent meanwhile are lost. It stops listening and drops notifications left over from an
 * earlier user of the pooled connection before it loads the caches (which it does through the repositories, on
 * other connections, once it is listening, so no change is missed).
 */
final class ChangeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long CHECK_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    private static final long MAX_BACKOFF_MILLIS = 1_000;
    /** Probes of the notification lag: each instance's listener hears only its own (by nonce). */
    static final String PROBE_CHANNEL = "gatehouse_probe";

    private final DataSource dataSource;
    private final PgMembershipIndex index;
    private final PgGuilds guilds;
    private final PgTenants tenants;
    private final Thread thread;
    private final ChangeFeedStatistics statistics;
    private final String nonce = java.util.UUID.randomUUID().toString();
    private volatile boolean running = true;
    private volatile Connection connection;

    private ChangeListener(DataSource dataSource, PgMembershipIndex index, PgGuilds guilds, PgTenants tenants,
            ChangeFeedStatistics statistics) {
        this.dataSource = dataSource;
        this.statistics = statistics;
        this.index = index;
        this.guilds = guilds;
        this.tenants = tenants;
        this.thread = new Thread(this::loop, "gatehouse-change-listener");
        this.thread.setDaemon(true);
    }

    /** Connects, listens and loads both caches before returning; throws if the database can't be reached. */
    static ChangeListener start(DataSource dataSource, PgMembershipIndex index, PgGuilds guilds, PgTenants tenants) {
        return start(dataSource, index, guilds, tenants, new ChangeFeedStatistics());
    }

    /** As {@link #start(DataSource, PgMembershipIndex, PgGuilds, PgTenants)}, counting into {@code statistics}. */
    static ChangeListener start(DataSource dataSource, PgMembershipIndex index, PgGuilds guilds, PgTenants tenants,
            ChangeFeedStatistics statistics) {
        ChangeListener listener = new ChangeListener(dataSource, index, guilds, tenants, statistics);
        try {
            listener.connection = listener.connect();
        } catch (SQLException e) {
            throw Db.translate(e, "loading the membership index");
        }
        listener.thread.start();
        return listener;
    }

    private Connection connect() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("UNLISTEN *");
                c.unwrap(PGConnection.class).getNotifications();
                s.execute("LISTEN " + PgLinks.CHANNEL);
                s.execute("LISTEN " + PgGuilds.CHANNEL);
                s.execute("LISTEN " + PgTenants.CHANNEL);
                s.execute("LISTEN " + PROBE_CHANNEL);
            }
            index.reload();
            guilds.reload();
            tenants.forgetAll();
            statistics.reloaded();
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private void loop() {
        long backoff = 100;
        while (running) {
            try {
                if (connection == null) {
                    connection = connect();
                    LOG.info("reconnected to the database; membership index and guild cache reloaded");
                    backoff = 100;
                }
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (backoff == 100) {
                    LOG.warn("lost the database change feed ({}); reconnecting", e.getMessage());
                } else {
                    LOG.debug("the database change feed is still down ({}); next try in {} ms", e.getMessage(), backoff);
                }
                closeQuietly(connection);
                connection = null;
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
        closeQuietly(connection);
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime() - CHECK_EVERY_NANOS;
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    handle(c, n);
                }
            }
            if (System.nanoTime() - lastCheck > CHECK_EVERY_NANOS) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                probe();
                lastCheck = System.nanoTime();
            }
        }
    }

    /** Sends a probe notification from another connection; its return measures the lag. Best effort. */
    private void probe() {
        try (Connection other = dataSource.getConnection();
             java.sql.PreparedStatement notify = other.prepareStatement("SELECT pg_notify(?, ?)")) {
            other.setAutoCommit(true);
            Sql.bind(notify, PROBE_CHANNEL, nonce + "|" + System.nanoTime()).execute();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not send a notification probe ({})", e.getMessage());
        }
    }

    private void handle(Connection c, PGNotification n) throws SQLException {
        String payload = n.getParameter();
        try {
            if (PROBE_CHANNEL.equals(n.getName())) {
                String[] parts = payload.split("\\|", 2);
                if (parts.length == 2 && nonce.equals(parts[0])) {
                    statistics.probeReturned(System.nanoTime() - Long.parseLong(parts[1]));
                }
                return;
            }
            statistics.notified();
            if (PgLinks.CHANNEL.equals(n.getName())) {
                if ("*".equals(payload)) {
                    index.reload();
                    statistics.reloaded();
                    return;
                }
                String[] parts = payload.split("\\|", 4);
                if ("!".equals(parts[0])) {
                    index.forgetTenant(new TenantId(parts[2]), Long.parseLong(parts[1]));
                    return;
                }
                index.apply(new TenantId(parts[2]), Long.parseLong(parts[3]), Long.parseLong(parts[1]), "+".equals(parts[0]));
            } else if (PgTenants.CHANNEL.equals(n.getName())) {
                tenants.changed(payload);
            } else if (PgGuilds.CHANNEL.equals(n.getName())) {
                String[] parts = payload.split("\\|", 2);
                GuildId guild = new GuildId(Long.parseLong(parts[0]));
                if (parts.length == 2) {
                    guilds.removed(guild, Long.parseLong(parts[1]));
                } else {
                    guilds.refresh(guild);
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            LOG.warn("ignoring a malformed notification on {}", n.getName());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening before the connection goes back to a pool, where another user would get our notifications. */
    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("UNLISTEN *");
        } catch (SQLException e) {
            LOG.debug("UNLISTEN failed on a lost connection: {}", e.getMessage());
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing the listener connection failed: {}", e.getMessage());
        }
    }
}
