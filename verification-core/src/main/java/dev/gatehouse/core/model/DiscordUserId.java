package dev.gatehouse.core.model;

/**
 * A Discord account, by its snowflake id.
 *
 * @param value the snowflake, positive
 */
public record DiscordUserId(long value) {
    /**
     * Checks the value.
     *
     * @param value the snowflake, positive
     * @throws IllegalArgumentException if the id is not positive
     */
    public DiscordUserId {
        Snowflakes.requirePositive("Discord user id", value);
    }

    /**
     * Parses a decimal snowflake, with a message fit for the user on bad input.
     *
     * @param text the id in decimal digits
     * @return the id
     * @throws IllegalArgumentException if it is not a positive snowflake
     */
    public static DiscordUserId parse(String text) {
        return new DiscordUserId(Snowflakes.parse("Discord user id", text));
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(value);
    }
}
