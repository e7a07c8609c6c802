package dev.gatehouse.persistence;

import dev.gatehouse.core.contract.ShardLeasesContract;
import dev.gatehouse.core.port.out.ShardLeases;
import dev.gatehouse.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL shard leases against the contract, from emptied tables each test. */
class PostgresShardLeasesContractTest extends ShardLeasesContract {
    private static TestDatabase db;
    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        context = db.startContext();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        db.close();
    }

    @Override
    protected ShardLeases newLeases() {
        db.truncateAll();
        return context.getBean(PgShardLeases.class);
    }
}
