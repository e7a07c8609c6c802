package dev.gatehouse.core.model;

/**
 * A Discord server (guild), by its snowflake id.
 *
 * @param value the snowflake, positive
 */
public record GuildId(long value) {
    /**
     * Checks the value.
     *
     * @param value the snowflake, positive
     * @throws IllegalArgumentException if the id is not positive
     */
    public GuildId {
        Snowflakes.requirePositive("guild id", value);
    }

    /**
     * Parses a decimal snowflake, with a message fit for the user on bad input.
     *
     * @param text the id in decimal digits
     * @return the id
     * @throws IllegalArgumentException if it is not a positive snowflake
     */
    public static GuildId parse(String text) {
        return new GuildId(Snowflakes.parse("guild id", text));
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(value);
    }
}
