package dev.gatehouse.persistence;

import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Stores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.jdbc.config.DataJdbcConfiguration;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The PostgreSQL implementation of the core's {@link Stores}: a Micronaut bean
 * (see {@link PersistenceFactory}) over Micronaut Data JDBC repositories and the data source named
 * {@code default}. One per application context; the context closes it on shutdown (it runs a thread that follows
 * changes made by other instances).
 *
 * <pre>{@code
 * try (ApplicationContext context = ApplicationContext.run(Map.of(
 *         "datasources.default.url", "jdbc:postgresql://db:5432/gatehouse",
 *         "datasources.default.username", "gatehouse",
 *         "datasources.default.password", secret,
 *         "datasources.default.dialect", "POSTGRES"))) {
 *     Stores stores = context.getBean(Stores.class);
 *     ...
 * }
 * }</pre>
 *
 * <p>From plain Java, with no Micronaut of your own, {@link #start(DataSource)} does the same over your pool:
 *
 * <pre>{@code
 * try (PostgresStores postgres = PostgresStores.start(myPool)) {        // migrates, loads the caches
 *     Gatehouse gatehouse = Gatehouse.builder().stores(postgres.stores())...build();
 * }
 * }</pre>
 *
 * <p>Every port throws {@link StoreUnavailableException} while the database can't be reached, and works again
 * once it can, without a restart.
 */
public final class PostgresStores implements AutoCloseable {
    private final Stores stores;
    private final ChangeListener listener;
    private volatile Optional<ApplicationContext> ownContext = Optional.empty();

    PostgresStores(Stores stores, ChangeListener listener) {
        this.stores = stores;
        this.listener = listener;
    }

    /** Whether {@link #start(DataSource, Migrations)} applies the schema migrations first. */
    public enum Migrations {
        /** Apply the pending Flyway migrations (a no-op when the database is current). */
        APPLY,
        /** Leave the schema alone: the operator migrates it (e.g. with {@link #migrate(DataSource)}) beforehand. */
        ASSUME_CURRENT
    }

    /**
     * The stores over the given pool, migrating the database first: {@code start(dataSource, Migrations.APPLY)}.
     *
     * @param dataSource a pool of connections to the PostgreSQL database (any {@link DataSource}: HikariCP,
     *                   PGSimpleDataSource…); it stays the caller's to close, after this
     * @return the started stores; close them to stop the change listener
     * @throws StoreUnavailableException if the database can't be reached
     */
    public static PostgresStores start(DataSource dataSource) {
        return start(dataSource, Migrations.APPLY);
    }

    /**
     * The stores over the given pool, for hosts that don't run Micronaut themselves: the framework runs inside,
     * in a private context over that one data source, reading no configuration files, environment variables
     * or system properties. Hand-off secrets can't be stored or read this way (no secrets key).
     *
     * @param dataSource a pool of connections to the PostgreSQL database; it stays the caller's to close, after this
     * @param migrations whether to apply the schema migrations first
     * @return the started stores; close them to stop the change listener and the private context
     * @throws StoreUnavailableException if the database can't be reached
     */
    public static PostgresStores start(DataSource dataSource, Migrations migrations) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(migrations, "migrations");
        ApplicationContext context = ApplicationContext.builder(PostgresStores.class.getClassLoader())
                .deduceEnvironment(false)
                .environmentPropertySource(false)
                .banner(false)
                .properties(Map.of("gatehouse.persistence.migrate", migrations == Migrations.APPLY))
                .build();
        DataJdbcConfiguration jdbc = new DataJdbcConfiguration("default");
        jdbc.setDialect(Dialect.POSTGRES);
        context.registerSingleton(DataJdbcConfiguration.class, jdbc, Qualifiers.byName("default"));
        context.registerSingleton(DataSource.class, dataSource, Qualifiers.byName("default"));
        try {
            context.start();
            PostgresStores postgres = context.getBean(PostgresStores.class);
            postgres.ownContext = Optional.of(context);
            return postgres;
        } catch (RuntimeException e) {
            context.close();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof StoreUnavailableException unavailable) {
                    throw unavailable;
                }
            }
            throw e instanceof BeanInstantiationException ? new IllegalStateException("the PostgreSQL stores could not start", e) : e;
        }
    }

    /**
     * Applies the Flyway migrations in {@code db/migration} to the database (a no-op when it is current). Accepts
     * a plain data source or Micronaut's transaction-aware wrapper of one.
     *
     * @throws StoreUnavailableException if the database can't be reached
     */
    public static void migrate(DataSource dataSource) {
        try {
            Flyway.configure(PostgresStores.class.getClassLoader())
                    .dataSource(DelegatingDataSource.unwrapDataSource(dataSource))
                    .locations("classpath:db/migration")
                    // a release may bring a version below one an earlier release applied (V12 came after V40)
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            if (Db.isUnavailable(e)) {
                throw new StoreUnavailableException("the database can't be reached to migrate it", e);
            }
            throw e;
        }
    }

    /** The store ports, sharing one {@link dev.gatehouse.core.port.out.Transactions}. */
    public Stores stores() {
        return stores;
    }

    /** Stops following changes; the ports keep working but the caches no longer see other instances' changes. */
    @Override
    public void close() {
        listener.close();
        ownContext.ifPresent(ApplicationContext::close);
    }
}
