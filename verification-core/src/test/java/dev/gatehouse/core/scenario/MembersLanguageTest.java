package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.ReviewVerification.AwaitingDecision;
import dev.gatehouse.core.port.out.VerificationEmail;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The email and the link pages speak the requester's language, else the tenant's default; times in the tenant's zone. */
class MembersLanguageTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void theEmailSpeaksTheLanguageOfTheRequestersDiscordAndThePageKnowsIt() {
        World world = new World(t -> t.withDefaultLanguage(Locale.FRENCH).withTimeZone(BERLIN));

        assertInstanceOf(LinkSent.class, world.gatehouse.requestVerification().request(new RequestCommand(LECTURES, "CS 101 Lectures",
                ALICE, Optional.of("jdoe42"), Optional.empty(), Optional.of(Locale.forLanguageTag("de-CH")))));

        VerificationEmail email = world.sent.get(0);
        assertEquals(Locale.GERMAN, email.language(), "de-CH is German, which Gatehouse speaks");
        assertEquals(BERLIN, email.timeZone());
        AwaitingDecision preview = assertInstanceOf(AwaitingDecision.class,
                world.gatehouse.reviewVerification().preview(World.link(world.lastToken())));
        assertEquals(Optional.of(Locale.GERMAN), preview.session().language());
        assertEquals(BERLIN, preview.session().timeZone());
    }

    @Test
    void withoutTheRequestersLanguageTheEmailSpeaksTheTenantsDefaultAndThePageLeavesItToTheBrowser() {
        World world = new World(t -> t.withDefaultLanguage(Locale.FRENCH));

        assertInstanceOf(LinkSent.class, world.verify(ALICE, LECTURES, "jdoe42"));

        assertEquals(Locale.FRENCH, world.sent.get(0).language());
        AwaitingDecision preview = assertInstanceOf(AwaitingDecision.class,
                world.gatehouse.reviewVerification().preview(World.link(world.lastToken())));
        assertEquals(Optional.empty(), preview.session().language());
    }

    @Test
    void aLanguageGatehouseDoesNotSpeakIsNotKeptAndTheTenantsDefaultApplies() {
        World world = new World();

        world.gatehouse.requestVerification().request(new RequestCommand(LECTURES, "CS 101 Lectures", ALICE, Optional.of("jdoe42"),
                Optional.empty(), Optional.of(Locale.JAPANESE)));

        assertEquals(Locale.ENGLISH, world.sent.get(0).language());
    }
}
