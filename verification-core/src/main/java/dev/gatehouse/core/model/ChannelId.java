package dev.gatehouse.core.model;

/** A Discord channel, by its snowflake id. */
public record ChannelId(long value) {
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
