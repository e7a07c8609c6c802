package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.Link;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** {@code /verify user_id:<id>}: a member asks for a verification link to the address on file. */
public interface RequestVerification {

    RequestResult request(RequestCommand command);

    /** Who asked, where, and the user id exactly as typed. */
    record RequestCommand(GuildId guild, String guildName, DiscordAccount requester, String userId) {
        public RequestCommand {
            Objects.requireNonNull(guild, "guild");
            Objects.requireNonNull(guildName, "guildName");
            Objects.requireNonNull(requester, "requester");
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** How the request ended. */
    sealed interface RequestResult permits LinkSent, AlreadyVerified, GuildNotSetUp, InvalidUserId, UnknownUser,
            DirectoryUserTaken, RateLimited, BlockedByDenial, ServiceUnavailable {
    }

    /**
     * A link is on its way. {@code maskedAddress} is shown only when the tenant reveals unknown ids;
     * otherwise it is empty for known and unknown ids alike. {@code delivery} completes when the mail
     * relay answered; on {@link MailDelivery#FAILED} the link was withdrawn and the member should try again.
     */
    record LinkSent(DirectoryUserId userId, Optional<String> maskedAddress, Instant expiresAt, Duration lifetime,
                    CompletionStage<MailDelivery> delivery) implements RequestResult {
        public LinkSent {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(maskedAddress, "maskedAddress");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(lifetime, "lifetime");
            Objects.requireNonNull(delivery, "delivery");
        }
    }

    /** How the email went. */
    enum MailDelivery {
        SENT,
        /** The email could not be sent; the link was withdrawn. */
        FAILED,
        /** Nothing was sent (unknown or unavailable id in enumeration-safe mode); tell the member nothing more. */
        NONE
    }

    /** The member is already linked in this tenant; the role grant was queued again in case it was lost. */
    record AlreadyVerified(Link link) implements RequestResult {
        public AlreadyVerified {
            Objects.requireNonNull(link, "link");
        }
    }

    /** No such user id (only when the tenant chose to reveal unknown ids). */
    record UnknownUser(DirectoryUserId userId) implements RequestResult {
        public UnknownUser {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** The directory user is linked to another account (only when the tenant reveals ids); admins can unlink. */
    record DirectoryUserTaken(DirectoryUserId userId) implements RequestResult {
        public DirectoryUserTaken {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** A rate limit was hit; {@code limit} says which. */
    record RateLimited(Limit limit, Duration retryAfter) implements RequestResult {
        public RateLimited {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Which rate limit. */
    enum Limit {
        /** This Discord account asked too often. */
        REQUESTER,
        /** This directory user's mailbox got too many emails. */
        MAILBOX,
        /** The whole tenant is over its request budget. */
        TENANT
    }

    /** The mailbox owner denied an earlier request from this member for this user id. */
    record BlockedByDenial(Duration retryAfter) implements RequestResult {
        public BlockedByDenial {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
