package dev.gatehouse.core.model;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's OpenID Connect provider: issuer (discovered through {@code /.well-known/openid-configuration}), client
 * id and secret, scopes, the claim naming the directory user, whether the directory must hold that user, and the
 * claim carrying groups (kept as a setting; the directory has no groups yet). Issuer, client id and secret are optional
 * so an operator can set them one at a time; status reports what is missing. {@code secretProblem} says why a stored
 * secret can't be used; {@code loginProblem} is the last misconfiguration a failed sign-in showed (e.g. a missing claim).
 *
 * @param issuer the provider's issuer URL, absolute http(s) with no query or fragment; empty until set
 * @param clientId the client id the provider gave Gatehouse, without spaces; empty until set
 * @param secret the client secret; empty until set or when the stored one can't be used
 * @param scopes the scopes asked for, including {@code openid}; at most 20
 * @param userClaim the ID token claim naming the directory user (default {@value #DEFAULT_USER_CLAIM})
 * @param authority whether the directory must hold the signed-in user, or the provider alone decides
 * @param groupsClaim the claim carrying the user's groups (default {@value #DEFAULT_GROUPS_CLAIM})
 * @param secretProblem why the stored secret can't be used (e.g. it can't be decrypted); empty if it can or none is
 *                      stored
 * @param loginProblem the misconfiguration the last failed sign-in showed; empty if none since the last change
 */
public record OidcSettings(Optional<URI> issuer, Optional<String> clientId, Optional<ClientSecret> secret, List<String> scopes,
                           String userClaim, DirectoryAuthority authority, String groupsClaim, Optional<String> secretProblem,
                           Optional<String> loginProblem) {
    /** The scopes asked for unless the tenant says otherwise. */
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");
    /** The claim naming the directory user unless the tenant says otherwise. */
    public static final String DEFAULT_USER_CLAIM = "preferred_username";
    /** The claim carrying groups unless the tenant says otherwise. */
    public static final String DEFAULT_GROUPS_CLAIM = "groups";
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_.:/-]{1,100}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

    public OidcSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(secretProblem, "secretProblem");
        Objects.requireNonNull(loginProblem, "loginProblem");
        if (secret.isPresent() && secretProblem.isPresent()) {
            throw new IllegalArgumentException("a client secret is either usable or has a problem, not both");
        }
        issuer.ifPresent(OidcSettings::requireIssuer);
        clientId = clientId.map(id -> requireClientId(id));
        scopes = requireScopes(scopes);
        userClaim = requireClaim("user claim", userClaim);
        groupsClaim = requireClaim("groups claim", groupsClaim);
        secretProblem = secretProblem.map(p -> Texts.requireText("secret problem", p, 300));
        loginProblem = loginProblem.map(p -> Texts.requireText("sign-in problem", p, 500));
    }

    /**
     * Nothing configured yet: default scopes, the {@code preferred_username} claim, the directory required.
     *
     * @return the settings
     */
    public static OidcSettings none() {
        return new OidcSettings(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_SCOPES, DEFAULT_USER_CLAIM,
                DirectoryAuthority.DIRECTORY_REQUIRED, DEFAULT_GROUPS_CLAIM, Optional.empty(), Optional.empty());
    }

    /**
     * A copy with another issuer; clears the last sign-in problem, as every change does.
     *
     * @param newIssuer the issuer URL
     * @return the copy
     */
    public OidcSettings withIssuer(URI newIssuer) {
        return new OidcSettings(Optional.of(newIssuer), clientId, secret, scopes, userClaim, authority, groupsClaim, secretProblem,
                Optional.empty());
    }

    /**
     * A copy with another client id.
     *
     * @param newClientId the client id
     * @return the copy
     */
    public OidcSettings withClientId(String newClientId) {
        return new OidcSettings(issuer, Optional.of(newClientId), secret, scopes, userClaim, authority, groupsClaim, secretProblem,
                Optional.empty());
    }

    /**
     * A new secret; it replaces one that could not be used.
     *
     * @param newSecret the secret
     * @return the copy, with no secret problem
     */
    public OidcSettings withSecret(ClientSecret newSecret) {
        return new OidcSettings(issuer, clientId, Optional.of(newSecret), scopes, userClaim, authority, groupsClaim, Optional.empty(),
                Optional.empty());
    }

    /**
     * A copy with other scopes.
     *
     * @param newScopes the scopes, including {@code openid}
     * @return the copy
     */
    public OidcSettings withScopes(List<String> newScopes) {
        return new OidcSettings(issuer, clientId, secret, newScopes, userClaim, authority, groupsClaim, secretProblem, Optional.empty());
    }

    /**
     * A copy with another claim naming the user.
     *
     * @param claim the claim name
     * @return the copy
     */
    public OidcSettings withUserClaim(String claim) {
        return new OidcSettings(issuer, clientId, secret, scopes, claim, authority, groupsClaim, secretProblem, Optional.empty());
    }

    /**
     * A copy with another authority.
     *
     * @param newAuthority who decides that a signed-in person belongs
     * @return the copy
     */
    public OidcSettings withAuthority(DirectoryAuthority newAuthority) {
        return new OidcSettings(issuer, clientId, secret, scopes, userClaim, newAuthority, groupsClaim, secretProblem, Optional.empty());
    }

    /**
     * A copy with another claim carrying groups.
     *
     * @param claim the claim name
     * @return the copy
     */
    public OidcSettings withGroupsClaim(String claim) {
        return new OidcSettings(issuer, clientId, secret, scopes, userClaim, authority, claim, secretProblem, Optional.empty());
    }

    /**
     * The misconfiguration a failed sign-in revealed; cleared by any change of the settings.
     *
     * @param problem what is wrong, readable by an operator; made one line of at most 500 characters
     * @return the copy
     */
    public OidcSettings withLoginProblem(String problem) {
        return new OidcSettings(issuer, clientId, secret, scopes, userClaim, authority, groupsClaim, secretProblem,
                Optional.of(oneLine(problem)));
    }

    /**
     * Parses and checks an issuer URL as an operator typed it.
     *
     * @param text the URL as typed; surrounding space is ignored
     * @return the issuer
     * @throws IllegalArgumentException if it is not an absolute http(s) URL without query or fragment
     */
    public static URI parseIssuer(String text) {
        URI url;
        try {
            url = URI.create(Objects.requireNonNull(text, "text").strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the issuer is not a URL: " + Texts.preview(text));
        }
        requireIssuer(url);
        return url;
    }

    static void requireIssuer(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new IllegalArgumentException("the issuer must be an absolute http(s) URL, got " + Texts.preview(url.toString()));
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("the issuer can't have a query or #fragment");
        }
        if (url.toString().length() > 500) {
            throw new IllegalArgumentException("the issuer is longer than 500 characters");
        }
    }

    static String requireClientId(String id) {
        String text = Texts.requireText("client id", id, 255).strip();
        if (text.contains(" ")) {
            throw new IllegalArgumentException("a client id has no spaces");
        }
        return text;
    }

    static List<String> requireScopes(List<String> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        List<String> copy = List.copyOf(scopes);
        if (!copy.contains("openid")) {
            throw new IllegalArgumentException("the scopes must include openid");
        }
        if (copy.size() > 20) {
            throw new IllegalArgumentException("at most 20 scopes");
        }
        for (String scope : copy) {
            if (!SCOPE.matcher(scope).matches()) {
                throw new IllegalArgumentException("not a scope: " + Texts.preview(scope));
            }
        }
        return copy;
    }

    static String requireClaim(String what, String claim) {
        Objects.requireNonNull(claim, what);
        if (!CLAIM.matcher(claim).matches()) {
            throw new IllegalArgumentException("the " + what + " is a claim name (letters, digits, _ . : / -), got " + Texts.preview(claim));
        }
        return claim;
    }

    private static String oneLine(String text) {
        String line = Objects.requireNonNull(text, "problem").codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return line.length() <= 500 ? line : line.substring(0, 499) + "…";
    }

    /**
     * Parses scopes separated by spaces or commas.
     *
     * @param text the scopes as typed
     * @return the scopes, in order, not yet checked
     */
    public static List<String> parseScopes(String text) {
        return List.of(Objects.requireNonNull(text, "text").strip().split("[\\s,]+"));
    }
}
