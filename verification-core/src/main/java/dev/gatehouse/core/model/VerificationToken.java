package dev.gatehouse.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret in a verification link: 32 random bytes, base64url without padding (43 characters).
 * It never prints: {@link #toString()} says {@code [redacted]}. Only its {@link #hash()} is stored.
 */
public final class VerificationToken {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final String value;

    private VerificationToken(String value) {
        this.value = value;
    }

    /**
     * Wraps a token taken from a link; returns a result rather than throwing, because links come from anyone.
     *
     * @param text the token from the link, or null
     * @return the token, or empty if it is not 43 base64url characters
     */
    public static Optional<VerificationToken> parse(String text) {
        if (text == null || text.length() != 43 || !FORMAT.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new VerificationToken(text));
    }

    /**
     * Wraps a freshly generated token; throws if it is not 43 base64url characters.
     *
     * @param text the token
     * @return the token
     */
    public static VerificationToken of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("a verification token is 43 base64url characters"));
    }

    /**
     * The token as it goes into a link. Call only where the link is built.
     *
     * @return the token
     */
    public String reveal() {
        return value;
    }

    /**
     * SHA-256 of the token, the only form that is stored.
     *
     * @return the hash
     */
    public TokenHash hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return new TokenHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerificationToken token
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII), token.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
