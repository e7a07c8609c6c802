package dev.gatehouse.core.model;

/**
 * A Discord channel, by its snowflake id.
 *
 * @param value the snowflake, positive
 */
public record ChannelId(long value) {
    /**
     * Checks the value.
     *
     * @param value the snowflake, positive
     * @throws IllegalArgumentException if the id is not positive
     */
    public ChannelId {
        Snowflakes.requirePositive("channel id", value);
    }

    /**
     * Parses a decimal snowflake, with a message fit for the user on bad input.
     *
     * @param text the id in decimal digits
     * @return the id
     * @throws IllegalArgumentException if it is not a positive snowflake
     */
    public static ChannelId parse(String text) {
        return new ChannelId(Snowflakes.parse("channel id", text));
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(value);
    }
}
