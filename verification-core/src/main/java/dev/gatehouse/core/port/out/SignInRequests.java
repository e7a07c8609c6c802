package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.SignInRequest;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TokenHash;
import java.time.Instant;
import java.util.Optional;

/**
 * Sign-ins with an identity provider waiting to finish, found by the hash of their link token or of their
 * {@code state}. Thread-safe; every method is one atomic step.
 */
public interface SignInRequests {
    /**
     * Stores a new PENDING, unbound sign-in and marks the requester's other PENDING sign-ins in the tenant SUPERSEDED,
     * atomically: only the newest works. Returns how many were superseded.
     */
    int startReplacingPending(SignInRequest request);

    Optional<SignInRequest> findByLink(TokenHash linkHash);

    Optional<SignInRequest> findByState(TokenHash stateHash);

    /**
     * Binds an open sign-in to the {@code state}, {@code nonce} and verifier of a new authorization request, replacing
     * an earlier binding (the member pressed the button again: the newest wins). Returns the bound request, or empty if
     * no open sign-in has this link token, leaving everything unchanged.
     */
    Optional<SignInRequest> bind(TokenHash linkHash, SignInRequest.Binding binding, Instant now);

    /**
     * Moves the sign-in bound exactly to {@code binding} from PENDING to CONFIRMED if it is open at {@code now}, in one
     * conditional write; of many concurrent callers exactly one gets {@link Use.Used}.
     */
    Use use(SignInRequest.Binding binding, Instant now);

    /** Marks PENDING sign-ins whose expiry is at or before {@code now} EXPIRED; returns how many. */
    int expireOverdue(Instant now);

    /** Deletes the tenant's sign-ins whose expiry is before {@code expiredBefore}, whatever their state; returns how many. */
    int purgeExpiredBefore(TenantId tenant, Instant expiredBefore);

    /** Deletes every sign-in of the tenant (the tenant is being deleted); returns how many. */
    int deleteOfTenant(TenantId tenant);

    /** The outcome of {@link #use}. */
    sealed interface Use {
        record Used(SignInRequest request) implements Use {
        }

        /** Not used: no sign-in has this binding, or it isn't pending, or it expired. {@code current} is what the state names. */
        record NotUsed(Optional<SignInRequest> current) implements Use {
        }
    }
}
