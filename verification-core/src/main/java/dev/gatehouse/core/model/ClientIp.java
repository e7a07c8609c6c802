package dev.gatehouse.core.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The address a link request came from, as the web adapter resolved it (IPv4 or IPv6 text).
 *
 * @param value the address as text
 */
public record ClientIp(String value) {
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-f:.]{2,45}");

    /**
     * Checks the value.
     *
     * @param value the address as text
     * @throws IllegalArgumentException if it is not an IP address
     */
    public ClientIp {
        if (value == null) {
            throw new IllegalArgumentException("client address is missing");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(value).matches()) {
            throw new IllegalArgumentException("client address must be an IPv4 or IPv6 address, got '" + Texts.preview(value) + "'");
        }
    }

    /**
     * The part of the address that identifies one client for rate limiting: the whole IPv4 address, or the
     * /64 prefix of an IPv6 address (one subscriber usually holds a whole /64 and could rotate within it).
     *
     * @return the IPv4 address or the IPv6 /64 prefix
     */
    public String subscriberPrefix() {
        if (!value.contains(":")) {
            return value;
        }
        try {
            byte[] address = InetAddress.getByName(value).getAddress();
            if (address.length == 4) {
                return InetAddress.getByAddress(address).getHostAddress();
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((address[i] & 0xff) << 8) | (address[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return value;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
