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

    /**
     * Parses a decimal snowflake, with a message fit for the user on bad input.
     *
     * @param text the id in decimal digits
     * @return the id
     * @throws IllegalArgumentException if it is not a positive snowflake
     */
    public static RoleId parse(String text) {
        return new RoleId(Snowflakes.parse("role id", text));
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(value);
    }
}
