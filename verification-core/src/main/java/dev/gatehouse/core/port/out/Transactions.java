package dev.gatehouse.core.port.out;

import java.util.function.Supplier;

/**
 * Runs work atomically across the store ports: either every write inside {@code work} is kept, or, if it
 * throws, none is. Calls do not nest. Implementations may retry {@code work} on a serialisation failure,
 * so it must have no effect outside the stores.
 */
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);
}
