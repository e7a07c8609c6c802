package dev.gatehouse.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.gatehouse.core.model.OidcSettings;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The OpenID Connect protocol, all of it by the Nimbus OAuth 2.0 SDK: discovery, the authorization request with
 * PKCE (S256), {@code state} and {@code nonce}, the token request, and the ID token's checks (issuer, audience,
 * {@code azp}, expiry, nonce, signature by a key of the provider's JWKS, fetched again when a token names a key it
 * doesn't hold, so rotation needs no restart). Discovery is kept for a few minutes and only when it succeeded, so a
 * provider that was down works again as soon as it is back. The provider's tokens are read and dropped. Thread-safe.
 */
@Singleton
final class OidcClient {
    private static final System.Logger LOG = System.getLogger(OidcClient.class.getName());
    static final Duration DISCOVERY_KEPT = Duration.ofMinutes(5);
    private static final int SIZE_LIMIT = 512 * 1024;

    private final int connectMillis;
    private final int readMillis;
    private final Clock clock;
    private final ConcurrentMap<URI, Provider> providers = new ConcurrentHashMap<>();

    @Inject
    OidcClient(@Value("${gatehouse.oidc.connect-timeout:3s}") Duration connectTimeout,
               @Value("${gatehouse.oidc.read-timeout:5s}") Duration readTimeout) {
        this(connectTimeout, readTimeout, Clock.systemUTC());
    }

    OidcClient(Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.connectMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readMillis = Math.toIntExact(readTimeout.toMillis());
        this.clock = clock;
    }

    /** A discovered provider: its metadata and its keys. */
    record Provider(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys, Instant discoveredAt) {
    }

    sealed interface Discovery {
        record Found(Provider provider) implements Discovery {
        }

        /** Unreachable, slow, or not a valid OpenID provider configuration for that issuer. */
        record Failed(String reason) implements Discovery {
        }
    }

    sealed interface Redeemed {
        /** The ID token passed every check; its claims. */
        record Verified(Map<String, Object> claims) implements Redeemed {
        }

        /** The provider answered, but not with a token we accept (refused code, bad token). */
        record Refused(String reason) implements Redeemed {
        }

        /** The provider couldn't be asked: down, slow, or answering garbage. */
        record Unreachable(String reason) implements Redeemed {
        }
    }

    Discovery discover(URI issuer) {
        Provider known = providers.get(issuer);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.discoveredAt().plus(DISCOVERY_KEPT))) {
            return new Discovery.Found(known);
        }
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(issuer.toString()), connectMillis, readMillis);
            if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null
                    || metadata.getJWKSetURI() == null) {
                return new Discovery.Failed("the provider's configuration lacks an authorization, token or JWKS endpoint");
            }
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                            new DefaultResourceRetriever(connectMillis, readMillis, SIZE_LIMIT))
                    .cache(DISCOVERY_KEPT.toMillis(), readMillis + 1000L)
                    .refreshAheadCache(false)
                    .rateLimited(false)
                    .retrying(false)
                    .build();
            Provider provider = new Provider(metadata, keys, now);
            providers.put(issuer, provider);
            return new Discovery.Found(provider);
        } catch (GeneralException e) {
            return failed(issuer, "its configuration is not valid: " + e.getMessage());
        } catch (IOException e) {
            return failed(issuer, "it can't be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (RuntimeException e) {
            return failed(issuer, "its configuration could not be read: " + e.getClass().getSimpleName());
        }
    }

    private static Discovery failed(URI issuer, String reason) {
        LOG.log(System.Logger.Level.WARNING, "discovery of identity provider " + issuer + " failed: " + reason);
        return new Discovery.Failed(reason);
    }

    /** Where to send the browser: the provider's authorization endpoint with the code flow's parameters. */
    URI authorizationRequest(Provider provider, OidcSettings settings, URI redirect, String state, String nonce, String verifier) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(settings.scopes().toArray(String[]::new)),
                new ClientID(settings.clientId().orElseThrow()), redirect)
                .endpointURI(provider.metadata().getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(new Nonce(nonce))
                .codeChallenge(new CodeVerifier(verifier), CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /** Redeems the code at the token endpoint and checks the ID token; nothing of the answer is kept. */
    Redeemed redeem(Provider provider, OidcSettings settings, String code, URI redirect, String verifier, String nonce) {
        ClientID client = new ClientID(settings.clientId().orElseThrow());
        Secret secret = new Secret(settings.secret().orElseThrow().reveal());
        TokenRequest request = new TokenRequest(provider.metadata().getTokenEndpointURI(), authentication(provider, client, secret),
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirect, new CodeVerifier(verifier)));
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(connectMillis);
        http.setReadTimeout(readMillis);
        HTTPResponse answer;
        try {
            answer = http.send();
        } catch (IOException e) {
            return new Redeemed.Unreachable("the token endpoint can't be reached: " + e.getClass().getSimpleName());
        }
        if (answer.getStatusCode() >= 500) {
            return new Redeemed.Unreachable("the token endpoint answered HTTP " + answer.getStatusCode());
        }
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(answer);
        } catch (ParseException e) {
            return new Redeemed.Unreachable("the token endpoint's answer is not a token response");
        }
        if (!response.indicatesSuccess()) {
            TokenErrorResponse error = response.toErrorResponse();
            return new Redeemed.Refused("the token endpoint refused the code: "
                    + (error.getErrorObject() == null ? "no reason" : error.getErrorObject().getCode()));
        }
        if (!(response instanceof OIDCTokenResponse tokens) || tokens.getOIDCTokens().getIDToken() == null) {
            return new Redeemed.Refused("the token endpoint sent no ID token");
        }
        return check(provider, client, tokens.getOIDCTokens().getIDToken(), nonce);
    }

    private static ClientAuthentication authentication(Provider provider, ClientID client, Secret secret) {
        List<ClientAuthenticationMethod> methods = provider.metadata().getTokenEndpointAuthMethods();
        boolean postOnly = methods != null && !methods.isEmpty() && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        return postOnly ? new ClientSecretPost(client, secret) : new ClientSecretBasic(client, secret);
    }

    private Redeemed check(Provider provider, ClientID client, JWT idToken, String nonce) {
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        List<JWSAlgorithm> advertised = provider.metadata().getIDTokenJWSAlgs();
        if (advertised != null) {
            advertised.stream().filter(a -> JWSAlgorithm.Family.SIGNATURE.contains(a)).forEach(algorithms::add);
        }
        if (algorithms.isEmpty()) {
            algorithms.add(JWSAlgorithm.RS256);
        }
        IDTokenValidator validator = new IDTokenValidator(provider.metadata().getIssuer(), client,
                new JWSVerificationKeySelector<>(algorithms, provider.keys()), null);
        try {
            IDTokenClaimsSet claims = validator.validate(idToken, new Nonce(nonce));
            String authorisedParty = claims.getStringClaim("azp");
            if ((claims.getAudience().size() > 1 || authorisedParty != null) && !client.getValue().equals(authorisedParty)) {
                return new Redeemed.Refused("the ID token is authorised for another party (azp)");
            }
            return new Redeemed.Verified(plain(claims.toJWTClaimsSet().getClaims()));
        } catch (BadJOSEException e) {
            LOG.log(System.Logger.Level.INFO, "ID token refused: " + e.getMessage());
            return new Redeemed.Refused("the ID token was refused: " + e.getMessage());
        } catch (JOSEException e) {
            return new Redeemed.Unreachable("the provider's keys can't be fetched: " + e.getMessage());
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            return new Redeemed.Refused("the ID token's claims are malformed");
        }
    }

    /** Claims as strings, numbers, booleans and lists of strings; dates as epoch seconds; anything else as text. */
    private static Map<String, Object> plain(Map<String, Object> claims) {
        Map<String, Object> plain = new LinkedHashMap<>();
        claims.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                plain.put(name, value);
            } else if (value instanceof Date date) {
                plain.put(name, date.toInstant().getEpochSecond());
            } else if (value instanceof List<?> list) {
                plain.put(name, list.stream().map(String::valueOf).toList());
            } else {
                plain.put(name, value.toString());
            }
        });
        return plain;
    }

    static URI redirectUri(URI publicBaseUrl) {
        return URI.create(publicBaseUrl.toString().replaceAll("/+$", "") + "/sign-in/callback");
    }

    static boolean isUrl(URI uri) {
        try {
            uri.toURL();
            return true;
        } catch (MalformedURLException | IllegalArgumentException e) {
            return false;
        }
    }
}
