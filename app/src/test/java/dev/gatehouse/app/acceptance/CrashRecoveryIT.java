package dev.gatehouse.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.discord.fake.FakeDiscord;
import dev.gatehouse.discord.fake.FakeDiscord.Hold;
import dev.gatehouse.discord.fake.RecordedCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kill -9} of the packaged jar (on the machine's PostgreSQL server) while Discord hangs on its role change:
 * after a restart the change still lands, within 15 s of the bot reconnecting, because it waits in the outbox.
 */
@ExtendWith(PrintLogsOnFailure.class)
class CrashRecoveryIT {
    /** The bound: an in-flight change is delivered within 15 s of the bot reconnecting. */
    private static final Duration REDELIVERY = Duration.ofSeconds(15);

    private static final long GUILD = 830_000_000_000_000_001L;
    private static final long TEXT = 830_000_000_000_000_011L;
    private static final long VERIFIED = 830_000_000_000_000_021L;
    private static final long BOT_ROLE = 830_000_000_000_000_031L;
    private static final long STAFF = 830_000_000_000_000_041L;
    private static final long OWNER = 830_000_000_000_000_100L;
    private static final long ADMIN = 830_000_000_000_000_101L;
    private static final long ERIN = 830_000_000_000_000_102L;

    private static Product product;
    private static FakeDiscord discord;

    @BeforeAll
    static void start() throws Exception {
        product = Product.create("crash", AcceptanceDatabase.onServer("crash"));
        discord = product.discord();
        product.server(new Product.ServerIds(GUILD, TEXT, VERIFIED, STAFF, BOT_ROLE), "Physics Society", "Verified", OWNER, ADMIN)
                .member(ERIN, "erin");
        product.tenant("physics", "Physics Society", "e-7,erin.noether@uni.example.edu,Erin Noether\n", GUILD);
        product.startAndAwaitBot();
        assertTrue(product.setup(GUILD, TEXT, ADMIN, VERIFIED).contains("Gatehouse is set up here"));
    }

    @AfterAll
    static void stop() {
        if (product != null) {
            product.close();
        }
    }

    @Test
    void aRoleChangeInFlightWhenTheProcessIsKilledLandsAfterTheRestart() throws Exception {
        String rolePath = "/guilds/" + GUILD + "/members/" + ERIN + "/roles/" + VERIFIED;
        Hold hanging = discord.holdNext("PUT", rolePath, Duration.ofMinutes(5));
        List<String> links = product.verifyAndReadEmail(GUILD, TEXT, ERIN, "e-7", "erin.noether@uni.example.edu");
        product.open(links.get(0));
        assertTrue(product.press("Confirm").contains("verified"));
        hanging.awaitArrival(Product.WAIT);

        product.app().kill();
        assertTrue(product.outboxDepth() >= 1, "the grant is still owed after the kill");
        assertTrue(!discord.guild(GUILD).hasRole(ERIN, VERIFIED), "the hanging request never took effect");

        int login = discord.readyCount() + 1;
        product.app().start();
        product.awaitBotLogin(login, Product.LOGIN);
        RecordedCall grant = discord.awaitRequest("PUT", rolePath, REDELIVERY.plus(Product.WAIT));
        Duration afterReconnect = Duration.between(discord.readyAt(login), grant.at());
        System.out.println("role PUT redelivered " + afterReconnect.toMillis() + " ms after the bot reconnected");
        assertTrue(afterReconnect.compareTo(REDELIVERY) <= 0, "redelivered " + afterReconnect + " after reconnecting");
        assertEquals(204, grant.status());
        assertTrue(discord.guild(GUILD).hasRole(ERIN, VERIFIED));
        assertEquals("Erin Noether", discord.awaitRequest("PATCH", "/guilds/" + GUILD + "/members/" + ERIN, Product.WAIT).json()
                .get("nick").asText());
        long deadline = System.nanoTime() + Product.WAIT.toNanos();
        while (product.outboxDepth() > 0 && System.nanoTime() < deadline) {
            PackagedApp.sleep(200);
        }
        assertEquals(0, product.outboxDepth(), "nothing left owed");
    }
}
