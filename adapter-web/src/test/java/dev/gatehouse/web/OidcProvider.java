package dev.gatehouse.web;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * A real OpenID provider for tests: NAV's mock-oauth2-server, in this JVM on a loopback port, signing with an RSA key
 * the test holds (so a test can also sign tokens the provider would never issue). {@link #rotate()} restarts it on the
 * same port with a new key, as a provider rotating its keys does.
 */
final class OidcProvider implements AutoCloseable {
    static final String ISSUER_ID = "acme";

    private final boolean interactive;
    private int port;
    private RSAKey key;
    private KeyProvider keys;
    private MockOAuth2Server server;
    private final CannedAnswers answers = new CannedAnswers();

    /** One canned answer for the next request whose path ends so, given after {@code delay}. */
    record Canned(String pathSuffix, int status, String body, Duration delay) {
    }

    /** Goes before the provider's own routes: answers the first request matching the head of the queue. */
    private static final class CannedAnswers implements Route {
        private final Queue<Canned> queue = new ConcurrentLinkedQueue<>();

        private volatile String jwks;

        @Override
        public boolean match(OAuth2HttpRequest request) {
            if (jwks != null && request.getUrl().encodedPath().endsWith("/jwks") && queue.isEmpty()) {
                return true;
            }
            Canned next = queue.peek();
            return next != null && request.getUrl().encodedPath().endsWith(next.pathSuffix());
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            Canned canned = queue.poll();
            if (canned == null) {
                return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200, jwks, null);
            }
            try {
                Thread.sleep(canned.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), canned.status(), canned.body(), null);
        }
    }

    OidcProvider(boolean interactive) {
        this.interactive = interactive;
        this.key = newKey(ISSUER_ID);
        start(0);
    }

    private void start(int wantedPort) {
        keys = new KeyProvider(List.of(key));
        OAuth2TokenProvider tokens = new OAuth2TokenProvider(keys, java.time.Instant::now);
        server = new MockOAuth2Server(new OAuth2Config(interactive, null, null, false, tokens, Set.of(), new MockWebServerWrapper()),
                answers);
        try {
            server.start(InetAddress.getLoopbackAddress(), wantedPort);
        } catch (RuntimeException e) {
            throw new IllegalStateException("mock-oauth2-server did not start on port " + wantedPort, e);
        }
        port = server.baseUrl().port();
    }

    static RSAKey newKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    URI issuer() {
        return URI.create(server.issuerUrl(ISSUER_ID).toString());
    }

    /** The key the provider signs its ID tokens with now (the mock names it after the issuer). */
    RSAKey key() {
        return rotated != null ? rotated : keys.signingKey(ISSUER_ID).toRSAKey();
    }

    private volatile RSAKey rotated;

    /**
     * Key rotation: from now on the provider's JWKS publishes only {@code next} (the old key is withdrawn) and tokens
     * are signed with it. The mock keeps its own key, so the test signs the tokens the token endpoint hands out.
     */
    void rotateTo(RSAKey next) {
        rotated = next;
        answers.jwks = new com.nimbusds.jose.jwk.JWKSet(next.toPublicJWK()).toString();
    }

    /** Waits until the provider answers again (it serves one request at a time, so a slow answer holds the next ones). */
    void awaitIdle() {
        try {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create(issuer() + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(30)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        server.shutdown();
    }

    /** Shapes the next token the provider issues through its own flow. */
    void enqueue(no.nav.security.mock.oauth2.token.OAuth2TokenCallback callback) {
        server.enqueueCallback(callback);
    }

    /** The next request to a path ending in {@code pathSuffix} gets this answer instead of the provider's. */
    void answerNext(Canned canned) {
        answers.queue.add(canned);
    }

    /** The token endpoint's next answer carries this ID token. */
    void answerNextTokenRequest(String idToken) {
        answerNext(new Canned("/token", 200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"id_token\":\"" + idToken + "\"}", Duration.ZERO));
    }

    /** Signs these claims with {@code signingKey} as an RS256 JWT. */
    static String sign(RSAKey signingKey, Map<String, Object> claims) {
        try {
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
            claims.forEach(set::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), set.build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
