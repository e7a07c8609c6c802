package dev.gatehouse.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** The client secret an identity provider issued to Gatehouse. It never prints. */
public final class ClientSecret {
    /** The longest secret, in characters. */
    public static final int MAX_LENGTH = 512;

    private final String value;

    /**
     * A secret as the provider issued it.
     *
     * @param value the secret, 1 to {@value #MAX_LENGTH} characters, not blank, no control characters
     */
    public ClientSecret(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || Texts.hasControlCharacter(value)) {
            throw new IllegalArgumentException("a client secret can't be blank or hold control characters");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a client secret has at most " + MAX_LENGTH + " characters");
        }
        this.value = value;
    }

    /**
     * The secret as configured, for the token request and the store only.
     *
     * @return the secret in clear
     */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientSecret secret && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                secret.value.getBytes(StandardCharsets.UTF_8));
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
