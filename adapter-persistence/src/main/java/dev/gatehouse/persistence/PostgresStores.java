package dev.gatehouse.persistence;

import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Stores;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
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
 * <p>Every port throws {@link StoreUnavailableException} while the database can't be reached, and works again
 * once it can, without a restart.
 */
public final class PostgresStores implements AutoCloseable {
    private final Stores stores;
    private final ChangeListener listener;

    PostgresStores(Stores stores, ChangeListener listener) {
        this.stores = stores;
        this.listener = listener;
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
    }
}
