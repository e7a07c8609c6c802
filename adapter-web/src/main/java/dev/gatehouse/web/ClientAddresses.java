package dev.gatehouse.web;

import dev.gatehouse.core.model.ClientIp;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Works out which address a request came from, for the core's per-address backoff. That is the socket
 * peer, unless the peer is a configured trusted proxy: then the forwarding header is read from the right
 * and the first address that is not a trusted proxy is the client. Entries further left were written by
 * whoever sent the request and are never believed. (Micronaut's own {@code HttpClientAddressResolver}
 * believes any header, so it is not used.)
 */
@Singleton
final class ClientAddresses {
    private final TrustedProxies trusted;
    private final String header;
    private final boolean rfc7239;

    @Inject
    ClientAddresses(WebSettings settings) {
        this(TrustedProxies.parse(settings.trustedProxies()), settings.clientIpHeader());
    }

    ClientAddresses(TrustedProxies trusted, String header) {
        this.trusted = trusted;
        this.header = header;
        this.rfc7239 = header.equalsIgnoreCase("Forwarded");
    }

    ClientIp of(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote.getAddress() != null ? remote.getAddress()
                : IpAddresses.parseLiteral(remote.getHostString()).orElseThrow(
                        () -> new IllegalStateException("the server gave no socket peer address"));
        return IpAddresses.toClientIp(resolve(peer, request.getHeaders().getAll(header)));
    }

    /** The client behind {@code peer}, given every value of the configured forwarding header, in order. */
    InetAddress resolve(InetAddress peer, List<String> headerValues) {
        if (headerValues.isEmpty() || !trusted.contains(peer)) {
            return peer;
        }
        List<Optional<String>> hops = rfc7239 ? forwardedFor(headerValues) : commaSeparated(headerValues);
        InetAddress nearest = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = hops.get(i).flatMap(IpAddresses::parseHop);
            if (hop.isEmpty()) {
                return nearest;
            }
            if (!trusted.contains(hop.get())) {
                return hop.get();
            }
            nearest = hop.get();
        }
        return nearest;
    }

    private static List<Optional<String>> commaSeparated(List<String> values) {
        List<Optional<String>> hops = new ArrayList<>();
        for (String value : values) {
            for (String hop : value.split(",", -1)) {
                hops.add(Optional.of(hop.strip()));
            }
        }
        return hops;
    }

    /** The {@code for=} parameter of each element of RFC 7239 {@code Forwarded} values; empty where there is none. */
    private static List<Optional<String>> forwardedFor(List<String> values) {
        List<Optional<String>> hops = new ArrayList<>();
        for (String value : values) {
            for (String element : splitOutsideQuotes(value, ',')) {
                Optional<String> forValue = Optional.empty();
                for (String pair : splitOutsideQuotes(element, ';')) {
                    int equals = pair.indexOf('=');
                    if (equals > 0 && pair.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("for")) {
                        forValue = Optional.of(unquote(pair.substring(equals + 1).strip()));
                    }
                }
                hops.add(forValue);
            }
        }
        return hops;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                current.append(c);
                c = text.charAt(++i);
            } else if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
