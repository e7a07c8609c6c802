package dev.gatehouse.core.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** The address a link request came from, as the web adapter resolved it (IPv4 or IPv6 text). */
public record ClientIp(String value) {
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-f:.]{2,45}");

    public ClientIp {
        if (value == null) {
            throw new IllegalArgumentException("client address is missing");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(value).matches()) {
            throw new IllegalArgumentException("client address must be an IPv4 or IPv6 address, got '" + Texts.preview(value) + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
