package dev.gatehouse.core.fake;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.out.HandoffTokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link HandoffTokens} for tests of everything around the signer, without JOSE: a token is its claims, each
 * base64url-encoded and joined by {@code ~}, then {@code .} and an HMAC-SHA256 of them under the tenant's secret.
 * It keeps the contract the JOSE signer keeps (see {@code HandoffTokensContract}); the organisation's site in a
 * test reads grants with {@link #grantOf} and signs callbacks with {@link #signCallback}. Stateless and thread-safe.
 */
public final class FakeHandoffTokens implements HandoffTokens {
    /** The type of the token that sends a member to the organisation's site. */
    public static final String OUTBOUND_TYPE = "fake-handoff";
    /** The type of the token the organisation's site signs back. */
    public static final String CALLBACK_TYPE = "fake-callback";

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_~-]+\\.[A-Za-z0-9_-]{43}");
    private static final String NO_NAME = "-";
    private static final String NAME = "+";

    public FakeHandoffTokens() {
    }

    @Override
    public String sign(Grant grant, HandoffSecret secret) {
        return signed(secret, OUTBOUND_TYPE, grant.jti().reveal(), grant.requester().id().toString(), grant.requester().username(),
                grant.guild().toString(), seconds(grant.issuedAt()), seconds(grant.expiresAt()));
    }

    /** The organisation's site signing a callback with {@code secret}. */
    public String signCallback(Callback callback, HandoffSecret secret) {
        return signed(secret, CALLBACK_TYPE, callback.jti(), callback.discordUserId(), callback.guildId(), callback.memberId(),
                callback.name().map(name -> NAME + name).orElse(NO_NAME), seconds(callback.issuedAt()), seconds(callback.expiresAt()));
    }

    /** The grant an outbound token carries, as the organisation's site reads it after checking it with {@code secret}. */
    public Optional<Grant> readOutbound(String token, HandoffSecret secret) {
        return parse(token).filter(parsed -> verifies(parsed, secret)).flatMap(FakeHandoffTokens::grant);
    }

    /** The grant an outbound token carries, read without checking its signature (the test knows who signed it). */
    public Grant grantOf(String token) {
        return parse(token).flatMap(FakeHandoffTokens::grant)
                .orElseThrow(() -> new IllegalArgumentException("not an outbound fake hand-off token"));
    }

    /** The token with its member id replaced and its signature kept: what a member forging a callback would try. */
    public static String withMemberId(String callbackToken, String memberId) {
        Parsed parsed = parse(callbackToken).orElseThrow(() -> new IllegalArgumentException("not a fake hand-off token"));
        List<String> claims = new ArrayList<>(parsed.claims());
        claims.set(4, memberId);
        return encode(claims) + "." + callbackToken.substring(callbackToken.indexOf('.') + 1);
    }

    @Override
    public Reading readCallback(String token, HandoffSecret secret) {
        Optional<Parsed> parsed = parse(token == null ? "" : token.strip());
        if (parsed.isEmpty()) {
            return new Reading.Malformed("not a fake hand-off token");
        }
        if (!verifies(parsed.get(), secret)) {
            return new Reading.BadSignature();
        }
        List<String> c = parsed.get().claims();
        if (!c.get(0).equals(CALLBACK_TYPE)) {
            return new Reading.WrongType(c.get(0));
        }
        if (c.size() != 8 || !(c.get(5).equals(NO_NAME) || c.get(5).startsWith(NAME))) {
            return new Reading.Malformed("the claims are not those of a callback");
        }
        try {
            return new Reading.Signed(new Callback(c.get(1), c.get(2), c.get(3), c.get(4),
                    c.get(5).equals(NO_NAME) ? Optional.empty() : Optional.of(c.get(5).substring(NAME.length())),
                    Instant.ofEpochSecond(Long.parseLong(c.get(6))), Instant.ofEpochSecond(Long.parseLong(c.get(7)))));
        } catch (RuntimeException e) {
            return new Reading.Malformed("a time is not a number of seconds");
        }
    }

    private record Parsed(String signedPart, byte[] mac, List<String> claims) {
    }

    private static Optional<Grant> grant(Parsed parsed) {
        List<String> c = parsed.claims();
        if (c.size() != 7 || !c.get(0).equals(OUTBOUND_TYPE)) {
            return Optional.empty();
        }
        return Optional.of(new Grant(VerificationToken.of(c.get(1)), new DiscordAccount(new DiscordUserId(Long.parseLong(c.get(2))), c.get(3)),
                new GuildId(Long.parseLong(c.get(4))), Instant.ofEpochSecond(Long.parseLong(c.get(5))),
                Instant.ofEpochSecond(Long.parseLong(c.get(6)))));
    }

    private static Optional<Parsed> parse(String token) {
        if (token.length() > 8192 || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        try {
            List<String> claims = Arrays.stream(token.substring(0, dot).split("~", -1))
                    .map(claim -> new String(Base64.getUrlDecoder().decode(claim), StandardCharsets.UTF_8)).toList();
            if (!claims.get(0).equals(OUTBOUND_TYPE) && !claims.get(0).equals(CALLBACK_TYPE)) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(token.substring(0, dot), Base64.getUrlDecoder().decode(token.substring(dot + 1)), claims));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean verifies(Parsed parsed, HandoffSecret secret) {
        return MessageDigest.isEqual(mac(parsed.signedPart(), secret), parsed.mac());
    }

    private static String signed(HandoffSecret secret, String... claims) {
        String signedPart = encode(List.of(claims));
        return signedPart + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(signedPart, secret));
    }

    private static String encode(List<String> claims) {
        return String.join("~", claims.stream()
                .map(claim -> Base64.getUrlEncoder().withoutPadding().encodeToString(claim.getBytes(StandardCharsets.UTF_8))).toList());
    }

    private static byte[] mac(String signedPart, HandoffSecret secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.keyBytes(), "HmacSHA256"));
            return mac.doFinal(signedPart.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String seconds(Instant instant) {
        return Long.toString(instant.getEpochSecond());
    }
}
