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

    public static ChannelId parse(String text) {
        return new ChannelId(Snowflakes.parse("channel id", text));
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(value);
    }
}
