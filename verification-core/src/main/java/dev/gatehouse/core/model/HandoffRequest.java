package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A hand-off to the organisation's site waiting for its callback: who asked, in which server, and the hash
 * of the token's {@code jti}, which the callback must carry and can use once. Holds no secret.
 *
 * @param tenant the tenant whose site the member is sent to
 * @param guild the server the request came from
 * @param guildName that server's name
 * @param requester the Discord account that asked
 * @param jtiHash the hash of the token's {@code jti}; the {@code jti} itself is never stored
 * @param createdAt when the hand-off started
 * @param expiresAt when it stops being usable
 * @param state where it is in its life
 * @param language the requester's language, if known, one of {@link dev.gatehouse.core.text.Languages#SUPPORTED}:
 *                 the link the hand-off makes keeps it
 */
public record HandoffRequest(
        TenantId tenant,
        GuildId guild,
        String guildName,
        DiscordAccount requester,
        TokenHash jtiHash,
        Instant createdAt,
        Instant expiresAt,
        SessionState state,
        Optional<Locale> language) {

    public HandoffRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(guild, "guild");
        guildName = Texts.requireText("server name", guildName, 100);
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(jtiHash, "jtiHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(language, "language");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a hand-off must expire after it is created");
        }
        if (state == SessionState.DENIED || state == SessionState.CANCELLED) {
            throw new IllegalArgumentException("a hand-off is pending, confirmed, superseded or expired, not " + state);
        }
    }

    /**
     * A hand-off whose requester's language isn't known.
     *
     * @param tenant the tenant whose site the member is sent to
     * @param guild the server the request came from
     * @param guildName that server's name
     * @param requester the Discord account that asked
     * @param jtiHash the hash of the token's {@code jti}
     * @param createdAt when the hand-off started
     * @param expiresAt when it stops being usable
     * @param state where it is in its life
     */
    public HandoffRequest(TenantId tenant, GuildId guild, String guildName, DiscordAccount requester, TokenHash jtiHash,
                          Instant createdAt, Instant expiresAt, SessionState state) {
        this(tenant, guild, guildName, requester, jtiHash, createdAt, expiresAt, state, Optional.empty());
    }

    /**
     * Pending and not yet expired at {@code now}; a hand-off expires exactly at {@code expiresAt}.
     *
     * @param now the time to check at
     * @return true if the hand-off can still be used at {@code now}
     */
    public boolean isOpenAt(Instant now) {
        return state == SessionState.PENDING && now.isBefore(expiresAt);
    }

    /**
     * A copy in another state.
     *
     * @param newState the state
     * @return the copy
     */
    public HandoffRequest withState(SessionState newState) {
        return new HandoffRequest(tenant, guild, guildName, requester, jtiHash, createdAt, expiresAt, newState, language);
    }
}
