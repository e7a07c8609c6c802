package dev.gatehouse.persistence;

import dev.gatehouse.core.port.out.Transactions;
import dev.gatehouse.core.port.out.Transactions.Decision;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * The core's {@link Transactions} over Micronaut's {@code TransactionOperations.executeWrite}: every port call made
 * inside {@code work} joins the transaction, which commits when the work returns and rolls back when it throws,
 * letting the work's exception out unchanged. Retried on a serialisation failure or deadlock; calls do not nest.
 */
@Singleton
@Bean(typed = PgTransactions.class)
final class PgTransactions implements Transactions {
    private final Db db;

    PgTransactions(Db db) {
        this.db = db;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return db.inTransaction(work);
    }

    @Override
    public <T> T decide(Supplier<Decision<T>> work) {
        return db.decide(work);
    }
}
