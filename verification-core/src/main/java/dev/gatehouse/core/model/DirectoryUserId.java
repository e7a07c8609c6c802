package dev.gatehouse.core.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A user id in an organisation's directory, normalised so that {@code " JSmith "} and {@code "jsmith"}
 * are the same user: Unicode NFKC, surrounding space stripped, lower case.
 *
 * @param value the id as the organisation writes it
 */
public record DirectoryUserId(String value) {
    /** Longest id accepted; longer input is refused rather than cut. */
    public static final int MAX_LENGTH = 128;

    /**
     * Checks the value.
     *
     * @param value the id as the organisation writes it
     * @throws IllegalArgumentException if it is not a valid id
     */
    public DirectoryUserId {
        if (value == null) {
            throw new IllegalArgumentException("user id is missing");
        }
        if (value.length() > MAX_LENGTH * 4) {
            throw new IllegalArgumentException("user id is longer than " + MAX_LENGTH + " characters");
        }
        value = Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        Texts.requireText("user id", value, MAX_LENGTH);
        if (value.codePoints().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("user id must not contain spaces");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
