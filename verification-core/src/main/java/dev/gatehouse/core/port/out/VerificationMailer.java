package dev.gatehouse.core.port.out;

import java.util.Objects;

/**
 * Sends a verification email. Called off the member's request path. Implementations bound every network
 * wait, retry transient failures themselves a bounded number of times, and report the final outcome as a
 * value; they throw only on programming errors. Must be thread-safe.
 */
@FunctionalInterface
public interface VerificationMailer {
    MailOutcome send(VerificationEmail email);

    /** How sending ended. */
    sealed interface MailOutcome {
        /** The relay accepted the message. */
        record Sent() implements MailOutcome {
        }

        /** The relay refused it for good (e.g. a bad address); retrying won't help. */
        record Rejected(String reason) implements MailOutcome {
            public Rejected {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /** The relay was unreachable or deferred it (timeout, refused connection, 4xx) after the retries. */
        record Unavailable(String reason) implements MailOutcome {
            public Unavailable {
                Objects.requireNonNull(reason, "reason");
            }
        }

        static MailOutcome sent() {
            return new Sent();
        }
    }
}
