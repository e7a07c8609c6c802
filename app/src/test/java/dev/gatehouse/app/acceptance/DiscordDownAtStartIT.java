package dev.gatehouse.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.discord.fake.FakeDiscord;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged jar (on the machine's PostgreSQL server) starts while Discord is down for 30 s: the link pages serve,
 * {@code /manage/health} answers 503, and when Discord comes back the bot connects by itself, registers its commands,
 * health turns 200, and {@code /verify} works end to end.
 */
@ExtendWith(PrintLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscordDownAtStartIT {
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** The bot's backoff is capped at 30 s, so it must be back within one capped wait plus a login. */
    private static final Duration RECONNECT = Duration.ofSeconds(30).plus(Product.LOGIN);

    private static final long GUILD = 840_000_000_000_000_001L;
    private static final long TEXT = 840_000_000_000_000_011L;
    private static final long VERIFIED = 840_000_000_000_000_021L;
    private static final long BOT_ROLE = 840_000_000_000_000_031L;
    private static final long STAFF = 840_000_000_000_000_041L;
    private static final long OWNER = 840_000_000_000_000_100L;
    private static final long ADMIN = 840_000_000_000_000_101L;
    private static final long FRANK = 840_000_000_000_000_102L;
    private static final long GRACE = 840_000_000_000_000_103L;

    private static Product product;
    private static FakeDiscord discord;

    @BeforeAll
    static void prepare() throws Exception {
        product = Product.create("discord-down", AcceptanceDatabase.onServer("discorddown"));
        discord = product.discord();
        product.server(new Product.ServerIds(GUILD, TEXT, VERIFIED, STAFF, BOT_ROLE), "Robotics Club", "Verified", OWNER, ADMIN)
                .member(FRANK, "frank")
                .member(GRACE, "grace");
        product.tenant("robotics", "Robotics Club",
                "f-1,frank.lin@uni.example.edu,Frank Lin\ng-2,grace.hopper@uni.example.edu,Grace Hopper\n", GUILD);
    }

    @AfterAll
    static void stop() {
        if (product != null) {
            product.close();
        }
    }

    @Test
    @Order(1)
    void theBotConnectsByItselfWhenDiscordComesBackAndVerifyWorks() throws Exception {
        discord.unavailable(true);
        Instant started = Instant.now();
        product.app().start();

        discord.awaitRequest("GET", "/gateway", Product.WAIT);
        assertEquals(503, health().statusCode(), "health while the bot can't connect: " + health().body());
        while (Duration.between(started, Instant.now()).compareTo(OUTAGE) < 0) {
            PackagedApp.sleep(1000);
        }
        HttpResponse<String> down = health();
        assertEquals(503, down.statusCode(), "health after 30 s without Discord: " + down.body());
        assertEquals(0, discord.readyCount());
        assertTrue(discord.requests("GET", "/gateway").size() >= 2, "the bot kept trying: " + discord.requests("GET", "/gateway"));

        discord.unavailable(false);
        Instant up = Instant.now();
        product.awaitBotLogin(1, RECONNECT);
        System.out.println("the bot logged in " + Duration.between(up, discord.readyAt(1)).toMillis()
                + " ms after Discord came back");
        assertTrue(discord.registeredCommands().containsKey("verify"));
        long deadline = System.nanoTime() + Product.WAIT.toNanos();
        HttpResponse<String> healthy = health();
        while (healthy.statusCode() != 200 && System.nanoTime() < deadline) {
            PackagedApp.sleep(500);
            healthy = health();
        }
        assertEquals(200, healthy.statusCode(), "health once connected: " + healthy.body());

        assertTrue(product.setup(GUILD, TEXT, ADMIN, VERIFIED).contains("Gatehouse is set up here"));
        List<String> links = product.verifyAndReadEmail(GUILD, TEXT, FRANK, "f-1", "frank.lin@uni.example.edu");
        product.open(links.get(0));
        assertTrue(product.press("Confirm").contains("verified"));
        discord.awaitRequest("PUT", "/guilds/" + GUILD + "/members/" + FRANK + "/roles/" + VERIFIED, Product.WAIT);
        assertTrue(discord.guild(GUILD).hasRole(FRANK, VERIFIED));
    }

    @Test
    @Order(2)
    void aDroppedGatewayConnectionComesBackByItselfAndTheBotKeepsServing() throws Exception {
        int login = discord.readyCount() + 1;
        Instant dropped = Instant.now();
        assertTrue(discord.dropGateway(), "the bot was connected");

        discord.awaitReadyCount(login, RECONNECT);
        System.out.println("the bot logged in again " + Duration.between(dropped, discord.readyAt(login)).toMillis()
                + " ms after its connection was dropped");
        List<String> links = product.verifyAndReadEmail(GUILD, TEXT, GRACE, "g-2", "grace.hopper@uni.example.edu");
        product.open(links.get(0));
        assertTrue(product.press("Confirm").contains("verified"));
        discord.awaitRequest("PUT", "/guilds/" + GUILD + "/members/" + GRACE + "/roles/" + VERIFIED, Product.WAIT);
        assertEquals(200, health().statusCode(), health().body());
    }

    private static HttpResponse<String> health() {
        Optional<HttpResponse<String>> response = PackagedApp.get(product.app().management("health"));
        return response.orElseThrow(() -> new AssertionError("no answer from " + product.app().management("health")));
    }
}
