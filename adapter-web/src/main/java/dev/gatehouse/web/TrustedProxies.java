package dev.gatehouse.web;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** The reverse proxies allowed to tell us the client's address: single addresses and CIDR ranges, IPv4 or IPv6. */
final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    static TrustedProxies none() {
        return NONE;
    }

    /** Parses entries such as {@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1} or {@code fd00::/8}. */
    static TrustedProxies parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            ranges.add(Range.parse(entry));
        }
        return new TrustedProxies(ranges);
    }

    boolean contains(InetAddress address) {
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    private record Range(byte[] network, int prefixLength) {
        static Range parse(String entry) {
            String text = entry == null ? "" : entry.strip();
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            byte[] network = IpAddresses.parseLiteral(address)
                    .map(InetAddress::getAddress)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "gatehouse.web.trusted-proxies: '" + text + "' is not an IP address or CIDR range"));
            int bits = network.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException(
                            "gatehouse.web.trusted-proxies: '" + text + "' needs a prefix length from 0 to " + bits);
                }
            }
            return new Range(network, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}
