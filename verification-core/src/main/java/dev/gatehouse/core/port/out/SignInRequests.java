package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.DiscordUserId;
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
     * atomically: only the newest works.
     *
     * @param request the new sign-in, PENDING and unbound
     * @return how many earlier sign-ins were superseded
     */
    int startReplacingPending(SignInRequest request);

    /**
     * Finds a sign-in by its link token, in whatever state.
     *
     * @param linkHash the hash of the link token
     * @return the sign-in, or empty if none has this token
     */
    Optional<SignInRequest> findByLink(TokenHash linkHash);

    /**
     * Finds a sign-in by the {@code state} of its current authorization request, in whatever state.
     *
     * @param stateHash the hash of the {@code state} parameter
     * @return the sign-in, or empty if none is bound to this {@code state}
     */
    Optional<SignInRequest> findByState(TokenHash stateHash);

    /**
     * Binds an open sign-in to the {@code state}, {@code nonce} and verifier of a new authorization request, replacing
     * an earlier binding (the member pressed the button again: the newest wins). Returns the bound request, or empty if
     * no open sign-in has this link token, leaving everything unchanged.
     *
     * @param linkHash the hash of the link token
     * @param binding the hashes of the new request's secrets
     * @param now the time to judge openness at
     * @return the bound sign-in, or empty if none is open with this token
     */
    Optional<SignInRequest> bind(TokenHash linkHash, SignInRequest.Binding binding, Instant now);

    /**
     * Moves the sign-in bound exactly to {@code binding} from PENDING to CONFIRMED if it is open at {@code now}, in one
     * conditional write; of many concurrent callers exactly one gets {@link Use.Used}.
     *
     * @param binding the hashes of the secrets the provider's callback came back with
     * @param now the time to judge openness at
     * @return used with the confirmed sign-in, or why not
     */
    Use use(SignInRequest.Binding binding, Instant now);

    /**
     * Marks PENDING sign-ins whose expiry is at or before {@code now} EXPIRED.
     *
     * @param now the time to judge expiry at
     * @return how many were marked
     */
    int expireOverdue(Instant now);

    /**
     * Deletes the tenant's sign-ins whose expiry is before {@code expiredBefore}, whatever their state.
     *
     * @param tenant the tenant
     * @param expiredBefore the retention cut-off
     * @return how many were deleted
     */
    int purgeExpiredBefore(TenantId tenant, Instant expiredBefore);

    /**
     * Deletes every sign-in of the tenant (the tenant is being deleted).
     *
     * @param tenant the tenant
     * @return how many were deleted
     */
    int deleteOfTenant(TenantId tenant);

    /**
     * Deletes every sign-in a Discord account started in the tenant, whatever its state (erasure of that person's data).
     *
     * @param tenant the tenant
     * @param requester the Discord account that started them
     * @return how many were deleted
     */
    int deleteOfRequester(TenantId tenant, DiscordUserId requester);

    /** The outcome of {@link #use}. */
    sealed interface Use {
        /**
         * This caller confirmed the sign-in.
         *
         * @param request the sign-in, now CONFIRMED
         */
        record Used(SignInRequest request) implements Use {
        }

        /**
         * Not used: no sign-in has this binding, or it isn't pending, or it expired.
         *
         * @param current the sign-in the {@code state} names, as it is now; empty if none has this binding
         */
        record NotUsed(Optional<SignInRequest> current) implements Use {
        }
    }
}
