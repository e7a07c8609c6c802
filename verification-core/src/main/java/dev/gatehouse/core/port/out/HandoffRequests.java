package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TokenHash;
import java.time.Instant;
import java.util.Optional;

/** Hand-offs waiting for the organisation's callback, found by the hash of their {@code jti}. Thread-safe. */
public interface HandoffRequests {
    /**
     * Stores a new PENDING hand-off and marks the requester's other PENDING hand-offs in the tenant SUPERSEDED,
     * atomically: only the newest works.
     *
     * @param request the new hand-off, PENDING
     * @return how many hand-offs were superseded
     */
    int startReplacingPending(HandoffRequest request);

    /**
     * Finds a hand-off in any state.
     *
     * @param jtiHash the hash of the hand-off token's {@code jti}
     * @return the hand-off, or empty if none has that hash
     */
    Optional<HandoffRequest> find(TokenHash jtiHash);

    /**
     * Moves the hand-off from PENDING to CONFIRMED only if it is PENDING and {@code now} is before its expiry,
     * in one conditional write; of many concurrent callers exactly one gets {@link Use.Used}.
     *
     * @param jtiHash the hash of the callback token's {@code jti}
     * @param now the time of the callback
     * @return whether this call used the hand-off
     */
    Use use(TokenHash jtiHash, Instant now);

    /**
     * Marks PENDING hand-offs whose expiry is at or before {@code now} EXPIRED.
     *
     * @param now the current time
     * @return how many hand-offs expired
     */
    int expireOverdue(Instant now);

    /**
     * Deletes the tenant's hand-offs whose expiry is before {@code expiredBefore}, whatever their state.
     *
     * @param tenant the tenant whose hand-offs go
     * @param expiredBefore hand-offs that expired before this go
     * @return how many hand-offs were deleted
     */
    int purgeExpiredBefore(TenantId tenant, Instant expiredBefore);

    /** The outcome of {@link #use}. */
    sealed interface Use {
        /**
         * The request was pending and is now used.
         *
         * @param request the hand-off, now CONFIRMED
         */
        record Used(HandoffRequest request) implements Use {
        }

        /**
         * Not used: no such hand-off, or not pending, or expired.
         *
         * @param current the hand-off as it is, or empty if there is none
         */
        record NotUsed(Optional<HandoffRequest> current) implements Use {
        }
    }
}
