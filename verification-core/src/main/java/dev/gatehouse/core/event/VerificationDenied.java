package dev.gatehouse.core.event;

import dev.gatehouse.core.model.VerificationSession;
import java.time.Instant;
import java.util.Objects;

/**
 * The mailbox owner said "this wasn't me"; the requester is blocked from asking for that user for a while.
 *
 * @param session the denied session
 * @param blockedUntil until when the requester can't ask for that user again
 * @param at when it was denied
 */
public record VerificationDenied(VerificationSession session, Instant blockedUntil, Instant at) implements VerificationEvent {
    public VerificationDenied {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(blockedUntil, "blockedUntil");
        Objects.requireNonNull(at, "at");
    }
}
