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
     * atomically: only the newest works. Returns how many were superseded.
     */
    int startReplacingPending(HandoffRequest request);

    Optional<HandoffRequest> find(TokenHash jtiHash);

    /**
     * Moves the hand-off from PENDING to CONFIRMED only if it is PENDING and {@code now} is before its expiry,
     * in one conditional write; of many concurrent callers exactly one gets {@link Use.Used}.
     */
    Use use(TokenHash jtiHash, Instant now);

    /** Marks PENDING hand-offs whose expiry is at or before {@code now} EXPIRED; returns how many. */
    int expireOverdue(Instant now);

    /** Deletes the tenant's hand-offs whose expiry is before {@code expiredBefore}, whatever their state; returns how many. */
    int purgeExpiredBefore(TenantId tenant, Instant expiredBefore);

    /** The outcome of {@link #use}. */
    sealed interface Use {
        /** The request was pending and is now used. */
        record Used(HandoffRequest request) implements Use {
        }

        /** Not used: no such hand-off, or not pending, or expired. */
        record NotUsed(Optional<HandoffRequest> current) implements Use {
        }
    }
}
