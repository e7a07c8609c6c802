package dev.gatehouse.core.model;

/** A Discord server (guild), by its snowflake id. */
public record GuildId(long value) {
    public GuildId {
        Snowflakes.requirePositive("guild id", value);
    }

    /** Parses a decimal snowflake, with a message fit for the user on bad input. */
    public static GuildId parse(String text) {
        return new GuildId(Snowflakes.parse("guild id", text));
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(value);
    }
}
