package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.VerificationToken;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs the token that sends a member to the organisation's site, and reads the token the site signs back.
 * The two are typed differently, so one can never pass for the other. Signature and type are checked here;
 * expiry and single use are the core's. Thread-safe.
 */
public interface HandoffTokens {

    /**
     * A compact, signed token carrying the grant's claims, typed as outbound.
     *
     * @param grant what the token says
     * @param secret the tenant's shared secret
     * @return the token, a JWT
     */
    String sign(Grant grant, HandoffSecret secret);

    /**
     * Reads a callback token: checks its signature with {@code secret} and its type, then its claims.
     *
     * @param token the token the site posted back
     * @param secret the tenant's shared secret
     * @return its claims, or why it was refused
     */
    Reading readCallback(String token, HandoffSecret secret);

    /**
     * What the outbound token says: who asked, where, its one-time id, and its lifetime.
     *
     * @param jti the token's one-time id
     * @param requester the Discord account that asked
     * @param guild the server it asked in
     * @param issuedAt when the token was made
     * @param expiresAt when the token stops working
     */
    record Grant(VerificationToken jti, DiscordAccount requester, GuildId guild, Instant issuedAt, Instant expiresAt) {
        public Grant {
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(requester, "requester");
            Objects.requireNonNull(guild, "guild");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * A callback's claims: the grant's, echoed, plus the organisation's member id and, optionally, the member's
     * name. Values are as the site sent them; the core validates them.
     *
     * @param jti the one-time id from the grant
     * @param discordUserId the requester's Discord id
     * @param guildId the server's Discord id
     * @param memberId the organisation's id for the member
     * @param name the member's name, if the site sent one
     * @param issuedAt when the site made the token
     * @param expiresAt when the token stops working
     */
    record Callback(String jti, String discordUserId, String guildId, String memberId, Optional<String> name,
                    Instant issuedAt, Instant expiresAt) {
        public Callback {
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(discordUserId, "discordUserId");
            Objects.requireNonNull(guildId, "guildId");
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "Callback[jti=[redacted], discordUserId=" + discordUserId + ", guildId=" + guildId + ", memberId=" + memberId
                    + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** The outcome of {@link #readCallback}. */
    sealed interface Reading {
        /**
         * Signed with the secret, typed as a callback, with every required claim.
         *
         * @param callback the token's claims
         */
        record Signed(Callback callback) implements Reading {
            public Signed {
                Objects.requireNonNull(callback, "callback");
            }
        }

        /** Not signed with this secret (or not with HS256). */
        record BadSignature() implements Reading {
        }

        /**
         * Signed, but not typed as a callback: e.g. the outbound token posted back.
         *
         * @param type the type the token claimed
         */
        record WrongType(String type) implements Reading {
            public WrongType {
                Objects.requireNonNull(type, "type");
            }
        }

        /**
         * Not a token, or a required claim is missing or of the wrong kind; {@code reason} is safe to show.
         *
         * @param reason what is wrong, safe to show
         */
        record Malformed(String reason) implements Reading {
            public Malformed {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
