package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code gatehouse.discord.proxy}: host:port of an HTTP proxy, or nothing; anything else stops the start. */
class DiscordProxySettingTest {

    @Test
    void hostAndPortNameAnHttpProxy() {
        Proxy proxy = DiscordRunner.proxy(" proxy.internal:3128 ").orElseThrow();

        assertEquals(Proxy.Type.HTTP, proxy.type());
        InetSocketAddress address = (InetSocketAddress) proxy.address();
        assertEquals("proxy.internal", address.getHostString());
        assertEquals(3128, address.getPort());
        assertEquals("::1", ((InetSocketAddress) DiscordRunner.proxy("[::1]:8080").orElseThrow().address()).getHostString());
    }

    @Test
    void emptyMeansNoProxy() {
        assertEquals(Optional.empty(), DiscordRunner.proxy(""));
        assertEquals(Optional.empty(), DiscordRunner.proxy(null));
    }

    @Test
    void aMalformedProxyIsRefusedNamingTheSetting() {
        for (String bad : new String[] {"nohost", "host:", ":3128", "host:0", "host:70000", "http://host:3128"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiscordRunner.proxy(bad), bad);
            assertTrue(e.getMessage().startsWith("gatehouse.discord.proxy must be host:port"), e.getMessage());
        }
    }
}
