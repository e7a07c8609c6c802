package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.out.HandoffTokens;
import dev.gatehouse.core.port.out.HandoffTokens.Callback;
import dev.gatehouse.core.port.out.HandoffTokens.Grant;
import dev.gatehouse.core.port.out.HandoffTokens.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link HandoffTokens}: what every signer keeps, the JOSE one and every test fake. A signer subclasses
 * it once, returning a fresh signer and playing the organisation's site in that signer's format: reading an
 * outbound token, signing a callback, and forging one.
 */
public abstract class HandoffTokensContract {
    /** Whole seconds: a JWT's times have no finer grain. */
    protected static final Instant ISSUED = Instant.parse("2026-03-02T09:00:00Z");
    protected static final Instant EXPIRES = ISSUED.plus(Duration.ofMinutes(30));
    protected static final HandoffSecret SECRET = new HandoffSecret("org-site-shared-secret-0123456789-abcdef");
    protected static final HandoffSecret OTHER_SECRET = new HandoffSecret("another-tenants-secret-9876543210-zyxwv");

    private static final DiscordAccount REQUESTER = new DiscordAccount(new DiscordUserId(812345678901234567L), "ada_l");
    private static final GuildId GUILD = new GuildId(798765432109876543L);

    protected HandoffTokens tokens;

    /** A signer as the application would build it. */
    protected abstract HandoffTokens newTokens();

    /** The organisation's site: the grant in an outbound token, if the token verifies with {@code secret}. */
    protected abstract Optional<Grant> siteReadsOutbound(String token, HandoffSecret secret);

    /** The organisation's site: a callback signed with {@code secret}, typed as a callback. */
    protected abstract String siteSignsCallback(Callback callback, HandoffSecret secret);

    /** A member forging a callback: {@code callbackToken} with its member id replaced and its signature kept. */
    protected abstract String withMemberIdChangedAfterSigning(String callbackToken, String memberId);

    @BeforeEach
    void freshTokens() {
        tokens = newTokens();
    }

    @Test
    void theSiteReadsEveryClaimOfTheGrantFromTheOutboundTokenWithTheSharedSecret() {
        Grant grant = grant(VerificationToken.of(randomJti()));

        assertEquals(Optional.of(grant), siteReadsOutbound(tokens.sign(grant, SECRET), SECRET));
    }

    @Test
    void theOutboundTokenDoesNotVerifyWithAnotherSecret() {
        String token = tokens.sign(grant(VerificationToken.of(randomJti())), SECRET);

        assertEquals(Optional.empty(), siteReadsOutbound(token, OTHER_SECRET));
    }

    @Test
    void theOutboundTokenGoesIntoALinkAsItIsAndHoldsNeitherTheSecretNorTheRawSecretBytes() {
        String token = tokens.sign(grant(VerificationToken.of(randomJti())), SECRET);

        assertTrue(token.matches("[A-Za-z0-9._~-]+"), () -> "needs escaping in a URL: " + token);
        assertFalse(token.contains(SECRET.reveal()), "the token carries the secret");
    }

    @Test
    void grantsForDifferentRequestsGiveDifferentTokens() {
        assertNotEquals(tokens.sign(grant(VerificationToken.of(randomJti())), SECRET),
                tokens.sign(grant(VerificationToken.of(randomJti())), SECRET));
    }

    @Test
    void aCallbackTheSiteSignsWithTheSameSecretReadsBackAsSentWithTheMemberIdAndName() {
        Callback sent = callback("M-1001", Optional.of("Ada Lovelace"));

        assertEquals(new Reading.Signed(sent), tokens.readCallback(siteSignsCallback(sent, SECRET), SECRET));
    }

    @Test
    void theNameIsOptional() {
        Callback sent = callback("M-1001", Optional.empty());

        assertEquals(new Reading.Signed(sent), tokens.readCallback(siteSignsCallback(sent, SECRET), SECRET));
    }

    @Test
    void claimValuesComeBackAsTheSiteSentThemBecauseTheCoreValidatesThem() {
        Callback odd = new Callback("not-a-jti", "not-a-discord-id", "0", "  m 1001 ", Optional.of(""), EXPIRES, ISSUED);

        assertEquals(new Reading.Signed(odd), tokens.readCallback(siteSignsCallback(odd, SECRET), SECRET));
    }

    @Test
    void anExpiredCallbackIsStillReadWithItsExpiryBecauseTheCoreJudgesTimeByItsOwnClock() {
        Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
        Callback expired = new Callback(randomJti(), REQUESTER.id().toString(), GUILD.toString(), "M-1001", Optional.empty(),
                longAgo.minusSeconds(60), longAgo);

        assertEquals(new Reading.Signed(expired), tokens.readCallback(siteSignsCallback(expired, SECRET), SECRET));
    }

    @Test
    void aCallbackSignedWithAnotherSecretHasABadSignature() {
        String forged = siteSignsCallback(callback("M-1001", Optional.empty()), OTHER_SECRET);

        assertEquals(new Reading.BadSignature(), tokens.readCallback(forged, SECRET));
    }

    @Test
    void aCallbackChangedAfterSigningHasABadSignature() {
        String genuine = siteSignsCallback(callback("M-1001", Optional.empty()), SECRET);

        assertEquals(new Reading.BadSignature(), tokens.readCallback(withMemberIdChangedAfterSigning(genuine, "M-9999-the-admin"), SECRET));
    }

    @Test
    void theOutboundTokenPostedBackAsACallbackHasTheWrongType() {
        String outbound = tokens.sign(grant(VerificationToken.of(randomJti())), SECRET);

        Reading reading = tokens.readCallback(outbound, SECRET);

        assertInstanceOf(Reading.WrongType.class, reading);
        assertFalse(((Reading.WrongType) reading).type().isBlank(), "the wrong type is named");
    }

    @Test
    void nothingInATokenIsBelievedBeforeItsSignatureSoAnotherTenantsOutboundTokenHasABadSignature() {
        String outbound = tokens.sign(grant(VerificationToken.of(randomJti())), OTHER_SECRET);

        assertEquals(new Reading.BadSignature(), tokens.readCallback(outbound, SECRET));
    }

    @Test
    void garbageIsMalformedForAReasonThatDoesNotEchoIt() {
        for (String garbage : List.of("", "   ", "not a token", "a.b.c", "....", "%%%.%%%", "x".repeat(9000), "\u0000\u0007\n")) {
            Reading reading = tokens.readCallback(garbage, SECRET);

            String shown = garbage.length() > 20 ? garbage.substring(0, 20) + "…" : garbage;
            assertInstanceOf(Reading.Malformed.class, reading, shown);
            String reason = ((Reading.Malformed) reading).reason();
            assertFalse(reason.isBlank(), shown);
            assertTrue(garbage.isBlank() || !reason.contains(garbage.strip()), () -> "the reason echoes " + shown + ": " + reason);
        }
    }

    @Test
    void readingIsAValueWithoutSideEffectsSoTheSameCallbackReadsTheSameTwice() {
        String token = siteSignsCallback(callback("M-1001", Optional.of("Ada Lovelace")), SECRET);

        Reading first = tokens.readCallback(token, SECRET);

        assertInstanceOf(Reading.Signed.class, first);
        assertEquals(first, tokens.readCallback(token, SECRET), "single use is the core's, not the signer's");
        assertEquals(first, newTokens().readCallback(token, SECRET), "a second signer (another node) reads it alike");
    }

    @Test
    void oneSignerServesManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> roundTrips = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String member = "M-" + i;
                roundTrips.add(pool.submit(() -> {
                    Grant grant = grant(VerificationToken.of(randomJti()));
                    Callback callback = new Callback(grant.jti().reveal(), REQUESTER.id().toString(), GUILD.toString(), member,
                            Optional.empty(), ISSUED, EXPIRES);
                    return siteReadsOutbound(tokens.sign(grant, SECRET), SECRET).equals(Optional.of(grant))
                            && tokens.readCallback(siteSignsCallback(callback, SECRET), SECRET).equals(new Reading.Signed(callback));
                }));
            }
            for (Future<Boolean> roundTrip : roundTrips) {
                assertTrue(roundTrip.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Grant grant(VerificationToken jti) {
        return new Grant(jti, REQUESTER, GUILD, ISSUED, EXPIRES);
    }

    private static Callback callback(String memberId, Optional<String> name) {
        return new Callback(randomJti(), REQUESTER.id().toString(), GUILD.toString(), memberId, name, ISSUED, EXPIRES);
    }

    private static String randomJti() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        StringBuilder jti = new StringBuilder();
        for (int i = 0; i < 43; i++) {
            jti.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return jti.toString();
    }
}
