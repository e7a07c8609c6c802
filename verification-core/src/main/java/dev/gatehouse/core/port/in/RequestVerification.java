package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.Link;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;

/**
 * {@code /verify}: a member asks to verify. Depending on the tenant and server this answers the question
 * first, then emails a link to the address on file for the user id given, or hands the member off to the
 * organisation's own site.
 */
public interface RequestVerification {

    /**
     * Checks the server, the limits, the question and the directory, stores a session and starts sending its email;
     * returns without waiting for the mail relay ({@link LinkSent#delivery()} completes when it answered).
     *
     * @param command who asked, where, and what they typed
     * @return the outcome, for the member's reply
     */
    RequestResult request(RequestCommand command);

    /**
     * Who asked, where, the user id exactly as typed (the email method needs it) and the answer to the question
     * exactly as typed (if the server asks one).
     *
     * @param guild the server the command came from
     * @param guildName that server's name, shown in the email
     * @param requester who asked
     * @param userId the user id as typed, if any
     * @param answer the answer as typed, if the server asks a question
     * @param language the requester's language (Discord's locale), if known
     */
    record RequestCommand(GuildId guild, String guildName, DiscordAccount requester, Optional<String> userId,
                          Optional<String> answer, Optional<Locale> language) {
        public RequestCommand {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(guild, "guild");
            Objects.requireNonNull(guildName, "guildName");
            Objects.requireNonNull(requester, "requester");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(answer, "answer");
        }

        /**
         * A request whose requester's language isn't known.
         *
         * @param guild the server the command came from
         * @param guildName that server's name
         * @param requester who asked
         * @param userId the user id typed, if any
         * @param answer the answer typed, if the server asks a question
         */
        public RequestCommand(GuildId guild, String guildName, DiscordAccount requester, Optional<String> userId,
                              Optional<String> answer) {
            this(guild, guildName, requester, userId, answer, Optional.empty());
        }

        /**
         * {@code /verify user_id:<id>} with no answer.
         *
         * @param guild the server the command came from
         * @param guildName that server's name
         * @param requester who asked
         * @param userId the user id typed
         */
        public RequestCommand(GuildId guild, String guildName, DiscordAccount requester, String userId) {
            this(guild, guildName, requester, Optional.of(userId), Optional.empty());
        }

        /**
         * {@return the same request with the answer to the question}
         *
         * @param text the answer as typed
         */
        public RequestCommand withAnswer(String text) {
            return new RequestCommand(guild, guildName, requester, userId, Optional.of(text), language);
        }
    }

    /** How the request ended. */
    sealed interface RequestResult permits LinkSent, HandoffReady, SignInReady, DetailsNeeded, IncorrectAnswer, KickForWrongAnswers,
            AlreadyVerified, VerificationOff, SetupIncomplete, GuildNotSetUp, InvalidUserId, UnknownUser,
            DirectoryUserTaken, RateLimited, BlockedByDenial, ServiceUnavailable {
    }

    /**
     * The member should continue on the organisation's site: {@code link} carries a signed, one-time token.
     * Show it only to the member.
     *
     * @param link the organisation's page with the signed token
     * @param expiresAt when the token stops working
     * @param lifetime how long it works from now
     */
    record HandoffReady(URI link, Instant expiresAt, Duration lifetime) implements RequestResult {
        public HandoffReady {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(lifetime, "lifetime");
        }

        @Override
        public String toString() {
            return "HandoffReady[link=[redacted], expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * The member should sign in with the organisation's identity provider: {@code link} opens Gatehouse's start page for
     * this one request. Show it only to the member.
     *
     * @param link Gatehouse's start page with the one-time link token
     * @param expiresAt when the link stops working
     * @param lifetime how long it works from now, {@link dev.gatehouse.core.model.SignInRequest#LIFETIME}
     */
    record SignInReady(URI link, Instant expiresAt, Duration lifetime) implements RequestResult {
        public SignInReady {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(lifetime, "lifetime");
        }

        @Override
        public String toString() {
            return "SignInReady[link=[redacted], expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * Ask the member, then request again with what they typed: the answer to {@code question} if present,
     * and a user id if {@code userIdNeeded}. Nothing was counted or stored.
     *
     * @param question the question to ask, if any
     * @param userIdNeeded whether to ask for a user id
     */
    record DetailsNeeded(Optional<String> question, boolean userIdNeeded) implements RequestResult {
        public DetailsNeeded {
            Objects.requireNonNull(question, "question");
            if (question.isEmpty() && !userIdNeeded) {
                throw new IllegalArgumentException("details needed, but none named");
            }
        }
    }

    /**
     * The answer was wrong; it was logged and counted. {@code kickAfter} is how many wrong answers in the window
     * get the member kicked here, if the server kicks.
     *
     * @param wrongAnswers how many wrong answers the member gave in the window, this one included
     * @param kickAfter how many get the member kicked, if the server kicks
     */
    record IncorrectAnswer(int wrongAnswers, OptionalInt kickAfter) implements RequestResult {
        public IncorrectAnswer {
            Objects.requireNonNull(kickAfter, "kickAfter");
        }
    }

    /**
     * The answer was wrong, again: the server wants the member kicked now. The caller kicks.
     *
     * @param wrongAnswers how many wrong answers the member gave in the window
     */
    record KickForWrongAnswers(int wrongAnswers) implements RequestResult {
    }

    /** The server's admins switched verification off. */
    record VerificationOff() implements RequestResult {
    }

    /**
     * The tenant or server isn't configured enough to verify anyone (e.g. hand-off with no secret, a question
     * with no answers). {@code problems} are for admins; members get a general apology.
     *
     * @param problems what is missing, for admins
     */
    record SetupIncomplete(List<SetupWarning> problems) implements RequestResult {
        public SetupIncomplete {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("name at least one problem");
            }
        }
    }

    /**
     * A link is on its way. {@code maskedAddress} is shown only when the tenant reveals unknown ids;
     * otherwise it is empty for known and unknown ids alike. {@code delivery} completes when the mail
     * relay answered; on {@link MailDelivery#FAILED} the link was withdrawn and the member should try again.
     *
     * @param userId the user id the link was sent for
     * @param maskedAddress the mailbox, mostly hidden, if the tenant reveals ids
     * @param expiresAt when the link stops working
     * @param lifetime how long it works from now
     * @param delivery how the email went, once the relay answered
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
        /** The email went to the mail relay. */
        SENT,
        /** The email could not be sent; the link was withdrawn. */
        FAILED,
        /** Nothing was sent (unknown or unavailable id in enumeration-safe mode); tell the member nothing more. */
        NONE
    }

    /**
     * The member is already linked in this tenant; the role grant was queued again in case it was lost.
     *
     * @param link the member's link
     */
    record AlreadyVerified(Link link) implements RequestResult {
        public AlreadyVerified {
            Objects.requireNonNull(link, "link");
        }
    }

    /**
     * No such user id (only when the tenant chose to reveal unknown ids).
     *
     * @param userId the id as typed, normalised
     */
    record UnknownUser(DirectoryUserId userId) implements RequestResult {
        public UnknownUser {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * The directory user is linked to another account (only when the tenant reveals ids); admins can unlink.
     *
     * @param userId the directory user
     */
    record DirectoryUserTaken(DirectoryUserId userId) implements RequestResult {
        public DirectoryUserTaken {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * A rate limit was hit; {@code limit} says which.
     *
     * @param limit which limit
     * @param retryAfter how long until one more request is allowed
     */
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

    /**
     * The mailbox owner denied an earlier request from this member for this user id.
     *
     * @param retryAfter how long until the block ends
     */
    record BlockedByDenial(Duration retryAfter) implements RequestResult {
        public BlockedByDenial {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
