package dev.gatehouse.persistence;

import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Stores;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The PostgreSQL implementation of the core's {@link Stores}, plus the {@link DirectoryImporter}. Create one per
 * process and database, and close it on shutdown (it runs a thread that follows changes made by other instances).
 *
 * <pre>{@code
 * PostgresStores.migrate(dataSource);
 * try (PostgresStores postgres = PostgresStores.create(dataSource)) {
 *     Stores stores = postgres.stores();
 *     ...
 * }
 * }</pre>
 *
 * <p>The data source should be a connection pool (the adapter holds one connection for {@code LISTEN}). Every
 * port throws {@link StoreUnavailableException} while the database can't be reached, and works again once it
 * can, without a restart.
 */
public final class PostgresStores implements AutoCloseable {
    private final Stores stores;
    private final DirectoryImporter importer;
    private final ChangeListener listener;

    private PostgresStores(Stores stores, DirectoryImporter importer, ChangeListener listener) {
        this.stores = stores;
        this.importer = importer;
        this.listener = listener;
    }

    /**
     * Applies the Flyway migrations in {@code db/migration} to the database (a no-op when it is current).
     *
     * @throws StoreUnavailableException if the database can't be reached
     */
    public static void migrate(DataSource dataSource) {
        try {
            Flyway.configure(PostgresStores.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && Jdbc.isUnavailable(sql)) {
                    throw new StoreUnavailableException("the database can't be reached to migrate it", e);
                }
            }
            throw e;
        }
    }

    /**
     * Store ports over an already migrated database. Loads the membership index and the guild cache before
     * returning, and starts following changes.
     *
     * @throws StoreUnavailableException if the database can't be reached
     */
    public static PostgresStores create(DataSource dataSource) {
        return create(dataSource, Clock.systemUTC());
    }

    /** As {@link #create(DataSource)}, with the clock that stamps imported links. */
    public static PostgresStores create(DataSource dataSource, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(clock, "clock");
        Jdbc jdbc = new Jdbc(dataSource);
        PgMembershipIndex index = new PgMembershipIndex();
        PgGuilds guilds = new PgGuilds(jdbc);
        ChangeListener listener = ChangeListener.start(dataSource, index, guilds);
        PgLinks links = new PgLinks(jdbc, index);
        Stores stores = new Stores(jdbc, new PgTenants(jdbc), guilds, new PgDirectory(jdbc), links, index,
                new PgSessions(jdbc), new PgRateLimits(jdbc), new PgMemberUpdates(jdbc), new PgAuditLog(jdbc));
        return new PostgresStores(stores, new DirectoryImporter(jdbc, index, clock), listener);
    }

    /** The store ports, sharing one {@link dev.gatehouse.core.port.out.Transactions}. */
    public Stores stores() {
        return stores;
    }

    /** Bulk import of directory users (and the tutorial bot's links) from CSV or JSON. */
    public DirectoryImporter directoryImporter() {
        return importer;
    }

    /** Stops following changes; the ports keep working but the caches no longer see other instances' changes. */
    @Override
    public void close() {
        listener.close();
    }
}
