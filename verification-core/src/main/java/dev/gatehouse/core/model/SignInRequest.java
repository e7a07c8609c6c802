package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A sign-in with the tenant's identity provider waiting to finish: who asked, in which server, the hash of the link
 * token in the member's reply, and, once the member started the sign-in, the hashes of its {@code state}, {@code nonce}
 * and PKCE verifier. Holds no secret and none of the provider's tokens.
 *
 * @param tenant the tenant whose identity provider signs the member in
 * @param guild the server the member asked in
 * @param guildName the server's name at the time, shown on the sign-in page (1 to 100 characters)
 * @param requester the Discord account that asked
 * @param linkHash the hash of the link token sent to the member
 * @param binding the hashes of the authorization request's secrets; empty until the member starts the sign-in
 * @param createdAt when the member asked
 * @param expiresAt when the sign-in stops working, after {@code createdAt}
 * @param state pending, confirmed, superseded or expired; never denied or cancelled
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

    /**
     * The hashes of the {@code state}, {@code nonce} and PKCE code verifier sent with the authorization request.
     *
     * @param stateHash the hash of the {@code state} parameter
     * @param nonceHash the hash of the {@code nonce} the ID token must carry
     * @param verifierHash the hash of the PKCE code verifier
     */
    public record Binding(TokenHash stateHash, TokenHash nonceHash, TokenHash verifierHash) {
        public Binding {
            Objects.requireNonNull(stateHash, "stateHash");
            Objects.requireNonNull(nonceHash, "nonceHash");
            Objects.requireNonNull(verifierHash, "verifierHash");
        }
    }

    /**
     * Whether the sign-in can still be used.
     *
     * @param now the time to judge at
     * @return whether it is pending and not expired at {@code now}
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
    public SignInRequest withState(SessionState newState) {
        return new SignInRequest(tenant, guild, guildName, requester, linkHash, binding, createdAt, expiresAt, newState);
    }

    /**
     * A copy bound to the secrets of the authorization request the member was sent with.
     *
     * @param newBinding the hashes of those secrets
     * @return the copy
     */
    public SignInRequest boundTo(Binding newBinding) {
        return new SignInRequest(tenant, guild, guildName, requester, linkHash, Optional.of(newBinding), createdAt, expiresAt, state);
    }
}
