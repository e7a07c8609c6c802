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
     * @return how many sessions were superseded
     */
    int startReplacingPending(VerificationSession session);

    Optional<VerificationSession> findByTokenHash(TokenHash hash);

    /**
     * Moves the session from PENDING to {@code outcome} only if it is PENDING and {@code now} is before its
     * expiry, in one conditional write; of many concurrent callers exactly one gets {@link Consumption.Consumed}.
     */
    Consumption consume(TokenHash hash, SessionState outcome, Instant now);

    /** Withdraws a PENDING session (e.g. its email could not be sent); no effect on any other state. */
    void cancel(SessionId id);

    /** Marks PENDING sessions whose expiry is at or before {@code now} EXPIRED; returns how many. */
    int expireOverdue(Instant now);

    /**
     * Deletes the tenant's sessions whose expiry is before {@code expiredBefore}, whatever their state (a PENDING one
     * is past use by then); returns how many. Retention: finished links don't keep who asked for whom forever.
     */
    int purgeExpiredBefore(TenantId tenant, Instant expiredBefore);

    /** How many PENDING, unexpired sessions the requester has in the tenant (0 or 1 when the policy holds). */
    int countOpen(TenantId tenant, DiscordUserId requester, Instant now);

    /** The outcome of {@link #consume}. */
    sealed interface Consumption {
        /** The session was pending and unexpired and is now consumed; {@code session} is the session consumed. */
        record Consumed(VerificationSession session) implements Consumption {
        }

        /** Not consumed: no such session, or not pending, or expired. */
        record NotConsumed(Optional<VerificationSession> current) implements Consumption {
        }
    }
}
