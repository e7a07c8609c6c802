package dev.gatehouse.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.port.out.HandoffTokens;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HandoffTokens} on Nimbus JOSE+JWT: compact JWS signed with HS256 and the tenant's shared secret, typed
 * explicitly in the JOSE header (RFC 8725 §3.11) as {@value #OUTBOUND_TYPE} going out and {@value #CALLBACK_TYPE}
 * coming back, so neither can pass for the other.
 *
 * <p>Reading a callback checks, in this order: that it is a compact JWS at all ({@code Malformed} if not, if it is a
 * JWE, or if it says {@code alg: none} yet carries a signature); that its {@code alg} is HS256 ({@code BadSignature}
 * for an unsecured {@code alg: none} token and for every other algorithm); the
 * signature ({@code BadSignature}); the {@code typ} ({@code WrongType}); the claims ({@code Malformed}). It does not
 * check {@code exp}: the core compares it with its own clock. The id claims {@code user_id}, {@code guild_id} and
 * {@code member_id} may be JSON strings or integral JSON numbers (sites written in languages that hold snowflakes as
 * numbers send them so); numbers are read exactly, in decimal. Stateless and thread-safe.
 */
public final class JoseHandoffTokens implements HandoffTokens {
    /** The {@code typ} of the token that sends a member to the organisation's site. */
    public static final String OUTBOUND_TYPE = "gatehouse-handoff+jwt";
    /** The {@code typ} the organisation's site must give its callback token. */
    public static final String CALLBACK_TYPE = "gatehouse-callback+jwt";

    static final String USER_ID = "user_id";
    static final String USERNAME = "username";
    static final String GUILD_ID = "guild_id";
    static final String MEMBER_ID = "member_id";
    static final String NAME = "name";
    /** Longer input is not a callback; refused before any parsing. */
    static final int MAX_TOKEN_LENGTH = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(JoseHandoffTokens.class);
    private static final BigInteger LARGEST_EXACT_DOUBLE = BigInteger.ONE.shiftLeft(53);

    public JoseHandoffTokens() {
    }

    @Override
    public String sign(Grant grant, HandoffSecret secret) {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(secret, "secret");
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType(OUTBOUND_TYPE)).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim(USER_ID, grant.requester().id().toString())
                .claim(USERNAME, grant.requester().username())
                .claim(GUILD_ID, grant.guild().toString())
                .issueTime(Date.from(grant.issuedAt()))
                .expirationTime(Date.from(grant.expiresAt()))
                .jwtID(grant.jti().reveal())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new MACSigner(secret.keyBytes()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a hand-off token with HS256", e);
        }
        return jwt.serialize();
    }

    @Override
    public Reading readCallback(String token, HandoffSecret secret) {
        Objects.requireNonNull(secret, "secret");
        String compact = token == null ? "" : token.strip();
        if (compact.isEmpty()) {
            return unreadable("the token is empty");
        }
        if (compact.length() > MAX_TOKEN_LENGTH) {
            return unreadable("the token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(compact);
        } catch (ParseException e) {
            return unreadable("not a compact JWS (header.payload.signature)");
        }
        if (jwt instanceof PlainJWT) {
            return new Reading.BadSignature();
        }
        if (!(jwt instanceof SignedJWT signed)) {
            return unreadable("an encrypted token (JWE); sign the callback with HS256 instead");
        }
        JWSHeader header = signed.getHeader();
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
            return new Reading.BadSignature();
        }
        if (!header.isBase64URLEncodePayload()) {
            return unreadable("an unencoded payload (b64: false)");
        }
        if (!verifies(signed, secret)) {
            return new Reading.BadSignature();
        }
        JOSEObjectType type = header.getType();
        if (type == null || !isCallbackType(type.getType())) {
            return new Reading.WrongType(type == null ? "(none)" : preview(type.getType()));
        }
        Map<String, Object> claims = signed.getPayload().toJSONObject();
        if (claims == null) {
            return signedButMalformed("the payload is not a JSON object");
        }
        try {
            return new Reading.Signed(new Callback(
                    requiredString(claims, JWTClaimNames.JWT_ID),
                    requiredId(claims, USER_ID),
                    requiredId(claims, GUILD_ID),
                    requiredId(claims, MEMBER_ID),
                    optionalString(claims, NAME),
                    requiredTime(claims, JWTClaimNames.ISSUED_AT),
                    requiredTime(claims, JWTClaimNames.EXPIRATION_TIME)));
        } catch (BadClaim bad) {
            return signedButMalformed(bad.getMessage());
        }
    }

    /** RFC 7515 §4.1.9: the {@code application/} prefix may be left out, and media types compare case-insensitively. */
    static boolean isCallbackType(String type) {
        String lower = type.strip().toLowerCase(Locale.ROOT);
        String bare = lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
        return bare.equals(CALLBACK_TYPE);
    }

    private static boolean verifies(SignedJWT signed, HandoffSecret secret) {
        try {
            return signed.verify(new MACVerifier(secret.keyBytes()));
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private static String requiredString(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            throw BadClaim.missing(name);
        }
        if (!(value instanceof String text)) {
            throw new BadClaim("the claim " + name + " must be a string");
        }
        return text;
    }

    /** A string as sent, or an integral JSON number written in decimal. */
    private static String requiredId(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            throw BadClaim.missing(name);
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number number) {
            return integral(number).orElseThrow(() -> new BadClaim("the claim " + name + " must be a string (or a whole number)"))
                    .toString();
        }
        throw new BadClaim("the claim " + name + " must be a string");
    }

    private static Optional<String> optionalString(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new BadClaim("the claim " + name + " must be a string if present");
        }
        return Optional.of(text);
    }

    /** A NumericDate (RFC 7519 §2): seconds since 1970, possibly with a fraction, which is dropped. */
    private static Instant requiredTime(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            throw BadClaim.missing(name);
        }
        if (!(value instanceof Number number)) {
            throw new BadClaim("the claim " + name + " must be a number of seconds since 1970");
        }
        try {
            BigDecimal seconds = new BigDecimal(number.toString());
            return Instant.ofEpochSecond(seconds.setScale(0, RoundingMode.FLOOR).longValueExact());
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            throw new BadClaim("the claim " + name + " is not a usable time");
        }
    }

    /**
     * The exact whole number a JSON number stands for; empty for fractions, and for numbers the parser could only
     * keep as a double beyond 2^53, whose digits are no longer the ones sent.
     */
    private static Optional<BigInteger> integral(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return Optional.of(BigInteger.valueOf(number.longValue()));
        }
        if (number instanceof BigInteger big) {
            return Optional.of(big);
        }
        double value = number.doubleValue();
        if (!Double.isFinite(value) || value != Math.rint(value)) {
            return Optional.empty();
        }
        BigInteger whole = new BigDecimal(value).toBigIntegerExact();
        return whole.abs().compareTo(LARGEST_EXACT_DOUBLE) <= 0 ? Optional.of(whole) : Optional.empty();
    }

    private static String preview(String text) {
        String cleaned = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() <= 64 ? cleaned : cleaned.substring(0, 64) + "…";
    }

    /** Not even a signed token: anyone can post these, so they are logged quietly. */
    private static Reading unreadable(String reason) {
        LOG.debug("hand-off callback unreadable: {}", reason);
        return new Reading.Malformed(reason);
    }

    /** Signed with the tenant's secret but not a usable callback: the organisation's site has a bug worth reporting. */
    private static Reading signedButMalformed(String reason) {
        LOG.info("hand-off callback signed with the tenant's secret but malformed: {}", reason);
        return new Reading.Malformed(reason);
    }

    private static final class BadClaim extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadClaim(String message) {
            super(message, null, false, false);
        }

        static BadClaim missing(String name) {
            return new BadClaim("the claim " + name + " is missing");
        }
    }
}
