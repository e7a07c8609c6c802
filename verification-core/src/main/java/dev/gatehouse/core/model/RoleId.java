package dev.gatehouse.core.model;

/** A Discord role, by its snowflake id. */
public record RoleId(long value) {
    public RoleId {
        Snowflakes.requirePositive("role id", value);
    }

    public static RoleId parse(String text) {
        return new RoleId(Snowflakes.parse("role id", text));
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(value);
    }
}
