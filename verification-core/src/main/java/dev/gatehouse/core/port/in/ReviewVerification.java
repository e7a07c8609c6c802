package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.Link;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The emailed link: preview it (read only, safe for mail scanners), confirm it, or deny it ("this wasn't
 * me"). Each attempt with an unusable token counts as a failure for the client address's backoff.
 */
public interface ReviewVerification {

    /**
     * Read only: never changes a session, whatever the token (mail scanners fetch links before people do).
     *
     * @param command the token and the client's address
     * @return what the page shows
     */
    PreviewResult preview(LinkCommand command);

    /**
     * Confirms: in one transaction consumes the session, links the account and queues the role and nickname for
     * every server of the tenant; then tells the listeners. Confirming twice answers {@code AlreadyConfirmed}.
     *
     * @param command the token and the client's address
     * @return how it ended
     */
    ConfirmResult confirm(LinkCommand command);

    /**
     * "This wasn't me": consumes the session as denied and blocks the requester from asking for that directory
     * user again for a while.
     *
     * @param command the token and the client's address
     * @return how it ended
     */
    DenyResult deny(LinkCommand command);

    /**
     * The token from the URL, exactly as received, and where the request came from.
     *
     * @param token the token from the URL
     * @param client the address the request came from, for rate limiting
     */
    record LinkCommand(String token, ClientIp client) {
        public LinkCommand {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(client, "client");
        }

        @Override
        public String toString() {
            return "LinkCommand[token=[redacted], client=" + client + "]";
        }
    }

    /** What the link page shows before the member decides. */
    sealed interface PreviewResult permits AwaitingDecision, AlreadyConfirmed, AlreadyDenied, LinkInactive,
            LinkReplaced, LinkWithdrawn, LinkUnknown, TooManyAttempts, ServiceUnavailable {
    }

    /** How pressing Confirm ended. */
    sealed interface ConfirmResult permits Confirmed, AlreadyConfirmed, AlreadyDenied, LinkInactive, LinkReplaced,
            LinkWithdrawn, LinkUnknown, TooManyAttempts, AccountAlreadyLinked, UserLinkedElsewhere, ServiceUnavailable {
    }

    /** How pressing This wasn't me ended. */
    sealed interface DenyResult permits Denied, AlreadyConfirmed, AlreadyDenied, LinkInactive, LinkReplaced,
            LinkWithdrawn, LinkUnknown, TooManyAttempts, ServiceUnavailable {
    }

    /**
     * The link is good: show what it would link, with Confirm and "This wasn't me".
     *
     * @param session what the link would link
     */
    record AwaitingDecision(SessionView session) implements PreviewResult {
        public AwaitingDecision {
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * Linked now (or renewed); the role and nickname are queued for every server of the tenant.
     *
     * @param session what was linked
     * @param link the new link
     * @param holdsUntil when the verification lapses under the tenant's verification lifetime; empty if it holds forever
     */
    record Confirmed(SessionView session, Link link, Optional<java.time.Instant> holdsUntil) implements ConfirmResult {
        public Confirmed {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(holdsUntil, "holdsUntil");
        }

        /**
         * A verification that holds forever.
         *
         * @param session what was linked
         * @param link the new link
         */
        public Confirmed(SessionView session, Link link) {
            this(session, link, Optional.empty());
        }
    }

    /**
     * Denied now; the requester can't ask for this user again until {@code blockedUntil}.
     *
     * @param session what was denied
     * @param blockedUntil until when the requester can't ask for this user
     */
    record Denied(SessionView session, Instant blockedUntil) implements DenyResult {
        public Denied {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(blockedUntil, "blockedUntil");
        }
    }

    /**
     * The link was already used to confirm, and its expiry has not passed yet: a friendly page, not an error.
     *
     * @param session what the link linked
     */
    record AlreadyConfirmed(SessionView session) implements PreviewResult, ConfirmResult, DenyResult {
        public AlreadyConfirmed {
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * The link was already used to deny, and its expiry has not passed yet.
     *
     * @param session what the link was for
     */
    record AlreadyDenied(SessionView session) implements PreviewResult, ConfirmResult, DenyResult {
        public AlreadyDenied {
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * The link's expiry has passed, whether it was used, denied, replaced, withdrawn or never used: nothing about
     * it (who asked, for whom, where) is shown any more. The member can run /verify again.
     */
    record LinkInactive() implements PreviewResult, ConfirmResult, DenyResult {
    }

    /** A newer request by the same member replaced this link before its expiry; only the newest email works. */
    record LinkReplaced() implements PreviewResult, ConfirmResult, DenyResult {
    }

    /** The link was withdrawn because its email could not be sent (and its expiry has not passed yet). */
    record LinkWithdrawn() implements PreviewResult, ConfirmResult, DenyResult {
    }

    /** No such link (malformed, mistyped or made up). */
    record LinkUnknown() implements PreviewResult, ConfirmResult, DenyResult {
    }

    /**
     * This client address failed too often; it must wait.
     *
     * @param retryAfter how long to wait
     */
    record TooManyAttempts(Duration retryAfter) implements PreviewResult, ConfirmResult, DenyResult {
        public TooManyAttempts {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * The Discord account got linked to another user meanwhile (e.g. by an admin); nothing changed.
     *
     * @param session what the link was for
     */
    record AccountAlreadyLinked(SessionView session) implements ConfirmResult {
        public AccountAlreadyLinked {
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * The directory user is linked to another Discord account and the tenant refuses relinking; admins can unlink.
     *
     * @param session what the link was for
     */
    record UserLinkedElsewhere(SessionView session) implements ConfirmResult {
        public UserLinkedElsewhere {
            Objects.requireNonNull(session, "session");
        }
    }
}
