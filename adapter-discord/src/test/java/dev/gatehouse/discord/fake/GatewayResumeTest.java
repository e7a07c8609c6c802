package dev.gatehouse.discord.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.javacord.api.DiscordApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Javacord 3.8.0 keeps the session id and last sequence of a dropped gateway connection and sends op 6 RESUME on the
 * next HELLO (DiscordWebSocketAdapter.sendResume); against a fake whose sessions are resumable as Discord's are, the
 * events sent while it was away arrive after the resume, with no second IDENTIFY.
 */
class GatewayResumeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long GUILD = 910_000_000_000_000_001L;
    private static final long CHANNEL = 910_000_000_000_000_002L;
    private static final long OWNER = 910_000_000_000_000_003L;
    private static final long MEMBER = 910_000_000_000_000_004L;

    private FakeDiscord discord;
    private DiscordApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            try {
                api.disconnect().join();
            } catch (java.util.concurrent.RejectedExecutionException raceInJavacord) {
                // Javacord 3.8.0 may shut its pool before scheduling its disconnect fallback; it is disconnected
            }
        }
        discord.close();
    }

    @Test
    void aDroppedConnectionResumesItsSessionAndReceivesTheEventsSentWhileItWasAway() throws Exception {
        discord = FakeDiscord.start().resumableSessions(true);
        discord.guild(GUILD, "CS 101", OWNER).textChannel(CHANNEL, "general").member(OWNER, "owner").member(MEMBER, "alice");
        api = discord.apiBuilder().login().get(10, TimeUnit.SECONDS);
        List<String> seen = new CopyOnWriteArrayList<>();
        api.addMessageCreateListener(event -> seen.add(event.getMessageContent()));

        discord.messageCreate(GUILD, CHANNEL, MEMBER, "before the drop");
        await(() -> seen.contains("before the drop"), "the first message");
        assertTrue(discord.dropGateway());
        discord.messageCreate(GUILD, CHANNEL, MEMBER, "while away");
        await(() -> !discord.resumes().isEmpty(), "an op 6 RESUME");
        await(() -> seen.contains("while away"), "the message sent while disconnected, replayed");
        discord.messageCreate(GUILD, CHANNEL, MEMBER, "after the resume");
        await(() -> seen.contains("after the resume"), "a message after the resume");

        FakeDiscord.Resume resume = discord.resumes().get(0);
        assertTrue(resume.resumed(), "the fake accepted the resume: " + resume);
        assertTrue(resume.sequence() > 0, "the client sent the last sequence it had seen: " + resume);
        assertEquals(1, discord.identifyTimes().size(), "no second IDENTIFY");
        assertEquals(List.of("before the drop", "while away", "after the resume"), seen, "each message once, in order");
    }

    @Test
    void aResumeOfASessionTheFakeDoesNotKeepIsRefusedAndTheClientIdentifiesAgain() throws Exception {
        discord = FakeDiscord.start();
        discord.guild(GUILD, "CS 101", OWNER).textChannel(CHANNEL, "general").member(OWNER, "owner").member(MEMBER, "alice");
        api = discord.apiBuilder().login().get(10, TimeUnit.SECONDS);
        List<String> seen = new CopyOnWriteArrayList<>();
        api.addMessageCreateListener(event -> seen.add(event.getMessageContent()));

        assertTrue(discord.dropGateway());
        await(() -> !discord.resumes().isEmpty(), "an op 6 RESUME");
        await(() -> discord.identifyTimes().size() == 2, "a fresh IDENTIFY after op 9");
        await(() -> discord.openConnections().size() == 1 && discord.readyCount() == 2, "a second READY");
        assertTrue(!discord.resumes().get(0).resumed(), "refused: " + discord.resumes());
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
