package dev.gatehouse.core.model;

import java.util.regex.Pattern;

/**
 * One running Gatehouse process of a fleet, such as {@code gatehouse-1} or a host name with a random suffix.
 *
 * @param value the name, stripped: 1 to 100 letters, digits, {@code .}, {@code _}, {@code :} or {@code -}, starting
 *              with a letter or digit
 */
public record InstanceId(String value) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    public InstanceId {
        if (value == null || !NAME.matcher(value.strip()).matches()) {
            throw new IllegalArgumentException("instance id must be 1-100 letters, digits, '.', '_', ':' or '-', got '"
                    + Texts.preview(String.valueOf(value)) + "'");
        }
        value = value.strip();
    }

    @Override
    public String toString() {
        return value;
    }
}
