package dev.gatehouse.core.model;

/**
 * A person's real name as the directory holds it, shown on pages and set as the Discord nickname.
 *
 * @param value the name
 */
public record DisplayName(String value) {
    /** Longest name accepted from a directory. */
    public static final int MAX_LENGTH = 200;
    /** Discord's limit for a nickname, in characters. */
    public static final int NICKNAME_LENGTH = 32;

    /**
     * Checks the value.
     *
     * @param value the name
     * @throws IllegalArgumentException if it is blank or too long
     */
    public DisplayName {
        Texts.requireText("display name", value, MAX_LENGTH);
        value = value.strip();
    }

    /**
     * The name cut to Discord's 32-character nickname limit without splitting a character.
     *
     * @return at most 32 characters of the name
     */
    public String asNickname() {
        if (value.codePointCount(0, value.length()) <= NICKNAME_LENGTH) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, NICKNAME_LENGTH)).strip();
    }

    @Override
    public String toString() {
        return value;
    }
}
