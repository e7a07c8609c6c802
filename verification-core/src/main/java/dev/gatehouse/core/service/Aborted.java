package dev.gatehouse.core.service;

/** Unwinds a transaction whose work found an expected outcome that must leave nothing changed. */
final class Aborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Object result;

    Aborted(Object result) {
        super(null, null, false, false);
        this.result = result;
    }

    <T> T result(Class<T> type) {
        return type.cast(result);
    }
}
