package dev.gatehouse.persistence;

import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection handling for every port: a transaction binds one connection to the calling thread, and each port
 * operation runs on that connection, or on a connection of its own (committed at once) outside a transaction.
 * Translates SQL failures: an unreachable or overloaded database becomes {@link StoreUnavailableException}.
 */
final class Jdbc implements Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    Jdbc(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Work done with a connection; may throw {@link SQLException}. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Binds a connection (and its after-commit actions) to the thread for one transaction. */
    private static final class Tx {
        final Connection connection;
        final List<Runnable> afterCommit = new ArrayList<>();

        Tx(Connection connection) {
            this.connection = connection;
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        if (current.get() != null) {
            throw new IllegalStateException("transactions do not nest");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return runTransaction(work);
            } catch (RetryableConflict conflict) {
                if (attempt >= ATTEMPTS) {
                    throw new StoreUnavailableException("the database kept reporting conflicting transactions", conflict.getCause());
                }
                LOG.debug("retrying a transaction after a serialisation failure or deadlock ({})", conflict.getCause().getSQLState());
            }
        }
    }

    private <T> T runTransaction(Supplier<T> work) {
        Tx tx;
        try {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection);
                throw e;
            }
            tx = new Tx(connection);
        } catch (SQLException e) {
            throw translate(e, "opening a transaction");
        }
        current.set(tx);
        boolean committed = false;
        try {
            T result = work.get();
            tx.connection.commit();
            committed = true;
            current.remove();
            for (Runnable action : tx.afterCommit) {
                runSafely(action);
            }
            return result;
        } catch (SQLException e) {
            throw translate(e, "committing a transaction");
        } catch (TranslatedSqlException e) {
            if (isRetryable(e.sqlException)) {
                throw new RetryableConflict(e.sqlException);
            }
            throw e;
        } finally {
            current.remove();
            if (!committed) {
                try {
                    tx.connection.rollback();
                } catch (SQLException e) {
                    LOG.debug("rollback failed: {}", e.getMessage());
                }
            }
            closeQuietly(tx.connection);
        }
    }

    /** Runs one statement or several that need no atomicity: on the transaction's connection, or on one of its own. */
    <T> T run(String what, SqlWork<T> work) {
        Tx tx = current.get();
        if (tx != null) {
            try {
                return work.run(tx.connection);
            } catch (SQLException e) {
                throw translate(e, what);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(e, what);
        }
    }

    /**
     * Runs several statements atomically: inside the caller's transaction if there is one, otherwise in a
     * transaction of their own (retried on a serialisation failure or deadlock).
     */
    <T> T atomically(String what, SqlWork<T> work) {
        if (current.get() != null) {
            return run(what, work);
        }
        return inTransaction(() -> run(what, work));
    }

    /** Runs the action after the current transaction commits, or now when there is none. */
    void afterCommit(Runnable action) {
        Tx tx = current.get();
        if (tx == null) {
            runSafely(action);
        } else {
            tx.afterCommit.add(action);
        }
    }

    boolean inTransaction() {
        return current.get() != null;
    }

    DataSource dataSource() {
        return dataSource;
    }

    private static void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("an after-commit action failed", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a connection failed: {}", e.getMessage());
        }
    }

    /** Sets the parameters of a statement in order; {@code null} needs {@link #nullOf}. */
    static PreparedStatement bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof TypedNull typed) {
                statement.setNull(i + 1, typed.sqlType);
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    /** A typed SQL NULL for {@link #bind}. */
    record TypedNull(int sqlType) {
    }

    static TypedNull nullOf(int sqlType) {
        return new TypedNull(sqlType);
    }

    /** A serialisation failure or deadlock that a retry of the whole transaction may resolve. */
    private static final class RetryableConflict extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryableConflict(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** A database error that is neither an outage nor retryable: a bug or a broken invariant. */
    static final class TranslatedSqlException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final transient SQLException sqlException;

        TranslatedSqlException(String message, SQLException cause) {
            super(message, cause);
            this.sqlException = cause;
        }

        String sqlState() {
            return sqlException.getSQLState();
        }
    }

    static RuntimeException translate(SQLException e, String what) {
        if (isUnavailable(e)) {
            return new StoreUnavailableException("the database can't be reached (" + what + ")", e);
        }
        return new TranslatedSqlException("the database refused " + what + " (SQL state " + e.getSQLState() + ")", e);
    }

    static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    /** Connection failures (08), too many connections or no space (53), shutdown (57P), system errors (58), timeouts. */
    static boolean isUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.startsWith("58")
                        || state.equals("57014")) {
                    return true;
                }
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
