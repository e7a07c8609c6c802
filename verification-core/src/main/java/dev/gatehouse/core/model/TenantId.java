package dev.gatehouse.core.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One organisation's tenant: a lower-case slug such as {@code cs101} or {@code acme-staff}.
 *
 * @param value the slug
 */
public record TenantId(String value) {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /**
     * Checks the value.
     *
     * @param value the slug
     * @throws IllegalArgumentException if it is not a valid slug
     */
    public TenantId {
        if (value == null) {
            throw new IllegalArgumentException("tenant id is missing");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException("tenant id must be 1-64 letters, digits, '-' or '_' starting with a letter or digit, got '"
                    + Texts.preview(value) + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
