package dev.gatehouse.web;

import static dev.gatehouse.web.PageAssertions.assertPage;
import static dev.gatehouse.web.PageAssertions.assertSecured;
import static dev.gatehouse.web.PageAssertions.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.web.GatehouseFixture.Member;
import dev.gatehouse.web.GatehouseFixture.StoreState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route and outcome over real HTTP, against the real core with in-memory stores. No proxy is trusted
 * here, so every request's client is 127.0.0.1 whatever headers it sends.
 */
class LinkPagesTest {
    private static final String UNKNOWN_TOKEN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private static TestServer server;
    private static GatehouseFixture core;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
        core = server.core;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void freshDay() {
        core.stores(StoreState.UP);
        core.advance(Duration.ofDays(2));
    }

    @Test
    void homePageSaysWhatTheServiceIs() {
        HttpResponse<String> home = server.get("/");
        assertPage(home, 200, "Discord verification");
        assertTrue(text(home.body()).contains("/verify"));
    }

    @Test
    void healthAnswersUpAsJson() {
        HttpResponse<String> health = server.get("/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("{\"status\":\"UP\"}", health.body());
        assertSecured(health);
    }

    @Test
    void confirmLinkShowsWhoAndWhatWillBeLinkedWithConfirmAndNotMeButtons() {
        Member ada = core.member("Ada Lovelace", "ada_l");
        VerificationEmail email = core.requestLink(ada);

        HttpResponse<String> page = server.get(email.confirmLink().toString());

        assertPage(page, 200, "Link this Discord account to you?");
        String shown = text(page.body());
        for (String fact : new String[] {"ada_l", ada.discord().id().toString(), "Ada Lovelace", ada.user().id().value(),
                GatehouseFixture.TENANT_NAME, GatehouseFixture.GUILD_NAME}) {
            assertTrue(shown.contains(fact), () -> "the page names " + fact + ": " + shown);
        }
        String token = email.confirmLink().getPath().substring("/verify/".length());
        assertTrue(page.body().contains("<form method=\"post\">"), "Confirm posts back to the same link");
        assertTrue(page.body().contains("<form method=\"post\" action=\"../deny/" + token + "\">"), "This wasn't me posts to /deny");
        assertTrue(shown.contains("Confirm") && shown.contains("This wasn’t me"));
    }

    @Test
    void theConfirmationPageSaysUntilWhenAVerificationHoldsAndNothingWhenItHoldsForever() {
        Member ada = core.member("Ada Lovelace");
        HttpResponse<String> forever = server.post(core.requestLink(ada).confirmLink().toString());
        assertPage(forever, 200, "You’re verified");
        assertTrue(!text(forever.body()).contains("holds until"), text(forever.body()));

        dev.gatehouse.core.model.TenantSettings before = core.stores().tenants().find(GatehouseFixture.TENANT).orElseThrow();
        core.stores().tenants().save(before.withReverification(
                new dev.gatehouse.core.model.VerificationLifetime.Lasting(java.time.Duration.ofDays(365)), java.time.Duration.ofDays(7)));
        try {
            Member grace = core.member("Grace Hopper");
            HttpResponse<String> confirmed = server.post(core.requestLink(grace).confirmLink().toString());

            assertPage(confirmed, 200, "You’re verified");
            java.time.Instant until = core.linkOf(grace).orElseThrow().linkedAt().plus(java.time.Duration.ofDays(365));
            assertTrue(text(confirmed.body()).contains("This verification holds until "
                    + dev.gatehouse.core.text.Moments.describe(until, before.timeZone(), java.util.Locale.ENGLISH)), text(confirmed.body()));
        } finally {
            core.stores().tenants().save(before);
        }
    }

    @Test
    void getAndHeadChangeNothingSoAPostStillConfirms() {
        Member grace = core.member("Grace Hopper");
        VerificationEmail email = core.requestLink(grace);

        for (int i = 0; i < 2; i++) {
            assertEquals(200, server.get(email.confirmLink().toString()).statusCode());
            assertEquals(200, server.head(email.confirmLink().toString()).statusCode());
            assertEquals(200, server.get(email.denyLink().toString()).statusCode());
            assertEquals(200, server.head(email.denyLink().toString()).statusCode());
        }
        assertTrue(core.linkOf(grace).isEmpty(), "a scanner's GET or HEAD links nothing");
        assertPage(server.get(email.confirmLink().toString()), 200, "Link this Discord account to you?");

        HttpResponse<String> confirmed = server.post(email.confirmLink().toString());

        assertPage(confirmed, 200, "You’re verified");
        assertTrue(text(confirmed.body()).contains("Grace Hopper"));
        assertTrue(core.linkOf(grace).isPresent());
    }

    @Test
    void headAnswersWithHeadersOnly() {
        VerificationEmail email = core.requestLink(core.member("Hedy Lamarr"));

        HttpResponse<String> head = server.head(email.confirmLink().toString());

        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertSecured(head);
    }

    @Test
    void confirmingAgainShowsAFriendlyAlreadyConfirmedPage() {
        Member alan = core.member("Alan Turing");
        VerificationEmail email = core.requestLink(alan);
        assertEquals(200, server.post(email.confirmLink().toString()).statusCode());

        assertPage(server.post(email.confirmLink().toString()), 200, "Already confirmed");
        assertPage(server.get(email.confirmLink().toString()), 200, "Already confirmed");
        HttpResponse<String> lateDenial = server.post(email.denyLink().toString());
        assertPage(lateDenial, 200, "Already confirmed");
        assertTrue(text(lateDenial.body()).contains("If it wasn’t you who confirmed, ask the administrators of "
                + GatehouseFixture.GUILD_NAME));
        assertTrue(core.linkOf(alan).isPresent(), "a late denial does not undo the link");
    }

    @Test
    void denyLinkPreviewsWithOnlyADenyButtonThenTurnsTheRequestDown() {
        Member mallory = core.member("Katherine Johnson", "not_katherine");
        VerificationEmail email = core.requestLink(mallory);

        HttpResponse<String> preview = server.get(email.denyLink().toString());
        assertPage(preview, 200, "Turn down this request?");
        assertTrue(text(preview.body()).contains("not_katherine"));
        assertFalse(preview.body().contains(">Confirm<"), "the deny link offers no Confirm button");
        assertTrue(preview.body().contains("<form method=\"post\">"));

        HttpResponse<String> denied = server.post(email.denyLink().toString());
        assertPage(denied, 200, "Request turned down");
        assertTrue(text(denied.body()).contains("can’t ask to be verified as you again until"));
        assertTrue(core.linkOf(mallory).isEmpty());

        assertPage(server.post(email.confirmLink().toString()), 200, "Already turned down");
        assertPage(server.post(email.denyLink().toString()), 200, "Already turned down");
        assertTrue(core.linkOf(mallory).isEmpty(), "a denied link can't be confirmed later");
    }

    @Test
    void formPostsCarryingTheOriginsBrowsersSendAreAccepted() {
        Member opaque = core.member("Joan Clarke");
        VerificationEmail first = core.requestLink(opaque);
        Member named = core.member("Mavis Batey");
        VerificationEmail second = core.requestLink(named);

        assertPage(server.post(first.confirmLink().toString(), "Origin", "null"), 200, "You’re verified");
        assertPage(server.post(second.denyLink().toString(), "Origin", server.base.toString()), 200, "Request turned down");
    }

    @Test
    void aRequestRefusedByAnotherFilterStillGetsAPageAndTheHeaders() {
        VerificationEmail email = core.requestLink(core.member("Dorothy Vaughan"));

        HttpResponse<String> refused = server.post(email.confirmLink().toString(), "Origin", "https://elsewhere.example");

        assertPage(refused, 403, "Request not understood");
    }

    @Test
    void expiredLinkIsGone() {
        Member member = core.member("Barbara Liskov");
        VerificationEmail email = core.requestLink(member);
        core.advance(Duration.ofMinutes(16));

        HttpResponse<String> page = server.get(email.confirmLink().toString());
        assertPage(page, 410, "This link is no longer active");
        assertTrue(text(page.body()).contains("type /verify in your Discord server again"));
        assertPage(server.post(email.confirmLink().toString()), 410, "This link is no longer active");
        assertPage(server.post(email.denyLink().toString()), 410, "This link is no longer active");
        assertTrue(core.linkOf(member).isEmpty());
    }

    @Test
    void aConfirmedLinkShowsNoPersonalDataOnceItsExpiryHasPassed() {
        Member member = core.member("Grace Hopper", "amazing_grace");
        VerificationEmail email = core.requestLink(member);
        assertPage(server.post(email.confirmLink().toString()), 200, "You’re verified");
        String[] personal = {"amazing_grace", member.discord().id().toString(), "Grace Hopper", member.user().id().value(),
                GatehouseFixture.TENANT_NAME, GatehouseFixture.GUILD_NAME};
        HttpResponse<String> beforeExpiry = server.get(email.confirmLink().toString());
        assertPage(beforeExpiry, 200, "Already confirmed");
        assertTrue(text(beforeExpiry.body()).contains("Grace Hopper"), "before its expiry the link still says who it linked");

        core.advance(Duration.ofDays(40));

        for (HttpResponse<String> page : java.util.List.of(server.get(email.confirmLink().toString()),
                server.get(email.denyLink().toString()), server.post(email.confirmLink().toString()),
                server.post(email.denyLink().toString()))) {
            assertPage(page, 410, "This link is no longer active");
            for (String fact : personal) {
                assertFalse(page.body().contains(fact), () -> "the page still shows " + fact + ": " + text(page.body()));
            }
        }
        assertTrue(core.linkOf(member).isPresent(), "the link itself is kept");
    }

    @Test
    void anOlderLinkIsGoneOnceANewerOneWasSent() {
        Member member = core.member("Frances Allen");
        VerificationEmail first = core.requestLink(member);
        VerificationEmail second = core.requestLink(member);

        assertPage(server.get(first.confirmLink().toString()), 410, "This link was replaced");
        assertPage(server.post(first.confirmLink().toString()), 410, "This link was replaced");
        assertPage(server.post(second.confirmLink().toString()), 200, "You’re verified");
    }

    @Test
    void aLinkWhoseEmailFailedIsGone() {
        Member member = core.member("Radia Perlman");
        core.failMailTo(member);
        VerificationEmail email = core.requestLink(member);

        assertPage(server.get(email.confirmLink().toString()), 410, "This link no longer works");
        assertPage(server.post(email.confirmLink().toString()), 410, "This link no longer works");
    }

    @Test
    void unknownTokenIsNotFound() {
        assertPage(server.get("/verify/" + UNKNOWN_TOKEN), 404, "Link not found");
        assertPage(server.post("/verify/" + UNKNOWN_TOKEN), 404, "Link not found");
        assertPage(server.get("/deny/" + UNKNOWN_TOKEN), 404, "Link not found");
        assertPage(server.post("/deny/not-even-a-token"), 404, "Link not found");
    }

    @Test
    void aDiscordAccountLinkedMeanwhileIsAConflict() {
        Member member = core.member("Annie Easley");
        VerificationEmail email = core.requestLink(member);
        core.linkByHand(member.discord(), core.member("Someone Else").user());

        HttpResponse<String> page = server.post(email.confirmLink().toString());

        assertPage(page, 409, "This Discord account is already linked");
        assertTrue(core.linkOf(member).map(l -> !l.directoryUser().equals(member.user().id())).orElse(false));
    }

    @Test
    void aDirectoryUserLinkedToAnotherAccountIsAConflict() {
        Member member = core.member("Mary Jackson");
        VerificationEmail email = core.requestLink(member);
        core.linkByHand(core.member("Unrelated", "old_account").discord(), member.user());

        HttpResponse<String> page = server.post(email.confirmLink().toString());

        assertPage(page, 409, "You are linked to another Discord account");
        assertTrue(core.linkOf(member).isEmpty());
    }

    @Test
    void aDatabaseOutageSaysTryAgainAndTheLinkStillWorksAfterwards() {
        Member member = core.member("Margaret Hamilton");
        VerificationEmail email = core.requestLink(member);
        core.stores(StoreState.DOWN);

        HttpResponse<String> outage = server.get(email.confirmLink().toString());
        assertPage(outage, 503, "Please try again shortly");
        assertEquals("30", outage.headers().firstValue("Retry-After").orElseThrow());
        assertPage(server.post(email.confirmLink().toString()), 503, "Please try again shortly");
        assertPage(server.post(email.denyLink().toString()), 503, "Please try again shortly");

        core.stores(StoreState.UP);
        assertPage(server.post(email.confirmLink().toString()), 200, "You’re verified");
    }

    @Test
    void anUnexpectedFailureShowsAGenericPageWithoutDetails() {
        VerificationEmail email = core.requestLink(core.member("Sophie Wilson"));
        core.stores(StoreState.BROKEN);

        assertPage(server.get(email.confirmLink().toString()), 500, "Something went wrong");
        assertPage(server.post(email.confirmLink().toString()), 500, "Something went wrong");
    }

    @Test
    void unknownPagesAndWrongMethodsGetTheServicesOwnPages() {
        assertPage(server.get("/nothing/here"), 404, "Page not found");
        assertPage(server.get("/verify"), 404, "Page not found");
        HttpResponse<String> delete = server.send("DELETE", "/verify/" + UNKNOWN_TOKEN);
        assertPage(delete, 405, "This page can’t be used that way");
        assertEquals("GET, HEAD, POST", delete.headers().firstValue("Allow").orElse(null));
        assertPage(server.send("PUT", "/deny/" + UNKNOWN_TOKEN), 405, "This page can’t be used that way");
        assertPage(server.post("/"), 405, "This page can’t be used that way");
        assertPage(server.post("/health"), 405, "This page can’t be used that way");
    }

    @Test
    void unreadableRequestsGetABadRequestPageWithTheHeaders() throws IOException {
        for (String request : new String[] {
                "GET /verify/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "NONSENSE\r\n\r\n",
                "GET /x HTTP/1.1 extra\r\n\r\n",
                "POST /verify/abc HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\nConnection: close\r\n\r\n"}) {
            String response = raw(request);
            String statusLine = response.substring(0, response.indexOf("\r\n"));
            assertTrue(statusLine.matches("HTTP/1\\.[01] 400 .*"), () -> request.split("\r\n")[0] + " -> " + statusLine);
            String lower = response.toLowerCase();
            assertTrue(lower.contains("content-security-policy: default-src 'none'"), response);
            assertTrue(lower.contains("referrer-policy: no-referrer") && lower.contains("cache-control: no-store")
                    && lower.contains("x-content-type-options: nosniff"), response);
            assertTrue(response.contains("<h1>Request not understood</h1>"), response);
            PageAssertions.assertNoInternals(response.substring(response.indexOf("\r\n\r\n")));
        }
    }

    @Test
    void refusalsBeforeRoutingCarryTheSecurityHeadersToHeadAndGetAlike() throws IOException {
        String huge = "x".repeat(20_000);
        for (String request : new String[] {
                "HEAD /verify/abc HTTP/1.1\r\nHost: x\r\nX-Big: " + huge + "\r\nConnection: close\r\n\r\n",
                "GET /verify/abc HTTP/1.1\r\nHost: x\r\nX-Big: " + huge + "\r\nConnection: close\r\n\r\n",
                "HEAD /verify/" + huge + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /verify/" + huge + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "POST /verify/abc HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\nConnection: close\r\n\r\n",
                "HEAD /verify/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}) {
            String response = raw(request);
            String statusLine = response.substring(0, Math.max(0, response.indexOf("\r\n")));
            String what = request.substring(0, Math.min(40, request.length())) + " -> " + statusLine;
            assertTrue(statusLine.matches("HTTP/1\\.[01] 4\\d\\d .*"), what);
            String lower = response.toLowerCase();
            assertTrue(lower.contains("content-security-policy: default-src 'none'"), what + "\n" + response);
            assertTrue(lower.contains("referrer-policy: no-referrer") && lower.contains("cache-control: no-store")
                    && lower.contains("x-content-type-options: nosniff") && lower.contains("x-frame-options: deny"), what + "\n" + response);
            PageAssertions.assertNoInternals(response.substring(Math.max(0, response.indexOf("\r\n\r\n"))));
        }
    }

    @Test
    void spoofedForwardedForFromAnUntrustedPeerIsIgnored() {
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> miss = server.get("/verify/" + UNKNOWN_TOKEN, "X-Forwarded-For", "198.51.100." + i,
                    "Forwarded", "for=198.51.100." + i);
            assertEquals(404, miss.statusCode());
        }

        HttpResponse<String> throttled = server.get("/verify/" + UNKNOWN_TOKEN, "X-Forwarded-For", "198.51.100.99");

        assertPage(throttled, 429, "Too many attempts");
        assertEquals("10", throttled.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void badTokensFromOneAddressBackOffTenSecondsAfterFiveThenTwentyAfterTenThenFortyAfterFifteen() {
        for (int failure = 1; failure <= 5; failure++) {
            assertEquals(404, server.post("/verify/" + UNKNOWN_TOKEN).statusCode(), "bad token " + failure + " is answered");
        }
        assertWait(server.post("/verify/" + UNKNOWN_TOKEN), 10);
        for (int failure = 7; failure <= 10; failure++) {
            core.advance(Duration.ofSeconds(10));
            assertEquals(404, server.get("/verify/" + UNKNOWN_TOKEN).statusCode(), "bad token " + failure + " after waiting");
        }
        assertWait(server.get("/verify/" + UNKNOWN_TOKEN), 20);
        assertWait(server.post("/deny/" + UNKNOWN_TOKEN), 20);
        core.advance(Duration.ofSeconds(19));
        assertEquals("20", server.head("/deny/" + UNKNOWN_TOKEN).headers().firstValue("Retry-After").orElse(null),
                "guessing on during the wait starts it again");
        for (int failure = 14; failure <= 15; failure++) {
            core.advance(Duration.ofSeconds(20));
            assertEquals(404, server.post("/deny/" + UNKNOWN_TOKEN).statusCode(), "bad token " + failure + " after waiting");
        }
        assertWait(server.post("/verify/" + UNKNOWN_TOKEN), 40);
    }

    @Test
    void aBystanderBehindTheSameAddressAsAGuesserConfirmsAValidLinkFirstTime() {
        Member bystander = core.member("Katherine Johnson");
        VerificationEmail email = core.requestLink(bystander);
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            int status = (i % 2 == 0 ? server.post("/verify/" + UNKNOWN_TOKEN) : server.get("/deny/" + UNKNOWN_TOKEN)).statusCode();
            refused += status == 429 ? 1 : 0;
        }
        assertEquals(25, refused, "the guesser at 127.0.0.1 waits after five");

        assertPage(server.get(email.confirmLink().toString()), 200, "Link this Discord account to you?");
        assertPage(server.post(email.confirmLink().toString()), 200, "You’re verified");
        assertTrue(core.linkOf(bystander).isPresent());
        assertEquals(429, server.post("/verify/" + UNKNOWN_TOKEN).statusCode(), "and the guesser still waits");
    }

    private static void assertWait(HttpResponse<String> response, long seconds) {
        assertPage(response, 429, "Too many attempts");
        assertEquals(Long.toString(seconds), response.headers().firstValue("Retry-After").orElse(null));
        assertTrue(text(response.body()).contains("wait " + seconds + " seconds"), response.body());
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                String soFar = out.toString(StandardCharsets.UTF_8);
                if (soFar.contains("</html>") || request.startsWith("HEAD") && soFar.contains("\r\n\r\n")) {
                    break;
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
