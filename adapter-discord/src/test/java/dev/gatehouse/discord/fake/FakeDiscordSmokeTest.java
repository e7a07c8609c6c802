package dev.gatehouse.discord.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.intent.Intent;
import org.javacord.api.entity.server.Server;
import org.javacord.api.interaction.SlashCommand;
import org.javacord.api.interaction.SlashCommandInteraction;
import org.javacord.api.interaction.SlashCommandOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FakeDiscordSmokeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long GUILD = 900_000_000_000_000_001L;
    private static final long CHANNEL = 900_000_000_000_000_002L;
    private static final long OWNER = 900_000_000_000_000_003L;
    private static final long MEMBER = 900_000_000_000_000_004L;
    private static final long BOT_ROLE = 900_000_000_000_000_005L;

    private static FakeDiscord discord;
    private static DiscordApi api;

    @BeforeAll
    static void logIn() throws Exception {
        discord = FakeDiscord.start();
        discord.guild(GUILD, "CS 101", OWNER)
                .role(BOT_ROLE, "Gatehouse", 5, FakeDiscord.Permissions.MANAGE_ROLES)
                .textChannel(CHANNEL, "general")
                .member(OWNER, "owner")
                .member(MEMBER, "alice")
                .botRoles(BOT_ROLE);
        api = discord.apiBuilder().login().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void logOut() {
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
    void theRealClientLogsInAndSeesTheServerWithItsMembersAndRoles() {
        Server server = api.getServerById(GUILD).orElseThrow();
        assertEquals("CS 101", server.getName());
        assertEquals(OWNER, server.getOwnerId());
        assertTrue(server.getMemberById(MEMBER).isPresent());
        assertTrue(server.getTextChannelById(CHANNEL).isPresent());
        assertEquals(discord.botUserId(), api.getYourself().getId());
        assertTrue(server.getRoles(api.getYourself()).stream().anyMatch(r -> r.getId() == BOT_ROLE));
        long intents = discord.awaitIdentifiedIntents(WAIT);
        assertTrue((intents & (1L << Intent.GUILD_MEMBERS.getId())) != 0, "GUILD_MEMBERS requested");
        assertEquals(0, intents & (1L << Intent.MESSAGE_CONTENT.getId()), "MESSAGE_CONTENT not requested");
    }

    @Test
    void bulkCommandRegistrationIsAPutAndSlashCommandsArriveWithTheirOptions() throws Exception {
        api.bulkOverwriteGlobalApplicationCommands(Set.of(SlashCommand.with("verify", "Verify yourself",
                        java.util.List.of(SlashCommandOption.createStringOption("user_id", "your id", true)))))
                .get(10, TimeUnit.SECONDS);
        RecordedCall put = discord.awaitRequest("PUT", "/applications/\\d+/commands", WAIT);
        assertEquals("verify", put.json().get(0).get("name").asText());

        CompletableFuture<String> seen = new CompletableFuture<>();
        api.addSlashCommandCreateListener(event -> {
            SlashCommandInteraction interaction = event.getSlashCommandInteraction();
            seen.complete(interaction.getCommandName() + ":" + interaction.getArgumentStringValueByName("user_id").orElse("?"));
            interaction.respondLater(true);
        });
        FakeInteraction interaction = discord.slashCommand(GUILD, CHANNEL, MEMBER, "verify",
                CommandOption.string("user_id", "jdoe"));
        assertEquals("verify:jdoe", seen.get(10, TimeUnit.SECONDS));
        RecordedCall callback = interaction.awaitCallback(WAIT);
        assertEquals(5, callback.json().get("type").asInt());
        assertEquals(64, callback.json().get("data").get("flags").asInt());
    }
}
