package dev.gatehouse.core.model;

/** Parsing and checking of Discord snowflake ids, shared by the id records. */
final class Snowflakes {
    private static final int MAX_DIGITS = 20;

    private Snowflakes() {
    }

    static long requirePositive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be a positive Discord id, got " + value);
        }
        return value;
    }

    static long parse(String what, String text) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_DIGITS || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + " must be a Discord id (digits only), got '" + Texts.preview(text) + "'");
        }
        try {
            return requirePositive(what, Long.parseLong(trimmed));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is too large for a Discord id: '" + Texts.preview(text) + "'", e);
        }
    }
}
