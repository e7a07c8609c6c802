package dev.gatehouse.core.port.out;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs work atomically across the store ports: either every write inside {@code work} is kept, or, if it
 * throws, none is. Calls do not nest. Implementations may retry {@code work} on a serialisation failure,
 * so it must have no effect outside the stores.
 */
public interface Transactions {
    /**
     * Runs work atomically; its writes are kept unless it throws.
     *
     * @param <T> the work's result
     * @param work the work, without effects outside the stores
     * @return what the work returned
     */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs work atomically and keeps its writes only if it decides so: a {@link Decision.RollBack} undoes every write
     * the work made and still returns its result. For expected outcomes found half-way (a conflict after a token was
     * consumed) that must leave nothing changed, without an exception carrying the result out.
     *
     * @param <T> the work's result
     * @param work the work, without effects outside the stores
     * @return the result of the work's decision
     */
    <T> T decide(Supplier<Decision<T>> work);

    /** What a unit of work found: keep its writes, or undo them; either way the caller gets {@code result}. */
    sealed interface Decision<T> {
        /**
         * What the caller gets, whether the writes are kept or not.
         *
         * @return the result
         */
        T result();

        /**
         * Keep the writes.
         *
         * @param <T> the result's type
         * @param result what the caller gets
         * @return the decision
         */
        static <T> Decision<T> commit(T result) {
            return new Commit<>(result);
        }

        /**
         * Undo the writes.
         *
         * @param <T> the result's type
         * @param result what the caller gets
         * @return the decision
         */
        static <T> Decision<T> rollBack(T result) {
            return new RollBack<>(result);
        }

        /**
         * Commit the transaction and answer {@code result}.
         *
         * @param <T> the result's type
         * @param result what the caller gets
         */
        record Commit<T>(T result) implements Decision<T> {
            public Commit {
                Objects.requireNonNull(result, "result");
            }
        }

        /**
         * Roll the transaction back and answer {@code result}.
         *
         * @param <T> the result's type
         * @param result what the caller gets
         */
        record RollBack<T>(T result) implements Decision<T> {
            public RollBack {
                Objects.requireNonNull(result, "result");
            }
        }
    }
}
