package dev.gatehouse.core.port.out;

import java.util.Objects;

/**
 * Sends a verification email. Called off the member's request path, on the core's bounded mail senders.
 * Implementations bound the whole send (every attempt and wait together) by a total deadline, so a slow relay
 * can't hold a sender; retry transient failures themselves a bounded number of times, but never resend once the
 * relay may have accepted the message unless it answered a temporary failure; and report the final outcome as a
 * value; they throw only on programming errors. The core gives up on an answer after its own deadline and
 * withdraws the link. Must be thread-safe.
 */
@FunctionalInterface
public interface VerificationMailer {
    /**
     * Sends one verification email, on one of the core's mail senders (or the builder's mail executor).
     *
     * @param email the address, names, confirm and deny links and expiry
     * @return whether it was sent, refused for good, or couldn't be sent now
     */
    MailOutcome send(VerificationEmail email);

    /** How sending ended. */
    sealed interface MailOutcome {
        /** The relay accepted the message. */
        record Sent() implements MailOutcome {
        }

        /**
         * The relay refused it for good (e.g. a bad address); retrying won't help.
         *
         * @param reason the relay's answer
         */
        record Rejected(String reason) implements MailOutcome {
            public Rejected {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /**
         * The relay was unreachable or deferred it (timeout, refused connection, 4xx) after the retries.
         *
         * @param reason what went wrong
         */
        record Unavailable(String reason) implements MailOutcome {
            public Unavailable {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /** {@return the outcome of an email handed to the mail relay} */
        static MailOutcome sent() {
            return new Sent();
        }
    }
}
