package dev.gatehouse.web;

import dev.gatehouse.core.model.ClientIp;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses IP address literals without ever asking DNS: header values come from anyone. */
final class IpAddresses {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private IpAddresses() {
    }

    /**
     * An IPv4 dotted quad or an IPv6 literal (no zone, no brackets); empty for anything else, host names included.
     * IPv4 is parsed here; for text with a ':' {@link InetAddress#getByName} parses an IPv6 literal or fails,
     * and never resolves a name.
     */
    static Optional<InetAddress> parseLiteral(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return byAddress(bytes);
        }
        if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
            try {
                return Optional.of(InetAddress.getByName(text));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * One hop of a forwarding chain as proxies write it: {@code 192.0.2.1}, {@code 192.0.2.1:8080},
     * {@code 2001:db8::1}, {@code [2001:db8::1]} or {@code [2001:db8::1]:8080}. Empty for {@code unknown},
     * obfuscated identifiers and anything else that is not an address.
     */
    static Optional<InetAddress> parseHop(String hop) {
        String text = hop.strip();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !(rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches())) {
                return Optional.empty();
            }
            String inside = text.substring(1, close);
            return inside.indexOf(':') >= 0 ? parseLiteral(inside) : Optional.empty();
        }
        int firstColon = text.indexOf(':');
        if (firstColon >= 0 && firstColon == text.lastIndexOf(':')) {
            if (!PORT.matcher(text.substring(firstColon + 1)).matches()) {
                return Optional.empty();
            }
            return parseLiteral(text.substring(0, firstColon)).filter(a -> !(a instanceof Inet6Address));
        }
        return parseLiteral(text);
    }

    /** The address as the core's {@link ClientIp}: canonical text, without an IPv6 zone. */
    static ClientIp toClientIp(InetAddress address) {
        String text = address.getHostAddress();
        int zone = text.indexOf('%');
        return new ClientIp(zone < 0 ? text : text.substring(0, zone));
    }

    private static Optional<InetAddress> byAddress(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
