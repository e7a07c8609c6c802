package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.discord.BotStatus;
import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeResponse;
import dev.gatehouse.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Discord refusing at start: the link pages serve meanwhile, health says so, and the bot connects by itself once
 * Discord answers, with its commands registered; nothing is left half-started.
 */
class DiscordOutageTest {
    private static final int REFUSALS = 15;

    @Test
    void theBotKeepsTryingWhileDiscordRefusesAndConnectsByItselfWhenItAnswers() throws Exception {
        int port = freePort();
        int management = freePort();
        try (TestDatabase database = TestDatabase.createEmpty();
             FakeDiscord discord = FakeDiscord.start()) {
            for (int i = 0; i < REFUSALS; i++) {
                discord.respondNext("GET", "/oauth2/applications/@me", FakeResponse.serverError());
            }
            try (ApplicationContext app = ApplicationContext.builder()
                    .properties(Map.of(
                            "datasources.default.url", database.jdbcUrl(),
                            "micronaut.server.port", port,
                            "gatehouse.management.port", management,
                            "gatehouse.web.public-base-url", "http://localhost:" + port,
                            "gatehouse.discord.token", FakeDiscord.TOKEN,
                            "gatehouse.discord.login-timeout", "1s",
                            "gatehouse.discord.max-reconnect-delay", "1s"))
                    .singletons((DiscordConnection) token -> discord.apiBuilder())
                    .start()) {
                app.getBean(EmbeddedServer.class).start();
                DiscordRunner runner = app.getBean(DiscordRunner.class);

                BotStatus whileRefused = runner.awaitConnected(Duration.ofMillis(200)).orElseThrow();
                assertInstanceOf(BotStatus.Connecting.class, whileRefused);
                assertEquals(503, get(management, "/manage/health").statusCode(), "health is DOWN while the bot isn't connected");
                assertEquals(200, get(port, "/").statusCode(), "the link pages serve meanwhile");

                assertInstanceOf(BotStatus.Connected.class, runner.awaitConnected(Duration.ofSeconds(60)).orElseThrow());
                assertEquals(REFUSALS + 1, discord.requests("GET", "/oauth2/applications/@me").size(),
                        "each refused login was tried again, then one more that worked");
                discord.awaitRequest("PUT", "/applications/\\d+/commands", Duration.ofSeconds(10));
                assertTrue(discord.registeredCommands().containsKey("verify"), "the commands are registered");
                assertEquals(200, get(management, "/manage/health").statusCode(), "health is UP once connected");
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        return FreePorts.next();
    }
}
