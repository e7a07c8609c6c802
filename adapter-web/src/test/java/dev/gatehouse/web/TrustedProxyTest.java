package dev.gatehouse.web;

import static dev.gatehouse.web.PageAssertions.assertPage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.web.GatehouseFixture.StoreState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a reverse proxy: the test client at 127.0.0.1 plays the proxy, configured as trusted, so its
 * X-Forwarded-For names the client whose bad links count towards the backoff.
 */
class TrustedProxyTest {
    private static final String UNKNOWN_TOKEN = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("gatehouse.web.trusted-proxies", List.of("127.0.0.1", "10.0.0.0/8")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void freshDay() {
        server.core.stores(StoreState.UP);
        server.core.advance(Duration.ofDays(2));
    }

    @Test
    void theForwardedClientIsThrottledAndNotItsNeighbours() {
        failFiveTimesAs("203.0.113.5");

        HttpResponse<String> same = miss("X-Forwarded-For", "203.0.113.5");
        assertPage(same, 429, "Too many attempts");
        assertEquals("10", same.headers().firstValue("Retry-After").orElse(null));
        assertEquals(404, miss("X-Forwarded-For", "203.0.113.6").statusCode(), "another client behind the proxy");
        assertEquals(404, miss().statusCode(), "the proxy's own requests");
    }

    @Test
    void whatTheClientPutsLeftOfItsAddressIsNotBelieved() {
        for (int i = 1; i <= 5; i++) {
            assertEquals(404, miss("X-Forwarded-For", "198.51.100." + i + ", 203.0.113.20").statusCode());
        }

        assertPage(miss("X-Forwarded-For", "198.51.100.77, 203.0.113.20"), 429, "Too many attempts");
    }

    @Test
    void internalProxyHopsAreSkipped() {
        for (int i = 1; i <= 5; i++) {
            assertEquals(404, miss("X-Forwarded-For", "203.0.113.30, 10.0.0." + i).statusCode());
        }

        assertPage(miss("X-Forwarded-For", "203.0.113.30"), 429, "Too many attempts");
    }

    @Test
    void onlyTheConfiguredHeaderIsRead() {
        for (int i = 1; i <= 5; i++) {
            assertEquals(404, miss("X-Forwarded-For", "203.0.113.40", "Forwarded", "for=198.51.100." + i).statusCode());
        }

        assertPage(miss("X-Forwarded-For", "203.0.113.40", "Forwarded", "for=198.51.100.99"), 429, "Too many attempts");
    }

    private void failFiveTimesAs(String client) {
        for (int i = 1; i <= 5; i++) {
            assertEquals(404, miss("X-Forwarded-For", client).statusCode(), "bad link " + i);
        }
    }

    private HttpResponse<String> miss(String... headers) {
        return server.get("/verify/" + UNKNOWN_TOKEN, headers);
    }
}
