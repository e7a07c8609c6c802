package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One pending or finished verification: who asked, in which server, for which directory user, the token's
 * hash, when it expires, its state and the requester's language if known. Holds no secret.
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

    /** A session whose requester's language isn't known. */
    public VerificationSession(SessionId id, TenantId tenant, GuildId guild, String guildName, DiscordAccount requester,
                               DirectoryUserId directoryUser, TokenHash tokenHash, Instant createdAt, Instant expiresAt,
                               SessionState state) {
        this(id, tenant, guild, guildName, requester, directoryUser, tokenHash, createdAt, expiresAt, state, Optional.empty());
    }

    /** Pending and not yet expired at {@code now}; a session expires exactly at {@code expiresAt}. */
    public boolean isOpenAt(Instant now) {
        return state == SessionState.PENDING && now.isBefore(expiresAt);
    }

    public VerificationSession withState(SessionState newState) {
        return new VerificationSession(id, tenant, guild, guildName, requester, directoryUser, tokenHash, createdAt, expiresAt, newState, language);
    }
}
