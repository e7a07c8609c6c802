package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.web.OidcProvider.Canned;
import dev.gatehouse.web.SignInFlow.Person;
import dev.gatehouse.web.SignInFlow.Started;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key rotation at the provider, and a provider that is down, slow or answers garbage at discovery, token or JWKS: the
 * member gets a clear page, nothing changes, and the next try works without a restart. A fresh server and provider
 * per test, so nothing is cached from another test.
 */
class SignInKeysAndFaultsTest {
    private OidcProvider provider;
    private TestServer server;
    private SignInFlow flow;

    @BeforeEach
    void start() {
        provider = new OidcProvider(false);
        server = TestServer.start(Map.of("gatehouse.oidc.connect-timeout", "1s", "gatehouse.oidc.read-timeout", "1s"));
        flow = new SignInFlow(server, provider);
    }

    @AfterEach
    void stop() {
        server.close();
        provider.close();
    }

    private void providerSignsIn(Person person) {
        provider.enqueue(new DefaultOAuth2TokenCallback(OidcProvider.ISSUER_ID, "sub-" + person.userName(), "JWT",
                List.of(SignInFlow.CLIENT_ID), Map.of("preferred_username", person.userName()), 3600));
    }

    private void assertProviderDown(Person person, HttpResponse<String> page) {
        assertEquals(502, page.statusCode(), page.body());
        assertTrue(page.body().contains("can’t be reached right now"), page.body());
        assertFalse(flow.linked(person.discord()));
        assertEquals(0, flow.outbox());
    }

    @Test
    void aRotatedKeyIsFetchedAndTheWithdrawnOneRefused() {
        Person first = flow.person();
        Started started = flow.start(first.discord());
        providerSignsIn(first);
        assertEquals(200, flow.callback(flow.authorize(started), started.cookie()).statusCode());
        var oldKey = provider.key();

        provider.rotateTo(OidcProvider.newKey("rotated-2"));
        Person second = flow.person();
        Started again = flow.start(second.discord());
        URI callback = flow.authorize(again);
        provider.answerNextTokenRequest(OidcProvider.sign(provider.key(), flow.claims(again, second.userName())));
        assertEquals(200, flow.callback(callback, again.cookie()).statusCode());
        assertTrue(flow.linked(second.discord()));

        Person third = flow.person();
        Started late = flow.start(third.discord());
        URI lateCallback = flow.authorize(late);
        provider.answerNextTokenRequest(OidcProvider.sign(oldKey, flow.claims(late, third.userName())));
        assertEquals(403, flow.callback(lateCallback, late.cookie()).statusCode());
        assertFalse(flow.linked(third.discord()));
    }

    @Test
    void aProviderThatIsDownGetsAClearPageAndChangesNothing() {
        Person person = flow.person();
        URI link = flow.verify(person.discord());
        provider.stop();

        assertProviderDown(person, server.get(link + "/start"));
    }

    @Test
    void aSlowDiscoveryGetsAClearPageAndTheNextPressWorks() {
        Person person = flow.person();
        URI link = flow.verify(person.discord());
        provider.answerNext(new Canned("/.well-known/openid-configuration", 200, "{}", Duration.ofSeconds(3)));

        assertProviderDown(person, server.get(link + "/start"));
        provider.awaitIdle();

        Started started = flow.start(person.discord());
        providerSignsIn(person);
        assertEquals(200, flow.callback(flow.authorize(started), started.cookie()).statusCode());
        assertTrue(flow.linked(person.discord()));
    }

    @Test
    void garbageAtDiscoveryGetsAClearPageAndChangesNothing() {
        Person person = flow.person();
        URI link = flow.verify(person.discord());
        provider.answerNext(new Canned("/.well-known/openid-configuration", 200, "<html>not json", Duration.ZERO));

        assertProviderDown(person, server.get(link + "/start"));
        assertEquals(302, server.get(link + "/start").statusCode(), "the next press works");
    }

    @Test
    void aSlowOrGarbageTokenEndpointGetsAClearPageAndTheSameCallbackWorksAfterwards() {
        Person person = flow.person();
        Started started = flow.start(person.discord());
        URI callback = flow.authorize(started);
        provider.answerNext(new Canned("/token", 200, "{}", Duration.ofSeconds(3)));
        assertProviderDown(person, flow.callback(callback, started.cookie()));
        provider.awaitIdle();
        provider.answerNext(new Canned("/token", 500, "<html>oops", Duration.ZERO));
        assertProviderDown(person, flow.callback(callback, started.cookie()));
        provider.answerNext(new Canned("/token", 200, "garbage", Duration.ZERO));
        assertProviderDown(person, flow.callback(callback, started.cookie()));

        providerSignsIn(person);
        assertEquals(200, flow.callback(callback, started.cookie()).statusCode());
        assertTrue(flow.linked(person.discord()));
    }

    @Test
    void aJwksAnsweringGarbageGetsAClearPageAndWorksAfterwards() {
        Person person = flow.person();
        Started started = flow.start(person.discord());
        URI callback = flow.authorize(started);
        String token = OidcProvider.sign(provider.key(), flow.claims(started, person.userName()));
        provider.answerNextTokenRequest(token);
        provider.answerNext(new Canned("/jwks", 200, "not a key set", Duration.ZERO));

        assertProviderDown(person, flow.callback(callback, started.cookie()));

        provider.answerNextTokenRequest(token);
        assertEquals(200, flow.callback(callback, started.cookie()).statusCode());
        assertTrue(flow.linked(person.discord()));
    }
}
