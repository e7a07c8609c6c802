package dev.gatehouse.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The key Gatehouse and the organisation's site share to sign hand-off tokens (HMAC-SHA256): at least 32
 * characters, so at least 256 bits of key material. It never prints.
 */
public final class HandoffSecret {
    /** The shortest secret accepted, in characters. */
    public static final int MIN_LENGTH = 32;
    /** The longest secret accepted, in characters. */
    public static final int MAX_LENGTH = 512;

    private final String value;

    /**
     * Checks and wraps a secret.
     *
     * @param value the secret, {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters
     * @throws IllegalArgumentException if it is shorter or longer
     */
    public HandoffSecret(String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a hand-off secret needs at least " + MIN_LENGTH + " characters, got "
                    + value.length());
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a hand-off secret has at most " + MAX_LENGTH + " characters");
        }
        if (value.isBlank() || Texts.hasControlCharacter(value)) {
            throw new IllegalArgumentException("a hand-off secret can't be blank or hold control characters");
        }
        this.value = value;
    }

    /**
     * The key bytes (UTF-8), for the signer only.
     *
     * @return a fresh copy of the key bytes
     */
    public byte[] keyBytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The secret as configured, for the store only.
     *
     * @return the secret
     */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HandoffSecret secret && MessageDigest.isEqual(keyBytes(), secret.keyBytes());
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
