package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.Link;
import java.time.Duration;
import java.util.Objects;

/**
 * The organisation's site calls back: it signed a token naming the hand-off's {@code jti} and the member id it
 * vouches for. A good callback links and grants exactly as a confirmed email link does; anything else changes
 * nothing. A refused callback that wasn't signed with the tenant's secret (or was the outbound token) counts as a
 * failure for the client address's backoff; signed ones that came too late or twice don't, since the organisation's
 * site posts them all from one address.
 */
public interface CompleteHandoff {

    /**
     * Checks the signed callback and, if it holds, links and grants exactly as a confirmed email does.
     *
     * @param command the tenant, the callback token and the client's address
     * @return how it ended
     */
    HandoffResult complete(CallbackCommand command);

    /**
     * The tenant named in the callback URL, the token as posted, and who posted it.
     *
     * @param tenant the tenant id from the URL, as received
     * @param token the signed token, as posted
     * @param client the address it came from, for rate limiting
     */
    record CallbackCommand(String tenant, String token, ClientIp client) {
        public CallbackCommand {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(client, "client");
        }

        @Override
        public String toString() {
            return "CallbackCommand[tenant=" + tenant + ", token=[redacted], client=" + client + "]";
        }
    }

    /** How a hand-off callback ended. */
    sealed interface HandoffResult permits HandoffCompleted, CallbackRefused, HandoffConflict, TooManyAttempts,
            ServiceUnavailable {
    }

    /**
     * Linked; the role and nickname are queued for every server of the tenant.
     *
     * @param link the new link
     */
    record HandoffCompleted(Link link) implements HandoffResult {
        public HandoffCompleted {
            Objects.requireNonNull(link, "link");
        }
    }

    /**
     * Refused; nothing changed. {@code reason} says why, for the site's developers.
     *
     * @param reason why
     */
    record CallbackRefused(Refusal reason) implements HandoffResult {
        public CallbackRefused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a callback was refused. */
    enum Refusal {
        /** The tenant doesn't exist or doesn't use the hand-off (or has no secret). */
        NOT_ENABLED,
        /** Not a signed token, or a claim is missing or malformed. */
        MALFORMED,
        /** Not signed with the tenant's secret. */
        BAD_SIGNATURE,
        /** Signed, but not a callback (e.g. the outbound token sent back). */
        WRONG_TYPE,
        /** The callback or its hand-off has expired. */
        EXPIRED,
        /** No hand-off has this {@code jti}. */
        UNKNOWN_REQUEST,
        /** The hand-off was already completed: a replay. */
        ALREADY_USED,
        /** The member asked again since; only the newest hand-off works. */
        REPLACED,
        /** The callback names another Discord user or server than its hand-off. */
        CLAIMS_MISMATCH,
        /** The member id is not a valid user id. */
        INVALID_MEMBER_ID
    }

    /**
     * The callback is good but linking would break one-account-per-person; nothing changed.
     *
     * @param conflict which side is taken
     */
    record HandoffConflict(Conflict conflict) implements HandoffResult {
        public HandoffConflict {
            Objects.requireNonNull(conflict, "conflict");
        }
    }

    /** Why a valid callback could not link the member. */
    enum Conflict {
        /** The Discord account is already linked in this tenant. */
        ACCOUNT_ALREADY_LINKED,
        /** The member id is linked to another Discord account and the tenant refuses relinking. */
        MEMBER_LINKED_ELSEWHERE
    }

    /**
     * Too many refused callbacks from this address; wait.
     *
     * @param retryAfter how long to wait
     */
    record TooManyAttempts(Duration retryAfter) implements HandoffResult {
        public TooManyAttempts {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
