package dev.gatehouse.core.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A mailbox address from the directory. Checked for the shape mail servers accept (RFC 5321 lengths,
 * no spaces or control characters, a dotted domain); the domain is lower-cased.
 *
 * @param value the address
 */
public record EmailAddress(String value) {
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /**
     * Checks the value.
     *
     * @param value the address
     * @throws IllegalArgumentException if it is not a usable address
     */
    public EmailAddress {
        if (value == null) {
            throw new IllegalArgumentException("email address is missing");
        }
        value = value.strip();
        if (value.length() > 254) {
            throw new IllegalArgumentException("email address is longer than 254 characters");
        }
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            throw new IllegalArgumentException("email address must look like name@example.org, got '" + Texts.preview(value) + "'");
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new IllegalArgumentException("email address has an invalid part before '@': '" + Texts.preview(value) + "'");
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("email address has an invalid domain: '" + Texts.preview(value) + "'");
        }
        value = local + "@" + domain;
    }

    /**
     * The address with most letters hidden, e.g. {@code j•••@u•••.edu}, safe to show to the requester.
     *
     * @return the masked address
     */
    public String masked() {
        int at = value.lastIndexOf('@');
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        int lastDot = domain.lastIndexOf('.');
        return local.charAt(0) + "•••@" + domain.charAt(0) + "•••" + domain.substring(lastDot);
    }

    @Override
    public String toString() {
        return value;
    }
}
