package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.javacord.api.DiscordApiBuilder;
import org.junit.jupiter.api.Test;

/** A bot that can't reach Discord is reported in the log; the link pages keep working. */
class UnreachableDiscordTest {

    @Test
    void thePagesKeepWorkingWhenTheBotCannotConnect() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int port = freePort();
        Proxy nowhere = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", closedPort));
        try (TestDatabase database = TestDatabase.createEmpty();
             ApplicationContext app = ApplicationContext.builder()
                     .properties(Map.of(
                             "datasources.default.url", database.jdbcUrl(),
                             "micronaut.server.port", port,
                             "gatehouse.management.port", freePort(),
                             "gatehouse.web.public-base-url", "http://localhost:" + port,
                             "gatehouse.discord.token", "not-a-real-token",
                             "gatehouse.discord.login-timeout", "3s"))
                     .singletons((DiscordConnection) token -> new DiscordApiBuilder().setToken(token).setProxy(nowhere))
                     .start()) {
            app.getBean(EmbeddedServer.class).start();

            assertEquals(DiscordRunner.BotState.FAILED, app.getBean(DiscordRunner.class).startAttempt().get(30, TimeUnit.SECONDS));
            HttpResponse<String> home = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, home.statusCode());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
