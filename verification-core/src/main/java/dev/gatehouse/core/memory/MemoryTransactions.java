package dev.gatehouse.core.memory;

import dev.gatehouse.core.port.out.Transactions;
import dev.gatehouse.core.port.out.Transactions.Decision;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock for all in-memory stores, plus an undo log: a transaction holds the lock throughout and, if
 * its work throws, reverts every write it made, newest first.
 */
final class MemoryTransactions implements Transactions {
    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        try {
            if (undoLog.get() != null) {
                throw new IllegalStateException("transactions do not nest");
            }
            Deque<Runnable> undo = new ArrayDeque<>();
            undoLog.set(undo);
            try {
                return work.get();
            } catch (RuntimeException | Error failure) {
                while (!undo.isEmpty()) {
                    undo.pop().run();
                }
                throw failure;
            } finally {
                undoLog.remove();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> T decide(Supplier<Decision<T>> work) {
        return inTransaction(() -> {
            Decision<T> decision = work.get();
            if (decision instanceof Decision.RollBack<T>) {
                Deque<Runnable> undo = undoLog.get();
                while (!undo.isEmpty()) {
                    undo.pop().run();
                }
            }
            return decision.result();
        });
    }

    <T> T read(Supplier<T> query) {
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }

    /** {@code map.get(key)} under the lock, without a lambda: for lookups that must not allocate. */
    <K, V> V get(java.util.Map<K, V> map, K key) {
        lock.lock();
        try {
            return map.get(key);
        } finally {
            lock.unlock();
        }
    }

    /** Applies a change under the lock; inside a transaction, remembers how to revert it. */
    <T> T write(Supplier<T> change, Runnable revert) {
        lock.lock();
        try {
            T result = change.get();
            Deque<Runnable> undo = undoLog.get();
            if (undo != null) {
                undo.push(revert);
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    void write(Runnable change, Runnable revert) {
        write(() -> {
            change.run();
            return null;
        }, revert);
    }
}
