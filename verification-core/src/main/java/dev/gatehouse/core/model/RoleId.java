package dev.gatehouse.core.model;

/**
 * A Discord role, by its snowflake id.
 *
 * @param value the snowflake, positive
 */
public record RoleId(long value) {
    /**
     * Checks the value.
     *
     * @param value the snowflake, positive
     * @throws IllegalArgumentException if the id is not positive
     */
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
