package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.discord.fake.FakeInteraction;
import dev.gatehouse.discord.fake.FakeModal;
import dev.gatehouse.discord.fake.RecordedCall;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the core is slow to answer {@code /verify}, the interaction is still acknowledged in time (a modal can't
 * follow a deferral, so the form is then offered behind a button).
 */
class SlowCoreTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TenantId TENANT = new TenantId("slow");
    private static final long GUILD = 500_000_000_000_000_001L;
    private static final long TEXT = 500_000_000_000_000_002L;
    private static final long OWNER = 500_000_000_000_000_003L;
    private static final long MEMBER = 500_000_000_000_000_004L;
    /** Longer than the bot's budget for deciding between the form and a deferral, shorter than Discord's 3 s. */
    private static final Duration FIRST_CALL_DELAY = VerifyFlow.DECISION_BUDGET.plusMillis(700);

    /** Requests so far: only the first waits longer than the budget. */
    private static final AtomicInteger calls = new AtomicInteger();

    @RegisterExtension
    static final DiscordWorld world = DiscordWorld.create()
            .servers(discord -> discord.guild(GUILD, "Slow Lane", OWNER).textChannel(TEXT, "general").member(OWNER, "owner")
                    .member(MEMBER, "member"))
            .data(world -> {
                world.tenant(TenantSettings.defaults(TENANT, "Slow")
                        .withQuestion(Optional.of(new VerificationQuestion("Who goes slow?", List.of("we")))));
                world.bind(GUILD, TENANT);
            })
            .ports(ports -> new BotPorts(slowAtFirst(ports.verification()), ports.gate(), ports.welcome(), ports.administration(),
                    ports.wrongAnswers(), ports.deliveries(), ports.guilds(), ports.directory(), ports.personalData(),
                    ports.unverifiedMembers()));

    private static RequestVerification slowAtFirst(RequestVerification verification) {
        return command -> {
            if (calls.getAndIncrement() == 0) {
                try {
                    TimeUnit.MILLISECONDS.sleep(FIRST_CALL_DELAY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return verification.request(command);
        };
    }

    @Test
    void aSlowAnswerIsDeferredInTimeAndTheFormIsOfferedBehindAButton() {
        long sent = System.nanoTime();
        FakeInteraction verify = world.discord().slashCommand(GUILD, TEXT, MEMBER, "verify");

        RecordedCall callback = verify.awaitCallback(WAIT);
        assertEquals(5, callback.json().get("type").asInt(), "deferred, since the form can't wait");
        assertEquals(64, callback.json().get("data").get("flags").asInt());
        long acknowledgedAfter = TimeUnit.NANOSECONDS.toMillis(callback.nanoTime() - sent);
        assertTrue(acknowledgedAfter < 3_000, "acknowledged " + acknowledgedAfter + " ms after the command; Discord allows 3 s");

        JsonNode reply = verify.awaitOriginalEdit(WAIT).json();
        assertTrue(reply.get("content").asText().contains("press **Verify**"), reply.toString());
        JsonNode button = reply.get("components").get(0).get("components").get(0);
        assertEquals("gatehouse:verify:" + GUILD, button.get("custom_id").asText());

        FakeModal form = world.discord().clickButton(GUILD, TEXT, MEMBER, world.discord().nextId(), button.get("custom_id").asText()).awaitModal(WAIT);
        assertEquals("Who goes slow?", form.input("answer").orElseThrow().label());
    }
}
