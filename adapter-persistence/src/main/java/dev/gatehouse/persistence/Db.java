package dev.gatehouse.persistence;

import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Transactions.Decision;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.exceptions.TransactionException;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every port reaches the database: through Micronaut's {@link TransactionOperations} and
 * {@link ConnectionOperations} of the data source named {@code default}, the same ones the repositories use, so
 * repository calls and the few plain JDBC statements of a unit of work share one connection and one transaction.
 *
 * <p>Reads outside a transaction run on a connection of their own; writes outside a transaction run in a short
 * transaction of their own ({@link #write}). Failures are translated: an unreachable or overloaded database
 * becomes {@link StoreUnavailableException}, any other SQL error {@link SqlFailure} (carrying the SQL state).
 */
@Singleton
final class Db {
    private static final Logger LOG = LoggerFactory.getLogger(Db.class);
    private static final int ATTEMPTS = 3;

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;

    Db(@Named("default") TransactionOperations<Connection> transactions, @Named("default") ConnectionOperations<Connection> connections) {
        this.transactions = transactions;
        this.connections = connections;
    }

    /** Work done with a connection; may throw {@link SQLException}. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a new transaction, retried up to three times on a serialisation failure or deadlock.
     * The work's own exceptions come out unchanged.
     *
     * @throws IllegalStateException if a transaction is already open on this thread: calls do not nest
     */
    <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        return execute(status -> work.get());
    }

    /** As {@link #inTransaction}, rolling back when the work decides so; after-commit actions then don't run. */
    <T> T decide(Supplier<Decision<T>> work) {
        Objects.requireNonNull(work, "work");
        return execute(status -> {
            Decision<T> decision = work.get();
            if (decision instanceof Decision.RollBack<T>) {
                status.setRollbackOnly();
            }
            return decision.result();
        });
    }

    private <T> T execute(TransactionCallback<Connection, T> body) {
        if (inTransaction()) {
            throw new IllegalStateException("transactions do not nest");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(body);
            } catch (SqlFailure failure) {
                if (!failure.isRetryable()) {
                    throw failure;
                }
                if (attempt >= ATTEMPTS) {
                    throw new StoreUnavailableException("the database kept reporting conflicting transactions", failure);
                }
                LOG.debug("retrying a transaction after a serialisation failure or deadlock ({})", failure.sqlState());
            } catch (RuntimeException e) {
                // opening, committing or rolling back the transaction itself failed, or the work threw
                throw isInfrastructure(e) ? translate(e, "running a transaction") : e;
            }
        }
    }

    boolean inTransaction() {
        return transactions.findTransactionStatus().isPresent();
    }

    /** A read (one or more repository calls): in the caller's transaction if there is one. */
    <T> T read(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw isInfrastructure(e) ? translate(e, what) : e;
        }
    }

    /**
     * A write, or several statements that must be atomic: inside the caller's transaction if there is one,
     * otherwise in a short transaction of their own.
     */
    <T> T write(String what, Supplier<T> work) {
        if (inTransaction()) {
            return read(what, work);
        }
        return inTransaction(() -> read(what, work));
    }

    /**
     * Plain JDBC on the connection of the current transaction (or, outside one, on a connection of its own), for
     * what repositories can't express: {@code COPY}, cursors over a whole table.
     */
    <T> T jdbc(String what, SqlWork<T> work) {
        return read(what, () -> connections.executeWrite(status -> onConnection(what, work, status.getConnection())));
    }

    /** Plain JDBC in a read-only transaction of its own (a cursor needs one). */
    <T> T readOnlyTransaction(String what, SqlWork<T> work) {
        return read(what, () -> transactions.executeRead(status -> onConnection(what, work, status.getConnection())));
    }

    private static <T> T onConnection(String what, SqlWork<T> work, Connection connection) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(e, what);
        }
    }

    /** Runs the action after the current transaction commits (never after a rollback), or now when there is none. */
    void afterCommit(Runnable action) {
        Optional<? extends io.micronaut.transaction.TransactionStatus<?>> status = transactions.findTransactionStatus();
        if (status.isEmpty()) {
            runSafely(action);
            return;
        }
        status.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                runSafely(action);
            }
        });
    }

    /** Runs the action when the current transaction ends, committed or rolled back, or now when there is none. */
    void afterCompletion(Runnable action) {
        Optional<? extends io.micronaut.transaction.TransactionStatus<?>> status = transactions.findTransactionStatus();
        if (status.isEmpty()) {
            runSafely(action);
            return;
        }
        status.get().registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(Status completion) {
                runSafely(action);
            }
        });
    }

    private static void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("an after-commit action failed", e);
        }
    }

    /** A database error that is neither an outage nor retryable: a bug or a broken invariant. */
    static final class SqlFailure extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String sqlState;

        SqlFailure(String message, SQLException cause) {
            super(message, cause);
            this.sqlState = cause.getSQLState();
        }

        String sqlState() {
            return sqlState;
        }

        boolean isRetryable() {
            return "40001".equals(sqlState) || "40P01".equals(sqlState);
        }
    }

    /** Whether the exception comes from Micronaut Data's repositories, connections or transactions. */
    private static boolean isInfrastructure(RuntimeException e) {
        return e instanceof DataAccessException || e instanceof ConnectionException || e instanceof TransactionException
                || e instanceof io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException
                || e instanceof io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException;
    }

    /** Translates a failure of Micronaut Data, of a transaction or of JDBC; returns it unchanged if no SQL is involved. */
    static RuntimeException translate(Exception e, String what) {
        if (e instanceof StoreUnavailableException || e instanceof SqlFailure) {
            return (RuntimeException) e;
        }
        if (isUnavailable(e)) {
            return new StoreUnavailableException("the database can't be reached (" + what + ")", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return new SqlFailure("the database refused " + what + " (SQL state " + sql.getSQLState() + ")", sql);
            }
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(what + " failed", e);
    }

    /**
     * Connection failures (08), too many connections or no space (53), shutdown (57P), system errors (58), timeouts;
     * also a pooled connection found closed, which is how a lost connection surfaces when the pool closed it while
     * Micronaut was still resetting it (the original failure is then suppressed or lost).
     */
    static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                        || state.startsWith("58") || state.equals("57014"))) {
                    return true;
                }
                if (state == null && "Connection is closed".equals(sql.getMessage())) {
                    return true;
                }
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isUnavailable(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
