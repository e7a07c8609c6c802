package dev.gatehouse.core.event;

/**
 * Receives events after their change is committed, on the thread that made the change. A listener that
 * throws is logged and skipped; it can't undo the change or stop other listeners.
 */
@FunctionalInterface
public interface VerificationListener {
    /**
     * Hears one committed event; must not block.
     *
     * @param event what happened
     */
    void on(VerificationEvent event);
}
