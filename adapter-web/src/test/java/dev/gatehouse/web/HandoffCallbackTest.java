package dev.gatehouse.web;

import static dev.gatehouse.web.PageAssertions.assertNoInternals;
import static dev.gatehouse.web.PageAssertions.assertSecured;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.out.MemberUpdates.ClaimedUpdate;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.web.GatehouseFixture.StoreState;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-off callback over real HTTP, against the real core with in-memory stores and {@link JoseHandoffTokens}.
 * A fake organisation site takes the link a member got from {@code /verify}, checks the outbound token with Nimbus
 * as a real site would, and signs a callback with the shared secret. The test client plays a trusted proxy, so each
 * callback can come from its own client address and the per-address backoff only bites where a test wants it to.
 */
class HandoffCallbackTest {
    private static final String CALLBACK = "/handoff/" + GatehouseFixture.HANDOFF_TENANT.value() + "/callback";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    private static TestServer server;
    private static GatehouseFixture core;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("gatehouse.web.trusted-proxies", List.of("127.0.0.1")));
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
    void aCallbackSignedByTheOrganisationsSiteLinksTheMemberAndQueuesTheirRole() {
        Handoff handoff = handOff("grace_h");
        String token = site(handoff, "M-1001", claims -> claims.put("name", "Grace Hopper"));

        HttpResponse<String> reply = postForm("token", token);

        Map<String, Object> body = assertReply(reply, 200, "linked", token);
        assertEquals(handoff.account().id().toString(), body.get("discord_user_id"));
        assertEquals("m-1001", body.get("member_id"));
        Link link = linkOf(handoff).orElseThrow();
        assertEquals(new DirectoryUserId("M-1001"), link.directoryUser());
        assertEquals(LinkOrigin.HANDOFF, link.origin());
        assertEquals(Optional.of(SessionState.CONFIRMED), stateOf(handoff));
        List<MemberChange> queued = stores().memberUpdates().claim(Shard.ALL, 100, now(), Duration.ofMinutes(1)).stream()
                .map(ClaimedUpdate::update)
                .filter(u -> u.member().equals(handoff.account().id()) && u.guild().equals(GatehouseFixture.HANDOFF_GUILD))
                .map(u -> u.change())
                .toList();
        assertTrue(queued.contains(new MemberChange.GrantRole(GatehouseFixture.HANDOFF_ROLE)), queued::toString);
        assertTrue(queued.contains(new MemberChange.SetNickname("Grace Hopper")), queued::toString);
    }

    @Test
    void theSameCallbackReplayedIsRefusedAsAlreadyUsedAndChangesNothing() {
        Handoff handoff = handOff("replayed");
        String token = site(handoff, "M-2001", claims -> { });
        assertReply(postForm("token", token), 200, "linked", token);
        State after = state(handoff, "M-2001");

        HttpResponse<String> replay = postForm("token", token);

        assertReply(replay, 409, "already_used", token);
        assertEquals(after, state(handoff, "M-2001"));
    }

    @Test
    void aCallbackSignedWithAnotherSecretIsUnauthorisedChangesNothingAndUsesNothingUp() {
        Handoff handoff = handOff("forged");
        State before = state(handoff, "M-3001");
        String forged = sign(callbackClaims(handoff, "M-3001"), "a-forger-guessing-the-secret-0123456789", "gatehouse-callback+jwt");

        HttpResponse<String> reply = postForm("token", forged);

        assertReply(reply, 401, "bad_signature", forged);
        assertTrue(reply.headers().firstValue("WWW-Authenticate").isPresent(), "a 401 names its scheme");
        assertEquals(before, state(handoff, "M-3001"));
        assertReply(postForm("token", site(handoff, "M-3001", claims -> { })), 200, "linked", null);
    }

    @Test
    void aCallbackAfterTheHandoffExpiredIsGoneAndChangesNothing() {
        Handoff handoff = handOff("too_late");
        String token = site(handoff, "M-4001", claims -> { });
        State before = state(handoff, "M-4001");
        core.advance(Duration.ofMinutes(31));

        HttpResponse<String> reply = postForm("token", token);

        assertReply(reply, 410, "expired", token);
        assertEquals(before, state(handoff, "M-4001"));
    }

    @Test
    void aCallbackPastItsOwnExpiryIsGoneEvenWhileTheHandoffIsOpen() {
        Handoff handoff = handOff("short_lived");
        String token = site(handoff, "M-4101", claims -> claims.put("exp", now().getEpochSecond() + 60));
        State before = state(handoff, "M-4101");
        core.advance(Duration.ofMinutes(2));

        assertReply(postForm("token", token), 410, "expired", token);
        assertEquals(before, state(handoff, "M-4101"));
    }

    @Test
    void theOutboundTokenPostedBackIsRefusedAsTheWrongTypeAndChangesNothing() {
        Handoff handoff = handOff("echo");
        State before = state(handoff, "M-5001");

        HttpResponse<String> reply = postForm("jwt", handoff.outbound());

        assertReply(reply, 400, "wrong_type", handoff.outbound());
        assertEquals(before, state(handoff, "M-5001"));
        assertReply(postForm("token", site(handoff, "M-5001", claims -> { })), 200, "linked", null);
    }

    @Test
    void aCallbackTypedAsAPlainJwtIsRefusedAsTheWrongType() {
        Handoff handoff = handOff("plain_jwt");
        State before = state(handoff, "M-5101");
        String token = sign(callbackClaims(handoff, "M-5101"), GatehouseFixture.HANDOFF_SECRET, "JWT");

        assertReply(postForm("token", token), 400, "wrong_type", token);
        assertEquals(before, state(handoff, "M-5101"));
    }

    @Test
    void aCallbackNamingAnotherDiscordUserIsAClaimsMismatchAndChangesNothing() {
        Handoff handoff = handOff("victim");
        DiscordAccount attacker = core.discordAccount("attacker");
        String token = site(handoff, "M-6001", claims -> claims.put("user_id", attacker.id().toString()));
        State before = state(handoff, "M-6001");

        assertReply(postForm("token", token), 400, "claims_mismatch", token);
        assertEquals(before, state(handoff, "M-6001"));
        assertTrue(stores().links().findByDiscordUser(GatehouseFixture.HANDOFF_TENANT, attacker.id()).isEmpty());
    }

    @Test
    void aMissingMemberIdIsMalformedAndAnUnusableOneIsInvalid() {
        Handoff handoff = handOff("careless_site");
        State before = state(handoff, "M-6101");

        String missing = site(handoff, "M-6101", claims -> claims.remove("member_id"));
        assertReply(postForm("token", missing), 400, "malformed", missing);
        String spaced = site(handoff, "M 6101", claims -> { });
        assertReply(postForm("token", spaced), 400, "invalid_member_id", spaced);
        assertEquals(before, state(handoff, "M-6101"));
    }

    @Test
    void aNewerHandoffReplacesTheOlderOne() {
        DiscordAccount account = core.discordAccount("changed_mind");
        Handoff first = handOff(account);
        Handoff second = handOff(account);
        String stale = site(first, "M-7001", claims -> { });
        State before = state(first, "M-7001");

        assertReply(postForm("token", stale), 409, "replaced", stale);
        assertEquals(before, state(first, "M-7001"));
        assertReply(postForm("token", site(second, "M-7001", claims -> { })), 200, "linked", null);
    }

    @Test
    void unknownHandoffsAndTenantsThatDontHandOffAreNotFound() {
        Handoff handoff = handOff("lost");
        String unknownJti = site(handoff, "M-8001", claims -> claims.put("jti", "unknownunknownunknownunknownunknownunknown0"));
        State before = state(handoff, "M-8001");

        assertReply(postForm("token", unknownJti), 404, "unknown_request", unknownJti);
        String genuine = site(handoff, "M-8001", claims -> { });
        assertReply(post("/handoff/" + GatehouseFixture.TENANT.value() + "/callback", FORM, "token=" + genuine), 404, "not_enabled",
                genuine);
        assertReply(post("/handoff/no-such-tenant/callback", FORM, "token=" + genuine), 404, "not_enabled", genuine);
        assertReply(post("/handoff/NOT%20A%20SLUG/callback", FORM, "token=" + genuine), 404, "not_enabled", genuine);
        assertReply(post("/handoff/orgsite%0Aforged%20log%20line/callback", FORM, "token=" + genuine), 404, "not_enabled", genuine);
        assertEquals(before, state(handoff, "M-8001"));
    }

    @Test
    void theTokenMayComeAsAFormFieldAJsonMemberOrTheWholeBody() {
        Map<String, java.util.function.Function<String, HttpResponse<String>>> ways = new LinkedHashMap<>();
        ways.put("form token", token -> postForm("token", token));
        ways.put("form jwt", token -> post(CALLBACK, FORM + "; charset=UTF-8", "state=xyz&jwt=" + token));
        ways.put("json token", token -> post(CALLBACK, "application/json", "{\"token\": \"" + token + "\"}"));
        ways.put("json jwt", token -> post(CALLBACK, "application/json; charset=utf-8", "{\"jwt\":\"" + token + "\",\"site\":1}"));
        ways.put("raw jwt", token -> post(CALLBACK, "application/jwt", token + "\r\n"));
        ways.forEach((way, send) -> {
            Handoff handoff = handOff("via_" + way.replace(' ', '_'));
            String token = site(handoff, "M-" + way.replace(' ', '-'), claims -> { });

            Map<String, Object> body = assertReply(send.apply(token), 200, "linked", token);

            assertEquals(handoff.account().id().toString(), body.get("discord_user_id"), way);
            assertTrue(linkOf(handoff).isPresent(), way);
        });
    }

    @Test
    void aBodyWithoutExactlyOneTokenOrOfAnotherKindIsRefusedBeforeTheCoreSeesIt() {
        Handoff handoff = handOff("confused_site");
        String token = site(handoff, "M-9001", claims -> { });
        State before = state(handoff, "M-9001");

        assertReply(post(CALLBACK, FORM, "member_id=M-9001"), 400, "missing_token", null);
        assertReply(post(CALLBACK, FORM, ""), 400, "missing_token", null);
        assertReply(post(CALLBACK, FORM, "token=" + token + "&jwt=" + token), 400, "missing_token", token);
        assertReply(post(CALLBACK, "application/json", "{\"token\": 42}"), 400, "missing_token", null);
        assertReply(post(CALLBACK, "application/json", "[\"" + token + "\"]"), 400, "bad_request", token);
        assertReply(post(CALLBACK, "application/json", "{\"token\": \"" + token), 400, "bad_request", token);
        assertReply(post(CALLBACK, FORM, "token=%zz"), 400, "bad_request", null);
        assertReply(post(CALLBACK, "application/xml", "<token>" + token + "</token>"), 415, "unsupported_media_type", token);
        assertReply(server.send("POST", CALLBACK, BodyPublishers.ofString(token)), 415, "unsupported_media_type", token);
        assertEquals(before, state(handoff, "M-9001"));
        assertReply(postForm("token", token), 200, "linked", token);
    }

    @Test
    void anOversizedBodyIsRefusedUnreadWhetherItsLengthIsDeclaredOrNot() {
        Handoff handoff = handOff("flooder");
        String token = site(handoff, "M-9101", claims -> { });
        State before = state(handoff, "M-9101");
        String padding = "&pad=" + "x".repeat(HandoffController.MAX_BODY_BYTES);
        byte[] huge = ("token=" + token + padding + "y".repeat(4 * 1024 * 1024)).getBytes(StandardCharsets.US_ASCII);

        assertReply(post(CALLBACK, FORM, "token=" + token + padding), 413, "too_large", token);
        assertReply(server.send("POST", CALLBACK, BodyPublishers.ofByteArray(huge), "Content-Type", FORM,
                "X-Forwarded-For", nextAddress()), 413, "too_large", token);
        HttpResponse<String> chunked = server.send("POST", CALLBACK,
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)), "Content-Type", FORM,
                "X-Forwarded-For", nextAddress());
        assertReply(chunked, 413, "too_large", token);
        assertTrue(chunked.request().headers().firstValue("Content-Length").isEmpty(), "sent without a declared length");

        assertEquals(before, state(handoff, "M-9101"));
        assertReply(postForm("token", token), 200, "linked", token);
    }

    @Test
    void refusedCallbacksFromOneAddressWaitTenSecondsAfterFiveButAGoodOneWorksAtOnce() {
        Handoff handoff = handOff("patient");
        String token = site(handoff, "M-9201", claims -> { });
        String address = nextAddress();
        for (int i = 1; i <= 5; i++) {
            assertReply(post(CALLBACK, FORM, "token=not.a.token", "X-Forwarded-For", address), 400, "malformed", null);
        }
        State before = state(handoff, "M-9201");

        HttpResponse<String> waiting = post(CALLBACK, FORM, "token=not.a.token.either", "X-Forwarded-For", address);

        assertReply(waiting, 429, "too_many_attempts", null);
        assertEquals("10", waiting.headers().firstValue("Retry-After").orElse(null));
        assertTrue(waiting.body().contains("10 seconds"), waiting.body());
        assertEquals(before, state(handoff, "M-9201"));
        assertReply(post(CALLBACK, FORM, "token=" + token, "X-Forwarded-For", address), 200, "linked", token);
    }

    @Test
    void aDatabaseOutageSaysTryAgainInThirtySecondsAndTheCallbackWorksAfterwards() {
        Handoff handoff = handOff("during_outage");
        String token = site(handoff, "M-9301", claims -> { });
        core.stores(StoreState.DOWN);

        HttpResponse<String> outage = postForm("token", token);

        assertReply(outage, 503, "unavailable", token);
        assertEquals("30", outage.headers().firstValue("Retry-After").orElse(null));
        core.stores(StoreState.UP);
        assertEquals(Optional.of(SessionState.PENDING), stateOf(handoff));
        assertReply(postForm("token", token), 200, "linked", token);
    }

    @Test
    void anUnexpectedFailureAnswersJsonWithoutDetails() {
        Handoff handoff = handOff("unlucky");
        String token = site(handoff, "M-9401", claims -> { });
        core.stores(StoreState.BROKEN);

        assertReply(postForm("token", token), 500, "error", token);
    }

    @Test
    void otherMethodsAndAddressesUnderHandoffAnswerJsonToo() {
        HttpResponse<String> get = server.get(CALLBACK);
        assertReply(get, 405, "method_not_allowed", null);
        assertEquals("POST", get.headers().firstValue("Allow").orElse(null));
        assertReply(server.get("/handoff/orgsite"), 404, "not_found", null);
        assertReply(post("/handoff/orgsite/callback/extra", FORM, "token=x"), 404, "not_found", null);
    }

    @Test
    void aCallbackRelayedByTheMembersBrowserFromTheSiteIsAcceptedLikeOneFromItsServer() {
        Handoff handoff = handOff("browser_relay");
        String token = site(handoff, "M-9501", claims -> { });

        HttpResponse<String> reply = post(CALLBACK, FORM, "token=" + token, "Origin", "https://members.org.example",
                "X-Forwarded-For", nextAddress());

        assertReply(reply, 200, "linked", token);
        assertTrue(reply.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "other sites' scripts can't read it");
    }

    // ---- the organisation's site ---------------------------------------------------------------------

    /** A hand-off as the site receives it: the member's account (for checks), the outbound token and its claims. */
    record Handoff(DiscordAccount account, String outbound, Map<String, Object> claims) {
        VerificationToken jti() {
            return VerificationToken.of((String) claims.get("jti"));
        }
    }

    private static Handoff handOff(String username) {
        return handOff(core.discordAccount(username));
    }

    /** The member runs /verify; the site gets the link, checks the outbound token as a site should, and keeps its claims. */
    private static Handoff handOff(DiscordAccount account) {
        URI link = core.handOff(account);
        assertTrue(link.toString().startsWith(GatehouseFixture.HANDOFF_SITE + "&jwt="), link::toString);
        String outbound = link.getRawQuery().substring(link.getRawQuery().indexOf("jwt=") + 4);
        try {
            SignedJWT jwt = SignedJWT.parse(outbound);
            assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
            assertEquals(new JOSEObjectType("gatehouse-handoff+jwt"), jwt.getHeader().getType());
            assertTrue(jwt.verify(new MACVerifier(GatehouseFixture.HANDOFF_SECRET.getBytes(StandardCharsets.UTF_8))));
            Map<String, Object> claims = jwt.getPayload().toJSONObject();
            assertEquals(account.id().toString(), claims.get("user_id"));
            assertEquals(account.username(), claims.get("username"));
            assertEquals(GatehouseFixture.HANDOFF_GUILD.toString(), claims.get("guild_id"));
            return new Handoff(account, outbound, claims);
        } catch (ParseException | JOSEException e) {
            throw new AssertionError(e);
        }
    }

    /** The site authenticated the member as {@code memberId} and signs the callback: the outbound claims plus member_id. */
    private static String site(Handoff handoff, String memberId, Consumer<Map<String, Object>> changes) {
        Map<String, Object> claims = callbackClaims(handoff, memberId);
        changes.accept(claims);
        return sign(claims, GatehouseFixture.HANDOFF_SECRET, "gatehouse-callback+jwt");
    }

    private static Map<String, Object> callbackClaims(Handoff handoff, String memberId) {
        Map<String, Object> claims = new LinkedHashMap<>(handoff.claims());
        claims.put("member_id", memberId);
        return claims;
    }

    private static String sign(Map<String, Object> claims, String secret, String type) {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType(type)).build(),
                new Payload(claims));
        try {
            jws.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
        return jws.serialize();
    }

    // ---- HTTP and state ----------------------------------------------------------------------------------

    private static HttpResponse<String> postForm(String field, String token) {
        return post(CALLBACK, FORM, field + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** A POST from a fresh client address (unless the headers name one). */
    private static HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        String[] all = headers.length > 0 ? headers : new String[] {"X-Forwarded-For", nextAddress()};
        return server.postBody(path, contentType, body, all);
    }

    private static String nextAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    /** A JSON reply with this status and code, secured, with a message, and without the token or internals. */
    private static Map<String, Object> assertReply(HttpResponse<String> reply, int status, String code, String token) {
        assertEquals(status, reply.statusCode(), reply::body);
        assertSecured(reply);
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                () -> "JSON: " + reply.headers().map());
        Map<String, Object> body;
        try {
            body = JSONObjectUtils.parse(reply.body());
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + reply.body(), e);
        }
        assertEquals(code, body.get("status"), reply::body);
        assertTrue(body.get("message") instanceof String message && !message.isBlank(), reply::body);
        assertFalse(reply.body().contains("??"), reply::body);
        if (token != null) {
            assertFalse(reply.body().contains(token.substring(token.lastIndexOf('.') + 1)), "the token is not echoed");
        }
        assertNoInternals(reply.body());
        return body;
    }

    /** What a callback could change: the member's link, the member-update outbox, and the hand-off's state. */
    record State(Optional<Link> link, Optional<Link> memberLink, long queuedUpdates, Optional<SessionState> handoff) {
    }

    private static State state(Handoff handoff, String memberId) {
        return new State(linkOf(handoff),
                stores().links().findByDirectoryUser(GatehouseFixture.HANDOFF_TENANT, new DirectoryUserId(memberId)),
                stores().memberUpdates().depth(now()).pending(), stateOf(handoff));
    }

    private static Optional<Link> linkOf(Handoff handoff) {
        return stores().links().findByDiscordUser(GatehouseFixture.HANDOFF_TENANT, handoff.account().id());
    }

    private static Optional<SessionState> stateOf(Handoff handoff) {
        return stores().handoffs().find(handoff.jti().hash()).map(HandoffRequest::state);
    }

    private static Stores stores() {
        return core.stores();
    }

    private static Instant now() {
        return core.gatehouse().clock().instant();
    }
}
