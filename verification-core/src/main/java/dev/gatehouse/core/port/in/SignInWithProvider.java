package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.OidcSettings;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.VerificationToken;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A member signs in with the tenant's OpenID Connect provider, from the link in their {@code /verify} reply. The
 * protocol (discovery, token request, ID token checks) is the adapter's; the core keeps the pending sign-in, binds it
 * to the {@code state}, {@code nonce} and PKCE verifier it hands out, uses it once, and links exactly as a confirmed
 * email link does. Every refusal changes nothing.
 */
public interface SignInWithProvider {

    /**
     * What the start page shows, read-only (link scanners may fetch it).
     *
     * @param linkToken the token from the member's link, as the browser brought it
     * @return who asks, where and until when, or why the link can't be used
     */
    PreviewResult preview(String linkToken);

    /**
     * The member pressed the button: fresh {@code state}, {@code nonce} and verifier, bound to the sign-in (newest wins).
     *
     * @param linkToken the token from the member's link
     * @return where to send the browser and the secrets to send it with, or why not
     */
    BeginResult begin(String linkToken);

    /**
     * The provider sent the browser back with {@code state}: the settings to redeem the code with, if the sign-in is open.
     * Changes nothing.
     *
     * @param secrets the {@code state} from the callback, with the {@code nonce} and verifier from the browser
     * @return the provider to redeem the code with, or why not
     */
    AwaitResult awaiting(Secrets secrets);

    /**
     * The adapter checked the provider's ID token; links by the configured claim, or refuses and changes nothing.
     *
     * @param secrets the same secrets as given to {@link #awaiting}
     * @param claims the claims of the ID token the adapter verified
     * @return the link made, or why none was
     */
    SignInResult complete(Secrets secrets, ProviderClaims claims);

    /**
     * The three values of one authorization request, as the browser and its cookie brought them back. They never print.
     *
     * @param state the {@code state} parameter of the callback
     * @param nonce the {@code nonce} kept in the browser, which the ID token must carry
     * @param verifier the PKCE code verifier kept in the browser
     */
    record Secrets(String state, String nonce, String verifier) {
        public Secrets {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(verifier, "verifier");
        }

        @Override
        public String toString() {
            return "Secrets[redacted]";
        }
    }

    /**
     * The verified ID token's claims (strings, numbers, booleans or lists of them); never stored.
     *
     * @param claims the claims by name
     */
    record ProviderClaims(Map<String, Object> claims) {
        public ProviderClaims {
            claims = Map.copyOf(Objects.requireNonNull(claims, "claims"));
        }
    }

    /** The outcome of {@link #preview}. */
    sealed interface PreviewResult permits SignInPreview, SignInRefused, ServiceUnavailable {
    }

    /** The outcome of {@link #begin}. */
    sealed interface BeginResult permits SignInBegun, SignInRefused, ServiceUnavailable {
    }

    /** The outcome of {@link #awaiting}. */
    sealed interface AwaitResult permits AwaitingProvider, SignInRefused, ServiceUnavailable {
    }

    /** The outcome of {@link #complete}. */
    sealed interface SignInResult permits SignedIn, SignInRefused, SignInConflict, ServiceUnavailable {
    }

    /**
     * The start page: who asks to be linked, where, and until when.
     *
     * @param tenant the tenant whose provider signs the member in
     * @param tenantName the tenant's name shown to members
     * @param requester the Discord account asking to be linked
     * @param guildName the server the member asked in
     * @param expiresAt when the link stops working
     */
    record SignInPreview(TenantId tenant, String tenantName, DiscordAccount requester, String guildName, Instant expiresAt)
            implements PreviewResult {
        public SignInPreview {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(tenantName, "tenantName");
            Objects.requireNonNull(requester, "requester");
            Objects.requireNonNull(guildName, "guildName");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * Send the browser to the provider with these; keep {@code nonce} and {@code verifier} in the browser only.
     *
     * @param provider the tenant's provider settings, to discover its authorization endpoint from
     * @param state the {@code state} parameter to send
     * @param nonce the {@code nonce} to send and keep
     * @param verifier the PKCE code verifier to keep; its challenge goes to the provider
     * @param expiresAt when the sign-in stops working
     */
    record SignInBegun(OidcSettings provider, VerificationToken state, VerificationToken nonce, VerificationToken verifier,
                       Instant expiresAt) implements BeginResult {
        public SignInBegun {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * The sign-in is open: redeem the code with this provider.
     *
     * @param tenant the tenant the sign-in belongs to
     * @param provider its provider settings, with the client id and secret to redeem the code with
     */
    record AwaitingProvider(TenantId tenant, OidcSettings provider) implements AwaitResult {
        public AwaitingProvider {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(provider, "provider");
        }
    }

    /**
     * Linked; role and nickname are queued for every server of the tenant.
     *
     * @param link the link made
     * @param requester the Discord account linked
     * @param realName the member's name: from the directory, or the provider's {@code name} claim, else the user id
     * @param tenantName the tenant's name shown to members
     * @param guildName the server the member asked in
     */
    record SignedIn(Link link, DiscordAccount requester, String realName, String tenantName, String guildName)
            implements SignInResult {
        public SignedIn {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(requester, "requester");
            Objects.requireNonNull(realName, "realName");
            Objects.requireNonNull(tenantName, "tenantName");
            Objects.requireNonNull(guildName, "guildName");
        }
    }

    /**
     * Refused; nothing changed.
     *
     * @param reason why
     */
    record SignInRefused(Refusal reason) implements PreviewResult, BeginResult, AwaitResult, SignInResult {
        public SignInRefused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a sign-in was refused. */
    enum Refusal {
        /** No such link or state: never issued, or mistyped. */
        UNKNOWN,
        /** Past its 10 minutes. */
        EXPIRED,
        /** Already used: a replay. */
        ALREADY_USED,
        /** The member asked again since; only the newest sign-in works. */
        REPLACED,
        /** The browser's nonce or verifier don't belong to this state (another browser, or forged). */
        MISMATCH,
        /** The tenant no longer signs in with a provider, or its settings are incomplete. */
        NOT_ENABLED,
        /** The ID token lacks the claim that names the directory user, or it isn't a valid user id. */
        MISSING_CLAIM,
        /** The directory is required and holds no such user. */
        NOT_IN_DIRECTORY
    }

    /**
     * The sign-in is good but linking would break one-account-per-person; nothing changed.
     *
     * @param conflict which link stands in the way
     */
    record SignInConflict(Conflict conflict) implements SignInResult {
        public SignInConflict {
            Objects.requireNonNull(conflict, "conflict");
        }
    }

    /** Why a good sign-in could not link the member. */
    enum Conflict {
        /** The Discord account is already linked in this tenant. */
        ACCOUNT_ALREADY_LINKED,
        /** The signed-in user is linked to another Discord account and the tenant refuses relinking. */
        USER_LINKED_ELSEWHERE
    }
}
