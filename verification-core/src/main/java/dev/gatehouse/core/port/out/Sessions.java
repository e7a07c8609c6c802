package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.SessionId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.model.VerificationSession;
import java.time.Instant;
import java.util.Optional;

/** Verification sessions, found by token hash; they survive restarts in a real store. Thread-safe. */
public interface Sessions {
    /**
     * Stores a new PENDING session and marks every other PENDING session of the same requester in the same
     * tenant SUPERSEDED, atomically: afterwards only the newest link works.
     *
     * @param session the new session, PENDING
     * @return how many sessions were superseded
     */
    int startReplacingPending(VerificationSession session);

    /**
     * Finds a session in any state by the hash of its link's token.
     *
     * @param hash the hash of the token in the link
     * @return the session, or empty if no session has that hash
     */
    Optional<VerificationSession> findByTokenHash(TokenHash hash);

    /**
     * Moves the session from PENDING to {@code outcome} only if it is PENDING and {@code now} is before its
     * expiry, in one conditional write; of many concurrent callers exactly one gets {@link Consumption.Consumed}.
     *
     * @param hash the hash of the token in the link
     * @param outcome the state the session moves to
     * @param now the time of the attempt
     * @return whether this call consumed the session
     */
    Consumption consume(TokenHash hash, SessionState outcome, Instant now);

    /**
     * Withdraws a PENDING session (e.g. its email could not be sent); no effect on any other state.
     *
     * @param id the session to withdraw
     */
    void cancel(SessionId id);

    /**
     * Marks PENDING sessions whose expiry is at or before {@code now} EXPIRED.
     *
     * @param now the current time
     * @return how many sessions expired
     */
    int expireOverdue(Instant now);

    /**
     * Deletes the tenant's sessions whose expiry is before {@code expiredBefore}, whatever their state (a PENDING one
     * is past use by then). Retention: finished links don't keep who asked for whom forever.
     *
     * @param tenant the tenant whose sessions go
     * @param expiredBefore sessions that expired before this go
     * @return how many sessions were deleted
     */
    int purgeExpiredBefore(TenantId tenant, Instant expiredBefore);

    /**
     * Counts the requester's open sessions.
     *
     * @param tenant the tenant
     * @param requester the Discord user who asked for links
     * @param now the current time
     * @return how many PENDING, unexpired sessions the requester has in the tenant (0 or 1 when the policy holds)
     */
    int countOpen(TenantId tenant, DiscordUserId requester, Instant now);

    /** The outcome of {@link #consume}. */
    sealed interface Consumption {
        /**
         * The session was pending and unexpired and is now consumed.
         *
         * @param session the session consumed, in its new state
         */
        record Consumed(VerificationSession session) implements Consumption {
        }

        /**
         * Not consumed: no such session, or not pending, or expired.
         *
         * @param current the session as it is, or empty if there is none
         */
        record NotConsumed(Optional<VerificationSession> current) implements Consumption {
        }
    }
}
