package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.out.HandoffTokens.Callback;
import dev.gatehouse.core.port.out.HandoffTokens.Grant;
import dev.gatehouse.core.port.out.HandoffTokens.Reading;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The hand-off tokens, read and written the way an organisation's site does it: with Nimbus directly, from the
 * claims and header types documented in HANDOFF.md.
 */
class JoseHandoffTokensTest {
    private static final String SHARED = "org-site-shared-secret-0123456789-abcdef";
    private static final HandoffSecret SECRET = new HandoffSecret(SHARED);
    private static final VerificationToken JTI = VerificationToken.of("jtijtijtijtijtijtijtijtijtijtijtijtijtijti1");
    private static final DiscordAccount REQUESTER = new DiscordAccount(new DiscordUserId(812345678901234567L), "ada_l");
    private static final GuildId GUILD = new GuildId(798765432109876543L);
    private static final Instant ISSUED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-03-02T09:30:00Z");

    private final JoseHandoffTokens tokens = new JoseHandoffTokens();

    @Test
    void theOutboundTokenCarriesTheSeedsClaimsTypedAsAHandoffAndSignedWithTheSharedSecret() throws Exception {
        SignedJWT outbound = SignedJWT.parse(outbound());

        assertEquals(JWSAlgorithm.HS256, outbound.getHeader().getAlgorithm());
        assertEquals(new JOSEObjectType("gatehouse-handoff+jwt"), outbound.getHeader().getType());
        assertTrue(outbound.verify(new MACVerifier(SHARED.getBytes(StandardCharsets.UTF_8))));
        JWTClaimsSet claims = outbound.getJWTClaimsSet();
        assertEquals("812345678901234567", claims.getClaim("user_id"));
        assertEquals("ada_l", claims.getClaim("username"));
        assertEquals("798765432109876543", claims.getClaim("guild_id"));
        assertEquals(JTI.reveal(), claims.getJWTID());
        assertEquals(Date.from(ISSUED), claims.getIssueTime());
        assertEquals(Date.from(EXPIRES), claims.getExpirationTime());
        assertEquals(List.of("user_id", "username", "guild_id", "iat", "exp", "jti").stream().sorted().toList(),
                claims.getClaims().keySet().stream().sorted().toList());
    }

    @Test
    void aCallbackTheSiteSignsWithTheSameSecretReadsBackWithTheMemberIdAndName() {
        String callback = site(claims -> {
            claims.put("member_id", "M-1001");
            claims.put("name", "Ada Lovelace");
        });

        Callback read = signed(tokens.readCallback(callback, SECRET));

        assertEquals(new Callback(JTI.reveal(), "812345678901234567", "798765432109876543", "M-1001", Optional.of("Ada Lovelace"),
                ISSUED, EXPIRES), read);
    }

    @Test
    void theNameIsOptional() {
        Callback read = signed(tokens.readCallback(site(claims -> claims.put("member_id", "M-1001")), SECRET));

        assertEquals(Optional.empty(), read.name());
    }

    @Test
    void anExpiredCallbackIsStillReadBecauseTheCoreJudgesExpiryByItsOwnClock() {
        Callback read = signed(tokens.readCallback(site(claims -> {
            claims.put("member_id", "M-1001");
            claims.put("exp", Instant.parse("2001-01-01T00:00:00Z").getEpochSecond());
        }), SECRET));

        assertEquals(Instant.parse("2001-01-01T00:00:00Z"), read.expiresAt());
    }

    @Test
    void aCallbackSignedWithAnotherSecretHasABadSignature() {
        String forged = sign(header(JWSAlgorithm.HS256, "gatehouse-callback+jwt"), callbackClaims(), "another-secret-0123456789-0123456789-xyz");

        assertInstanceOf(Reading.BadSignature.class, tokens.readCallback(forged, SECRET));
    }

    @Test
    void aPayloadChangedAfterSigningHasABadSignature() throws Exception {
        String[] parts = site(claims -> claims.put("member_id", "M-1001")).split("\\.");
        Map<String, Object> changed = new LinkedHashMap<>(callbackClaims());
        changed.put("member_id", "M-9999-the-admin");
        String tampered = parts[0] + "." + Base64URL.encode(JWTClaimsSet.parse(changed).toString()) + "." + parts[2];

        assertInstanceOf(Reading.BadSignature.class, tokens.readCallback(tampered, SECRET));
    }

    @Test
    void anUnsignedTokenWithAlgNoneHasABadSignatureAndOneThatAlsoCarriesASignatureIsMalformed() throws Exception {
        PlainJWT plain = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("gatehouse-callback+jwt")).build(),
                JWTClaimsSet.parse(callbackClaims()));
        String handMade = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"gatehouse-callback+jwt\"}") + "."
                + Base64URL.encode(JWTClaimsSet.parse(callbackClaims()).toString()) + ".c2lnbmF0dXJl";

        assertInstanceOf(Reading.BadSignature.class, tokens.readCallback(plain.serialize(), SECRET));
        assertInstanceOf(Reading.Malformed.class, tokens.readCallback(handMade, SECRET));
    }

    @Test
    void tokensSignedWithAnyOtherAlgorithmAreRefusedEvenWithTheRightSecret() throws Exception {
        String longSecret = SHARED + SHARED;
        HandoffSecret longer = new HandoffSecret(longSecret);
        String hs512 = sign(header(JWSAlgorithm.HS512, "gatehouse-callback+jwt"), callbackClaims(), longSecret);
        String hs384 = sign(header(JWSAlgorithm.HS384, "gatehouse-callback+jwt"), callbackClaims(), longSecret);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT rs256 = new SignedJWT(header(JWSAlgorithm.RS256, "gatehouse-callback+jwt"), JWTClaimsSet.parse(callbackClaims()));
        rs256.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));

        assertTrue(SignedJWT.parse(hs512).verify(new MACVerifier(longSecret.getBytes(StandardCharsets.UTF_8))), "a genuine HS512 token");
        assertInstanceOf(Reading.BadSignature.class, tokens.readCallback(hs512, longer));
        assertInstanceOf(Reading.BadSignature.class, tokens.readCallback(hs384, longer));
        assertInstanceOf(Reading.BadSignature.class, tokens.readCallback(rs256.serialize(), SECRET));
    }

    @Test
    void theOutboundTokenPostedBackAsACallbackHasTheWrongType() {
        Reading reading = tokens.readCallback(outbound(), SECRET);

        assertEquals(new Reading.WrongType("gatehouse-handoff+jwt"), reading);
    }

    @Test
    void aCallbackTypedPlainJwtOrNotTypedAtAllHasTheWrongType() {
        assertEquals(new Reading.WrongType("JWT"),
                tokens.readCallback(sign(header(JWSAlgorithm.HS256, "JWT"), callbackClaims(), SHARED), SECRET));
        assertEquals(new Reading.WrongType("(none)"),
                tokens.readCallback(sign(header(JWSAlgorithm.HS256, null), callbackClaims(), SHARED), SECRET));
    }

    @Test
    void theCallbackTypeMayCarryTheApplicationPrefixAndAnyLetterCase() {
        for (String type : List.of("application/gatehouse-callback+jwt", "Gatehouse-Callback+JWT")) {
            assertInstanceOf(Reading.Signed.class,
                    tokens.readCallback(sign(header(JWSAlgorithm.HS256, type), callbackClaims(), SHARED), SECRET), type);
        }
    }

    @Test
    void aMissingRequiredClaimIsMalformedAndNamed() {
        for (String claim : List.of("jti", "user_id", "guild_id", "member_id", "iat", "exp")) {
            String token = site(claims -> {
                claims.put("member_id", "M-1001");
                claims.remove(claim);
            });

            Reading reading = tokens.readCallback(token, SECRET);

            assertEquals(new Reading.Malformed("the claim " + claim + " is missing"), reading);
        }
    }

    @Test
    void claimsOfTheWrongKindAreMalformed() {
        Map<String, Object> wrongKinds = Map.of(
                "member_id", true,
                "jti", 12345,
                "name", List.of("Ada"),
                "exp", "in half an hour",
                "user_id", 8.123456789012346e17,
                "guild_id", 1.5);
        wrongKinds.forEach((claim, value) -> {
            String token = site(claims -> {
                claims.put("member_id", "M-1001");
                claims.put(claim, value);
            });

            Reading reading = tokens.readCallback(token, SECRET);

            assertInstanceOf(Reading.Malformed.class, reading, claim);
            assertTrue(((Reading.Malformed) reading).reason().contains(claim), reading::toString);
        });
    }

    @Test
    void idsSentAsWholeJsonNumbersAreReadExactlyInDecimal() {
        Callback read = signed(tokens.readCallback(site(claims -> {
            claims.put("user_id", 812345678901234567L);
            claims.put("guild_id", 798765432109876543L);
            claims.put("member_id", 1001);
        }), SECRET));

        assertEquals("812345678901234567", read.discordUserId());
        assertEquals("798765432109876543", read.guildId());
        assertEquals("1001", read.memberId());
    }

    @Test
    void timesWithAFractionOfASecondAreRead() {
        Callback read = signed(tokens.readCallback(site(claims -> {
            claims.put("member_id", "M-1001");
            claims.put("exp", EXPIRES.getEpochSecond() + 0.75);
        }), SECRET));

        assertEquals(EXPIRES, read.expiresAt());
    }

    @Test
    void aSignedPayloadThatIsNotAJsonObjectIsMalformed() throws Exception {
        JWSObject jws = new JWSObject(header(JWSAlgorithm.HS256, "gatehouse-callback+jwt"), new Payload("[\"not\", \"claims\"]"));
        jws.sign(new MACSigner(SHARED.getBytes(StandardCharsets.UTF_8)));

        assertEquals(new Reading.Malformed("the payload is not a JSON object"), tokens.readCallback(jws.serialize(), SECRET));
    }

    @Test
    void garbageEncryptedTokensAndOverlongInputAreMalformed() throws Exception {
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .contentType("JWT").build(), JWTClaimsSet.parse(callbackClaims()));
        jwe.encrypt(new DirectEncrypter(SHARED.substring(0, 32).getBytes(StandardCharsets.UTF_8)));

        for (String garbage : List.of("", "   ", "not a token", "a.b.c", "eyJhbGciOiJIUzI1NiJ9", "x".repeat(9000), jwe.serialize())) {
            Reading reading = tokens.readCallback(garbage, SECRET);
            assertInstanceOf(Reading.Malformed.class, reading, () -> garbage.length() > 40 ? garbage.substring(0, 40) : garbage);
            assertFalse(((Reading.Malformed) reading).reason().contains(garbage.strip().isEmpty() ? "\u0000" : garbage),
                    "the reason does not echo the input");
        }
    }

    @Test
    void aDeeplyNestedHeaderFromAnyoneIsRefusedRatherThanExhaustingTheParser() {
        String header = "{\"alg\":\"HS256\",\"typ\":\"gatehouse-callback+jwt\",\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}";
        String token = Base64URL.encode(header) + "." + Base64URL.encode("{}") + ".c2lnbmF0dXJl";

        // Nimbus 10 limits JSON nesting (CVE-2025-53864), so the header doesn't even parse
        assertInstanceOf(Reading.Malformed.class, tokens.readCallback(token, SECRET));
    }

    // ---- the organisation's site, written with Nimbus as a site developer would ------------------------

    private String outbound() {
        return tokens.sign(new Grant(JTI, REQUESTER, GUILD, ISSUED, EXPIRES), SECRET);
    }

    /** The site reads the outbound token, checks it, and signs a callback with the same claims plus its changes. */
    private String site(Consumer<Map<String, Object>> changes) {
        try {
            SignedJWT received = SignedJWT.parse(outbound());
            if (!received.verify(new MACVerifier(SHARED.getBytes(StandardCharsets.UTF_8)))) {
                throw new AssertionError("the site could not verify the outbound token");
            }
            Map<String, Object> claims = new LinkedHashMap<>(received.getPayload().toJSONObject());
            changes.accept(claims);
            return sign(header(JWSAlgorithm.HS256, "gatehouse-callback+jwt"), claims, SHARED);
        } catch (ParseException | JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, Object> callbackClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("user_id", "812345678901234567");
        claims.put("username", "ada_l");
        claims.put("guild_id", "798765432109876543");
        claims.put("iat", ISSUED.getEpochSecond());
        claims.put("exp", EXPIRES.getEpochSecond());
        claims.put("jti", JTI.reveal());
        claims.put("member_id", "M-1001");
        return claims;
    }

    private static JWSHeader header(JWSAlgorithm algorithm, String type) {
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm);
        if (type != null) {
            header.type(new JOSEObjectType(type));
        }
        return header.build();
    }

    /** Signs raw claims, so the test controls their JSON types (Nimbus's claim builder would convert some). */
    private static String sign(JWSHeader header, Map<String, Object> claims, String secret) {
        try {
            JWSObject jws = new JWSObject(header, new Payload(claims));
            jws.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static Callback signed(Reading reading) {
        assertInstanceOf(Reading.Signed.class, reading);
        return ((Reading.Signed) reading).callback();
    }
}
