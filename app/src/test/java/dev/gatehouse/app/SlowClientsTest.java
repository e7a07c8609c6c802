package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A thousand clients trickle request bodies, half to the hand-off callback and half to a link page's POST, with the
 * app's own {@code application.yml} (fixed worker pools, idle and request-read timeouts): the thread count stays
 * within a fixed bound of where it started, {@code /health} keeps answering, and the server closes the slow
 * connections by itself. Loopback only; every loop is bounded.
 */
class SlowClientsTest {
    private static final int CLIENTS = 1_000;
    /** Fixed blocking (32) and io (16) pools plus event loops and a margin: far below one thread per client. */
    private static final int THREAD_BOUND = 100;
    /** A fault bound for one /health answer while the clients trickle. */
    private static final Duration HEALTH_WITHIN = Duration.ofSeconds(5);
    /** After the last client connected: the app's 10 s request-read timeout and a margin for a loaded machine. */
    private static final Duration TRICKLE_FOR = Duration.ofSeconds(16);

    @Test
    void aThousandTricklingClientsAddNoThreadPerClientAndHealthKeepsAnswering() throws Exception {
        int port = freePort();
        try (TestDatabase database = TestDatabase.createEmpty();
             ApplicationContext app = ApplicationContext.builder()
                     .properties(Map.of(
                             "datasources.default.url", database.jdbcUrl(),
                             "micronaut.server.port", port,
                             "gatehouse.management.port", freePort(),
                             "gatehouse.web.public-base-url", "http://localhost:" + port))
                     .start()) {
            app.getBean(EmbeddedServer.class).start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(HEALTH_WITHIN).build();
            assertEquals(200, health(http, port));
            int before = threads();

            List<Socket> clients = new ArrayList<>();
            int peak = before;
            int healthChecks = 0;
            long slowestHealth = 0;
            long closedByServer;
            try {
                long opened = System.nanoTime();
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(startTrickling(port, i % 2 == 0
                            ? "/handoff/acme/callback" : "/verify/dGhpcy1pcy1ub3QtYS1yZWFsLXRva2VuLWJ1dC1sb25nLWVub3VnaA"));
                }
                long openMillis = Duration.ofNanos(System.nanoTime() - opened).toMillis();
                long until = System.nanoTime() + TRICKLE_FOR.toNanos();
                while (System.nanoTime() < until) {
                    for (Socket client : clients) {
                        trickle(client);
                    }
                    long asked = System.nanoTime();
                    assertEquals(200, health(http, port), "/health answers while " + CLIENTS + " clients trickle");
                    slowestHealth = Math.max(slowestHealth, Duration.ofNanos(System.nanoTime() - asked).toMillis());
                    healthChecks++;
                    peak = Math.max(peak, threads());
                    Thread.sleep(1_000);
                }
                closedByServer = clients.stream().filter(SlowClientsTest::closedByServer).count();
                System.out.printf("slow clients: %d connections opened in %d ms, then trickled a byte a second for %d s%n", CLIENTS,
                        openMillis, TRICKLE_FOR.toSeconds());
            } finally {
                for (Socket client : clients) {
                    client.close();
                }
            }
            Thread.sleep(2_000);
            int after = threads();
            System.out.printf("slow clients: JVM threads before %d, peak during %d, after %d; %d /health checks all 200, slowest %d ms; "
                    + "%d of %d connections closed by the server%n", before, peak, after, healthChecks, slowestHealth, closedByServer,
                    CLIENTS);
            assertTrue(peak - before < THREAD_BOUND, "threads grew from " + before + " to " + peak);
            assertEquals(CLIENTS, closedByServer, "the request-read timeout (10 s) ends every trickling client");
        }
    }

    /** Headers promising a 4 KB body, then its first byte; the rest comes a byte at a time. */
    private static Socket startTrickling(int port, String path) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 4096\r\n\r\nt";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static void trickle(Socket client) {
        try {
            OutputStream out = client.getOutputStream();
            out.write('o');
            out.flush();
        } catch (IOException closedByTheServer) {
            // the server may cut a slow client off at any time
        }
    }

    /** Whether the server ended the connection: end of stream (after any reply) or a reset. */
    private static boolean closedByServer(Socket client) {
        try {
            client.setSoTimeout(20);
            byte[] buffer = new byte[8192];
            while (client.getInputStream().read(buffer) >= 0) {
                continue;
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static int health(HttpClient http, int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).timeout(HEALTH_WITHIN).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static int freePort() {
        return FreePorts.next();
    }
}
