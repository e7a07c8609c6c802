package dev.gatehouse.persistence;

import dev.gatehouse.core.port.out.Stores;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * Micronaut beans: {@link PostgresStores} over the application's {@link DataSource} (migrated first unless
 * {@code gatehouse.persistence.migrate} is false), its {@link Stores} and its {@link DirectoryImporter}. The
 * data source must hand out plain pooled connections (not ones bound to a Micronaut transaction): the adapter
 * runs its own transactions through {@link Stores#transactions()}.
 */
@Factory
class PersistenceFactory {

    @Singleton
    @Bean(preDestroy = "close")
    PostgresStores postgresStores(DataSource dataSource, @Value("${gatehouse.persistence.migrate:true}") boolean migrate) {
        if (migrate) {
            PostgresStores.migrate(dataSource);
        }
        return PostgresStores.create(dataSource);
    }

    @Singleton
    Stores stores(PostgresStores postgres) {
        return postgres.stores();
    }

    @Singleton
    DirectoryImporter directoryImporter(PostgresStores postgres) {
        return postgres.directoryImporter();
    }
}
