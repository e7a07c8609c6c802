package dev.gatehouse.discord.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.intent.Intent;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.message.component.TextInput;
import org.javacord.api.entity.message.component.TextInputStyle;
import org.javacord.api.entity.server.Server;
import org.javacord.api.exception.MissingPermissionsException;
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
    private static final long KICKABLE = 900_000_000_000_000_006L;
    private static final long LONER = 900_000_000_000_000_007L;

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
                .member(KICKABLE, "kickable")
                .botRoles(BOT_ROLE);
        discord.user(LONER, "loner");
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
            if (!interaction.getCommandName().equals("verify")) {
                return;
            }
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

    @Test
    void aModalOpensOnceAndItsSubmitArrivesAsAModalInteractionWithTheValues() throws Exception {
        CompletableFuture<String> submitted = new CompletableFuture<>();
        api.addSlashCommandCreateListener(event -> {
            if (event.getSlashCommandInteraction().getCommandName().equals("form")) {
                event.getSlashCommandInteraction().respondWithModal("form:1", "Tell me",
                        ActionRow.of(TextInput.create(TextInputStyle.SHORT, "answer", "What is it?", true)));
            }
        });
        api.addModalSubmitListener(event -> submitted.complete(event.getModalInteraction().getCustomId() + "="
                + event.getModalInteraction().getTextInputValueByCustomId("answer").orElse("?")
                + "@" + event.getModalInteraction().getServer().map(Server::getId).orElse(0L)));

        FakeModal modal = discord.slashCommand(GUILD, CHANNEL, MEMBER, "form").awaitModal(WAIT);
        assertEquals("form:1", modal.customId());
        assertEquals("Tell me", modal.title());
        assertEquals("What is it?", modal.input("answer").orElseThrow().label());
        assertThrows(IllegalArgumentException.class, () -> modal.submit(Map.of()), "a required input left empty");

        modal.submit(Map.of("answer", "forty-two"));
        assertEquals("form:1=forty-two@" + GUILD, submitted.get(10, TimeUnit.SECONDS));
    }

    @Test
    void likeDiscordTheFakeRefusesASecondAnswerAndAModalWithATitleOverFortyFiveCharacters() throws Exception {
        CompletableFuture<Throwable> modalAfterDefer = new CompletableFuture<>();
        api.addSlashCommandCreateListener(event -> {
            var interaction = event.getSlashCommandInteraction();
            if (interaction.getCommandName().equals("late-form")) {
                interaction.respondLater(true).thenCompose(updater -> interaction.respondWithModal("late", "Too late",
                                ActionRow.of(TextInput.create(TextInputStyle.SHORT, "x", "X"))))
                        .whenComplete((done, e) -> modalAfterDefer.complete(e));
            } else if (interaction.getCommandName().equals("long-form")) {
                interaction.respondWithModal("long", "x".repeat(46), ActionRow.of(TextInput.create(TextInputStyle.SHORT, "x", "X")));
            }
        });

        FakeInteraction late = discord.slashCommand(GUILD, CHANNEL, MEMBER, "late-form");
        assertEquals(204, late.awaitCallback(WAIT).status());
        RecordedCall second = late.awaitCallback(WAIT);
        assertEquals(400, second.status());
        assertEquals(9, second.json().get("type").asInt());
        assertTrue(modalAfterDefer.get(10, TimeUnit.SECONDS) != null, "the client sees the refusal");

        assertEquals(400, discord.slashCommand(GUILD, CHANNEL, MEMBER, "long-form").awaitCallback(WAIT).status());
    }

    @Test
    void aKickNeedsKickMembersAndRemovesTheMemberForTheClientToo() throws Exception {
        Server server = api.getServerById(GUILD).orElseThrow();
        var kickable = server.getMemberById(KICKABLE).orElseThrow();

        Throwable refused = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> server.kickUser(kickable, "not allowed").get(10, TimeUnit.SECONDS)).getCause();
        assertInstanceOf(MissingPermissionsException.class, refused);
        assertTrue(discord.guild(GUILD).memberState(KICKABLE).isPresent());

        discord.guild(GUILD).role(BOT_ROLE, "Gatehouse", 5, FakeDiscord.Permissions.MANAGE_ROLES | FakeDiscord.Permissions.KICK_MEMBERS);
        server.kickUser(kickable, "answered wrong").get(10, TimeUnit.SECONDS);
        RecordedCall kick = discord.requests("DELETE", "/guilds/" + GUILD + "/members/" + KICKABLE).get(1);
        assertEquals(204, kick.status());
        assertEquals("answered wrong", kick.auditLogReason().orElseThrow());
        assertTrue(discord.guild(GUILD).memberState(KICKABLE).isEmpty());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.getMemberById(KICKABLE).isPresent() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertFalse(server.getMemberById(KICKABLE).isPresent(), "GUILD_MEMBER_REMOVE reached the client");
    }

    @Test
    void aButtonOnADirectMessageIsClickedFromTheDmWithoutAServer() throws Exception {
        CompletableFuture<String> clicked = new CompletableFuture<>();
        api.addButtonClickListener(event -> {
            var interaction = event.getButtonInteraction();
            clicked.complete(interaction.getCustomId() + " in server " + interaction.getServer().map(Server::getId).orElse(0L)
                    + " by " + interaction.getUser().getId());
            interaction.respondLater(true);
        });
        var loner = api.getUserById(LONER).get(10, TimeUnit.SECONDS);
        new MessageBuilder().setContent("Hello").addComponents(ActionRow.of(Button.primary("dm:hello", "Hi"))).send(loner)
                .get(10, TimeUnit.SECONDS);

        SentMessage dm = discord.awaitDirectMessage(LONER, WAIT);
        assertEquals("Hello", dm.content());
        assertEquals(List.of(new SentMessage.Button(1, "Hi", java.util.Optional.of("dm:hello"), java.util.Optional.empty())), dm.buttons());
        assertThrows(IllegalArgumentException.class, () -> discord.clickButtonInDm(LONER, dm.id(), "dm:other"));

        FakeInteraction click = discord.clickButtonInDm(LONER, dm.id(), "dm:hello");
        assertTrue(click.inDm());
        assertEquals("dm:hello in server 0 by " + LONER, clicked.get(10, TimeUnit.SECONDS));
        JsonNode answer = click.awaitCallback(WAIT).json();
        assertEquals(5, answer.get("type").asInt());
    }
}
