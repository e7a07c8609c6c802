package dev.gatehouse.core.port.out;

/**
 * Thrown by a driven port when its backing service (database, mail relay, chat platform) can't be reached.
 * Use cases turn it into a "try again later" result; nothing half-done is left behind.
 */
public class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Reports an unreachable backing service.
     *
     * @param message which service and what was attempted
     * @param cause the underlying failure
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
