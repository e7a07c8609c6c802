package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One pending or finished verification: who asked, in which server, for which directory user, the token's
 * hash, when it expires, its state and the requester's language if known. Holds no secret.
 *
 * @param id the session's id
 * @param tenant the tenant of the directory user
 * @param guild the server the request came from
 * @param guildName that server's name, as shown in the email
 * @param requester the Discord account that asked
 * @param directoryUser the user the account asked to be linked to
 * @param tokenHash the hash of the link's token; the token itself is never stored
 * @param createdAt when the link was sent
 * @param expiresAt when the link stops working, after {@code createdAt}
 * @param state where the session is in its life
 * @param language the requester's language, if known
 */
public record VerificationSession(
        SessionId id,
        TenantId tenant,
        GuildId guild,
        String guildName,
        DiscordAccount requester,
        DirectoryUserId directoryUser,
        TokenHash tokenHash,
        Instant createdAt,
        Instant expiresAt,
        SessionState state,
        Optional<Locale> language) {

    public VerificationSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(guild, "guild");
        guildName = Texts.requireText("server name", guildName, 100);
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(directoryUser, "directoryUser");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(language, "language");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a session must expire after it is created");
        }
    }

    /**
     * A session whose requester's language isn't known.
     *
     * @param id the session's id
     * @param tenant the tenant
     * @param guild the server the request came from
     * @param guildName that server's name
     * @param requester the Discord account that asked
     * @param directoryUser the user asked for
     * @param tokenHash the hash of the link's token
     * @param createdAt when the link was sent
     * @param expiresAt when the link stops working
     * @param state where the session is in its life
     */
    public VerificationSession(SessionId id, TenantId tenant, GuildId guild, String guildName, DiscordAccount requester,
                               DirectoryUserId directoryUser, TokenHash tokenHash, Instant createdAt, Instant expiresAt,
                               SessionState state) {
        this(id, tenant, guild, guildName, requester, directoryUser, tokenHash, createdAt, expiresAt, state, Optional.empty());
    }

    /**
     * Pending and not yet expired at {@code now}; a session expires exactly at {@code expiresAt}.
     *
     * @param now the time to check at
     * @return true if the link still works at {@code now}
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
    public VerificationSession withState(SessionState newState) {
        return new VerificationSession(id, tenant, guild, guildName, requester, directoryUser, tokenHash, createdAt, expiresAt, newState, language);
    }
}
