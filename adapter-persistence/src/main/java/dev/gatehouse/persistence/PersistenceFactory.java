package dev.gatehouse.persistence;

import dev.gatehouse.core.port.out.ShardLeases;
import dev.gatehouse.core.port.out.Stores;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * Micronaut beans: {@link PostgresStores} over the data source named {@code default} (migrated first unless
 * {@code gatehouse.persistence.migrate} is false), and its {@link Stores}. The
 * data source comes from {@code datasources.default.*} (e.g. with {@code micronaut-jdbc-hikari}) or from the
 * application's own {@code @Named("default")} {@link DataSource} bean; Micronaut Data's transaction manager and
 * repositories use the same one. Loading the caches and starting the change listener happen when the bean is
 * created: it fails with {@link dev.gatehouse.core.port.out.StoreUnavailableException} as the cause if the
 * database can't be reached. Hand-off secrets left in plaintext by an older version are encrypted then too; with
 * secrets stored and no key configured it fails with {@link SecretKeyUnavailableException}.
 */
@Factory
class PersistenceFactory {

    @Singleton
    @Bean(preDestroy = "close")
    PostgresStores postgresStores(@Named("default") DataSource dataSource,
            @Value("${gatehouse.persistence.migrate:true}") boolean migrate,
            PgTransactions transactions, PgTenants tenants, PgGuilds guilds, PgDirectory directory, PgLinks links,
            PgMembershipIndex index, PgSessions sessions, PgRateLimits rateLimits, PgMemberUpdates memberUpdates,
            PgAuditLog audit, PgHandoffRequests handoffs, PgWrongAnswerLog wrongAnswers, PgDirectoryImports directoryImports,
            PgSignInRequests signIns, PgPersonalData personalData, PgArrivals arrivals, SecretMaintenance secrets, ChangeFeedStatistics changeFeed) {
        if (migrate) {
            PostgresStores.migrate(dataSource);
        }
        secrets.sealPlaintextSecrets();
        ChangeListener listener = ChangeListener.start(DelegatingDataSource.unwrapDataSource(dataSource), index, guilds, tenants,
                changeFeed);
        Stores stores = new Stores(transactions, tenants, guilds, directory, links, index, sessions, rateLimits, memberUpdates, audit,
                handoffs, wrongAnswers, directoryImports, signIns, personalData, arrivals);
        return new PostgresStores(stores, listener);
    }

    @Singleton
    Stores stores(PostgresStores postgres) {
        return postgres.stores();
    }

    /** The fleet's shard leases, once the schema is migrated. */
    @Singleton
    ShardLeases shardLeases(PostgresStores migrated, PgShardLeases leases) {
        return leases;
    }
}
