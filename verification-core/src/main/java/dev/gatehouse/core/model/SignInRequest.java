package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A sign-in with the tenant's identity provider waiting to finish: who asked, in which server, the hash of the link
 * token in the member's reply, and, once the member started the sign-in, the hashes of its {@code state}, {@code nonce}
 * and PKCE verifier. Holds no secret and none of the provider's tokens.
 */
public record SignInRequest(
        TenantId tenant,
        GuildId guild,
        String guildName,
        DiscordAccount requester,
        TokenHash linkHash,
        Optional<Binding> binding,
        Instant createdAt,
        Instant expiresAt,
        SessionState state) {

    /** The 10 minutes a sign-in stays usable (ASVS 5.0 6.5.5). */
    public static final java.time.Duration LIFETIME = java.time.Duration.ofMinutes(10);

    public SignInRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(guild, "guild");
        guildName = Texts.requireText("server name", guildName, 100);
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(linkHash, "linkHash");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a sign-in must expire after it is created");
        }
        if (state == SessionState.DENIED || state == SessionState.CANCELLED) {
            throw new IllegalArgumentException("a sign-in is pending, confirmed, superseded or expired, not " + state);
        }
    }

    /** The hashes of the {@code state}, {@code nonce} and PKCE code verifier sent with the authorization request. */
    public record Binding(TokenHash stateHash, TokenHash nonceHash, TokenHash verifierHash) {
        public Binding {
            Objects.requireNonNull(stateHash, "stateHash");
            Objects.requireNonNull(nonceHash, "nonceHash");
            Objects.requireNonNull(verifierHash, "verifierHash");
        }
    }

    public boolean isOpenAt(Instant now) {
        return state == SessionState.PENDING && now.isBefore(expiresAt);
    }

    public SignInRequest withState(SessionState newState) {
        return new SignInRequest(tenant, guild, guildName, requester, linkHash, binding, createdAt, expiresAt, newState);
    }

    public SignInRequest boundTo(Binding newBinding) {
        return new SignInRequest(tenant, guild, guildName, requester, linkHash, Optional.of(newBinding), createdAt, expiresAt, state);
    }
}
