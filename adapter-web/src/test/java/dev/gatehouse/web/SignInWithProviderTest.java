package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.gatehouse.web.SignInFlow.Person;
import dev.gatehouse.web.SignInFlow.Started;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sign-in with an identity provider against a real one (mock-oauth2-server in this JVM): the authorization code
 * flow with PKCE, state and nonce, the ID token's checks, and the refusals, each of which changes nothing.
 */
class SignInWithProviderTest {
    private static OidcProvider provider;
    private static TestServer server;
    private static SignInFlow flow;

    @BeforeAll
    static void start() {
        provider = new OidcProvider(false);
        server = TestServer.start(Map.of());
        flow = new SignInFlow(server, provider);
    }

    @AfterAll
    static void stop() {
        server.close();
        provider.close();
    }

    private void providerSignsIn(Person person) {
        provider.enqueue(new DefaultOAuth2TokenCallback(OidcProvider.ISSUER_ID, "sub-" + person.userName(), "JWT",
                List.of(SignInFlow.CLIENT_ID), Map.of("preferred_username", person.userName()), 3600));
    }

    @Test
    void theCodeFlowWithPkceLinksTheMemberAndQueuesTheRole() {
        Person person = flow.person();
        Started started = flow.start(person.discord());
        assertEquals("S256", SignInFlow.query(started.authorization(), "code_challenge_method"));
        assertEquals(SignInFlow.CLIENT_ID, SignInFlow.query(started.authorization(), "client_id"));
        assertFalse(started.authorization().toString().contains("client-secret"), "the secret stays on the server");
        long before = flow.outbox();
        providerSignsIn(person);

        HttpResponse<String> page = flow.callback(flow.authorize(started), started.cookie());

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("You’re verified"), page.body());
        assertTrue(page.body().contains(person.user().name().value()), page.body());
        assertTrue(flow.linked(person.discord()));
        assertTrue(flow.outbox() > before, "role and nickname queued");
    }

    @Test
    void aReplayedCodeIsRefusedAndChangesNothing() {
        Person person = flow.person();
        Started started = flow.start(person.discord());
        providerSignsIn(person);
        URI callback = flow.authorize(started);
        assertEquals(200, flow.callback(callback, started.cookie()).statusCode());
        long outbox = flow.outbox();

        HttpResponse<String> replay = flow.callback(callback, started.cookie());

        assertEquals(410, replay.statusCode(), replay.body());
        assertEquals(outbox, flow.outbox());
    }

    @Test
    void aWrongStateIsRefusedAndChangesNothing() {
        Person person = flow.person();
        Started started = flow.start(person.discord());
        URI callback = flow.authorize(started);
        URI forged = URI.create(callback.toString().replace("state=" + started.state(), "state=" + "A".repeat(43)));

        refusedWithoutChange(person, flow.callback(forged, started.cookie()), 404);
        refusedWithoutChange(person, flow.callback(callback, null), 403);
    }

    @Test
    void aWrongNonceIsRefused() {
        refusedToken(claims -> claims.put("nonce", "n-" + "x".repeat(40)));
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRefused() {
        refusedToken(claims -> claims.put("iss", "http://127.0.0.1:1/evil"));
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        refusedToken(claims -> claims.put("aud", "another-client"));
    }

    @Test
    void anIdTokenAuthorisedForAnotherPartyIsRefused() {
        refusedToken(claims -> {
            claims.put("aud", List.of(SignInFlow.CLIENT_ID, "another-client"));
            claims.put("azp", "another-client");
        });
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        refusedToken(claims -> {
            claims.put("iat", Date.from(Instant.now().minusSeconds(7200)));
            claims.put("exp", Date.from(Instant.now().minusSeconds(3600)));
        });
    }

    @Test
    void anIdTokenSignedWithAKeyNotInTheJwksIsRefused() {
        Person person = flow.person();
        Started started = flow.start(person.discord());
        URI callback = flow.authorize(started);
        provider.answerNextTokenRequest(OidcProvider.sign(OidcProvider.newKey("not-published"),
                flow.claims(started, person.userName())));

        refusedWithoutChange(person, flow.callback(callback, started.cookie()), 403);
    }

    @Test
    void anUnsignedIdTokenIsRefused() throws Exception {
        Person person = flow.person();
        Started started = flow.start(person.discord());
        URI callback = flow.authorize(started);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        flow.claims(started, person.userName()).forEach(claims::claim);
        provider.answerNextTokenRequest(new PlainJWT(claims.build()).serialize());

        refusedWithoutChange(person, flow.callback(callback, started.cookie()), 403);
    }

    @Test
    void aUserMissingFromTheRequiredDirectoryIsRefused() {
        Person person = flow.person();
        Started started = flow.start(person.discord());
        URI callback = flow.authorize(started);
        provider.answerNextTokenRequest(OidcProvider.sign(provider.key(), flow.claims(started, "nobody-here")));

        HttpResponse<String> page = flow.callback(callback, started.cookie());

        refusedWithoutChange(person, page, 403);
        assertTrue(page.body().contains("directory"), page.body());
    }

    @Test
    void aGoodTokenSignedByTheProvidersKeyIsAccepted() {
        Person person = flow.person();
        Started started = flow.start(person.discord());
        URI callback = flow.authorize(started);
        provider.answerNextTokenRequest(OidcProvider.sign(provider.key(), flow.claims(started, person.userName())));

        assertEquals(200, flow.callback(callback, started.cookie()).statusCode());
        assertTrue(flow.linked(person.discord()));
    }

    private void refusedToken(Consumer<Map<String, Object>> spoil) {
        Person person = flow.person();
        Started started = flow.start(person.discord());
        URI callback = flow.authorize(started);
        Map<String, Object> claims = flow.claims(started, person.userName());
        spoil.accept(claims);
        provider.answerNextTokenRequest(OidcProvider.sign(provider.key(), claims));

        refusedWithoutChange(person, flow.callback(callback, started.cookie()), 403);
    }

    private void refusedWithoutChange(Person person, HttpResponse<String> page, int status) {
        long outbox = flow.outbox();
        assertEquals(status, page.statusCode(), page.body());
        assertTrue(page.body().contains("Nothing was linked") || page.body().contains("isn’t valid"), page.body());
        assertFalse(flow.linked(person.discord()), "no link");
        assertEquals(outbox, flow.outbox(), "no outbox row");
    }
}
