package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address is the client's: the peer, unless a trusted proxy names someone, read from the right. */
class ClientAddressesTest {
    private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("127.0.0.1", "10.0.0.0/8", "fd00::/8"));
    private final ClientAddresses forwardedFor = new ClientAddresses(PROXIES, "X-Forwarded-For");
    private final ClientAddresses forwarded = new ClientAddresses(PROXIES, "Forwarded");
    private final ClientAddresses trustingNobody = new ClientAddresses(TrustedProxies.none(), "X-Forwarded-For");

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeadersSay() {
        assertEquals("203.0.113.7", client(trustingNobody, "203.0.113.7", "198.51.100.1"));
        assertEquals("127.0.0.1", client(trustingNobody, "127.0.0.1", "198.51.100.1"));
        assertEquals("198.51.100.9", client(forwardedFor, "198.51.100.9", "10.0.0.1, 127.0.0.1"));
    }

    @Test
    void aTrustedProxyNamesTheClientAsTheRightMostUntrustedAddress() {
        assertEquals("203.0.113.7", client(forwardedFor, "127.0.0.1", "203.0.113.7"));
        assertEquals("203.0.113.7", client(forwardedFor, "127.0.0.1", "198.51.100.66, 203.0.113.7"), "the left part is the sender's word");
        assertEquals("203.0.113.7", client(forwardedFor, "127.0.0.1", "198.51.100.66, 203.0.113.7, 10.1.2.3, 10.0.0.9"));
        assertEquals("203.0.113.7", client(forwardedFor, "127.0.0.1", List.of("198.51.100.66", "203.0.113.7, 10.0.0.9")),
                "several header lines form one list");
    }

    @Test
    void withoutAHeaderOrWithOnlyProxiesTheNearestKnownAddressIsTheClient() {
        assertEquals("127.0.0.1", client(forwardedFor, "127.0.0.1", List.of()));
        assertEquals("10.0.0.2", client(forwardedFor, "127.0.0.1", "10.0.0.2, 10.0.0.9"));
    }

    @Test
    void anEntryThatIsNoAddressStopsTheWalkAtTheProxyThatWroteIt() {
        assertEquals("127.0.0.1", client(forwardedFor, "127.0.0.1", "unknown"));
        assertEquals("10.0.0.9", client(forwardedFor, "127.0.0.1", "203.0.113.7, localhost, 10.0.0.9"));
        assertEquals("127.0.0.1", client(forwardedFor, "127.0.0.1", "example.org"), "host names are never looked up");
        assertEquals("127.0.0.1", client(forwardedFor, "127.0.0.1", "999.1.1.1"));
        assertEquals("127.0.0.1", client(forwardedFor, "127.0.0.1", ""));
    }

    @Test
    void portsBracketsAndIpv6AreUnderstood() {
        assertEquals("203.0.113.7", client(forwardedFor, "127.0.0.1", "203.0.113.7:51234"));
        assertEquals("2001:db8:0:0:0:0:0:1", client(forwardedFor, "127.0.0.1", "2001:db8::1"));
        assertEquals("2001:db8:0:0:0:0:0:1", client(forwardedFor, "127.0.0.1", "[2001:db8::1]:443"));
        assertEquals("203.0.113.7", client(forwardedFor, "fd00::5", "203.0.113.7, fd12::1"));
        assertEquals("203.0.113.7", client(forwardedFor, "127.0.0.1", "::ffff:203.0.113.7"), "IPv4-mapped is IPv4");
    }

    @Test
    void theForwardedHeaderIsReadWhenConfigured() {
        assertEquals("203.0.113.7", client(forwarded, "127.0.0.1", "for=198.51.100.66, for=203.0.113.7;proto=https;by=10.0.0.1"));
        assertEquals("2001:db8:0:0:0:0:0:17", client(forwarded, "127.0.0.1", "For=\"[2001:db8::17]:4711\""));
        assertEquals("203.0.113.7", client(forwarded, "127.0.0.1", "for=203.0.113.7;host=\"a,b;c\", for=10.0.0.3"));
        assertEquals("127.0.0.1", client(forwarded, "127.0.0.1", "for=_hidden"), "an obfuscated client stops the walk");
        assertEquals("127.0.0.1", client(forwarded, "127.0.0.1", "proto=https"));
    }

    @Test
    void trustedProxiesAreAddressesOrCidrRanges() {
        TrustedProxies proxies = TrustedProxies.parse(List.of("192.0.2.0/25", "2001:db8::/32", " 198.51.100.1 "));
        assertTrue(proxies.contains(address("192.0.2.127")));
        assertTrue(!proxies.contains(address("192.0.2.128")));
        assertTrue(proxies.contains(address("2001:db8:ffff::1")));
        assertTrue(!proxies.contains(address("2001:db9::1")));
        assertTrue(proxies.contains(address("198.51.100.1")));
        assertTrue(!proxies.contains(address("198.51.100.2")));
        assertTrue(TrustedProxies.parse(List.of("0.0.0.0/0")).contains(address("203.0.113.7")));
        assertTrue(!TrustedProxies.parse(List.of("0.0.0.0/0")).contains(address("::1")), "families don't mix");
    }

    @Test
    void aBadTrustedProxyEntryIsRefusedWithTheSettingsName() {
        for (String bad : List.of("proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of(bad)));
            assertTrue(e.getMessage().startsWith("gatehouse.web.trusted-proxies:"), e.getMessage());
        }
    }

    @Test
    void anIpv6ZoneNeverReachesTheCore() {
        assertEquals("fe80:0:0:0:0:0:0:1", IpAddresses.toClientIp(address("fe80::1%1")).value());
    }

    private static String client(ClientAddresses addresses, String peer, String header) {
        return client(addresses, peer, List.of(header));
    }

    private static String client(ClientAddresses addresses, String peer, List<String> header) {
        return IpAddresses.toClientIp(addresses.resolve(address(peer), header)).value();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
