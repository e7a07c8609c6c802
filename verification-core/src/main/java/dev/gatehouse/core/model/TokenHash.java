package dev.gatehouse.core.model;

import java.util.regex.Pattern;

/**
 * SHA-256 of a verification token, as 64 lower-case hex digits.
 *
 * @param hex the hash in lower-case hex
 */
public record TokenHash(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public TokenHash {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a token hash is 64 lower-case hex digits");
        }
    }
}
