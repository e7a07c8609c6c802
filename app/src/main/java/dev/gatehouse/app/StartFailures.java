package dev.gatehouse.app;

import dev.gatehouse.persistence.SecretKeyUnavailableException;
import java.util.Optional;

/** Start-up failures that have a one-line reason for the operator, dug out of the context's wrapping exceptions. */
final class StartFailures {
    private StartFailures() {
    }

    static Optional<SecretKeyUnavailableException> noSecretsKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SecretKeyUnavailableException reason) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
