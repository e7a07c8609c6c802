package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.MALLORY;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.RateLimits;
import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.model.WrongAnswerGroup;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerGuild.GuildStatus;
import dev.gatehouse.core.port.in.RequestVerification.AlreadyVerified;
import dev.gatehouse.core.port.in.RequestVerification.DetailsNeeded;
import dev.gatehouse.core.port.in.RequestVerification.IncorrectAnswer;
import dev.gatehouse.core.port.in.RequestVerification.KickForWrongAnswers;
import dev.gatehouse.core.port.in.RequestVerification.Limit;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.RateLimited;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.RequestVerification.RequestResult;
import dev.gatehouse.core.port.in.RequestVerification.SetupIncomplete;
import dev.gatehouse.core.port.in.ReviewWrongAnswers.WrongAnswerReport;
import dev.gatehouse.core.port.in.ReviewWrongAnswers.WrongAnswersCleared;
import dev.gatehouse.core.port.in.SetupWarning;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The question asked before a link, its wrong-answer log, and kicks after repeated wrong answers. */
class QuestionGateTest {
    static final VerificationQuestion MEANING = new VerificationQuestion("What is the meaning of life?",
            List.of("42", "forty-two"));

    private final World world = new World(t -> t.withQuestion(Optional.of(MEANING)));

    private RequestResult verify(DiscordAccount who, GuildId where, Optional<String> userId, Optional<String> answer) {
        return world.gatehouse.requestVerification().request(new RequestCommand(where, "CS 101", who, userId, answer));
    }

    private RequestResult answer(DiscordAccount who, String answer) {
        return verify(who, LECTURES, Optional.of("jdoe42"), Optional.of(answer));
    }

    private void configure(GuildId guild, GuildSettingChange change) {
        world.gatehouse.administration().configure(ConfigureCommand.of(guild, change));
    }

    @Test
    void theQuestionIsAskedFirstAndNothingIsCountedForAsking() {
        DetailsNeeded withId = assertInstanceOf(DetailsNeeded.class, verify(ALICE, LECTURES, Optional.of("jdoe42"), Optional.empty()));
        DetailsNeeded withoutId = assertInstanceOf(DetailsNeeded.class, verify(ALICE, LECTURES, Optional.empty(), Optional.empty()));

        assertEquals(new DetailsNeeded(Optional.of("What is the meaning of life?"), false), withId);
        assertEquals(new DetailsNeeded(Optional.of("What is the meaning of life?"), true), withoutId);
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(DetailsNeeded.class, verify(ALICE, LECTURES, Optional.empty(), Optional.empty()));
        }
        assertInstanceOf(LinkSent.class, answer(ALICE, "42"), "asking must not use up the rate limit");
    }

    @Test
    void theRightAnswerPassesWhateverItsCaseSpacesAndPunctuation() {
        assertInstanceOf(LinkSent.class, answer(ALICE, "  FORTY two!! "));
        assertEquals(1, world.sent.size());
    }

    @Test
    void wrongAnswersAreLoggedGroupedByNormalisedFormAndCounted() {
        assertEquals(new IncorrectAnswer(1, OptionalInt.empty()), answer(ALICE, "Forty One"));
        world.clock.advance(Duration.ofSeconds(10));
        assertEquals(new IncorrectAnswer(1, OptionalInt.empty()), answer(MALLORY, "forty-one!"));
        world.clock.advance(Duration.ofSeconds(10));
        assertEquals(new IncorrectAnswer(2, OptionalInt.empty()), answer(ALICE, "43"));

        WrongAnswerReport report = assertInstanceOf(WrongAnswerReport.class, world.gatehouse.wrongAnswers().top(OFFICE_HOURS, 10));

        assertEquals(CS101, report.tenant());
        assertEquals(new WrongAnswerGroup("fortyone", 2, 2, List.of("Forty One", "forty-one!"), World.START,
                World.START.plusSeconds(10)), report.groups().get(0));
        assertEquals("43", report.groups().get(1).normalised());
        assertTrue(world.sent.isEmpty());
        assertEquals(new WrongAnswersCleared(CS101, 3), world.gatehouse.wrongAnswers().clear(LECTURES));
        assertEquals(List.of(), ((WrongAnswerReport) world.gatehouse.wrongAnswers().top(LECTURES, 10)).groups());
    }

    @Test
    void wrongAnswersCountTowardTheRequestersRateLimit() {
        answer(ALICE, "1");
        answer(ALICE, "2");
        answer(ALICE, "3");

        RateLimited limited = assertInstanceOf(RateLimited.class, answer(ALICE, "42"));
        assertEquals(Limit.REQUESTER, limited.limit());
    }

    @Test
    void aServerThatKicksSaysWhenAndKicksAfterTheNthWrongAnswer() {
        configure(LECTURES, new GuildSettingChange.Kick(KickPolicy.after(2)));

        assertEquals(new IncorrectAnswer(1, OptionalInt.of(2)), answer(ALICE, "41"));
        assertEquals(new KickForWrongAnswers(2), answer(ALICE, "44"));
    }

    @Test
    void statusWarnsWhenTheRateLimitComesBeforeTheKick() {
        configure(LECTURES, new GuildSettingChange.Kick(KickPolicy.after(5)));

        GuildStatus status = assertInstanceOf(GuildStatus.class, world.gatehouse.administration().status(LECTURES));

        assertTrue(status.warnings().contains(new SetupWarning.KickAfterRateLimit(3, Duration.ofMinutes(15), 5)), status.warnings().toString());
    }

    @Test
    void aServerThatDoesNotKickNeverAsksForAKick() {
        world.stores.tenants().save(world.stores.tenants().find(CS101).orElseThrow()
                .withRateLimits(new RateLimits(List.of(RateRule.of(100,
                        Duration.ofMinutes(15))), List.of(RateRule.of(3, Duration.ofHours(1))),
                        List.of(RateRule.of(1000, Duration.ofHours(1))), Duration.ofDays(1))));
        for (int i = 1; i <= 10; i++) {
            assertEquals(new IncorrectAnswer(i, OptionalInt.empty()), answer(ALICE, "wrong " + i));
        }
    }

    @Test
    void aServersOwnQuestionOverridesTheTenants() {
        configure(OFFICE_HOURS, new GuildSettingChange.OwnQuestion(Optional.of(new VerificationQuestion("This server's code?", List.of("SECRET123")))));

        assertEquals(new DetailsNeeded(Optional.of("This server's code?"), false),
                verify(ALICE, OFFICE_HOURS, Optional.of("jdoe42"), Optional.empty()));
        assertInstanceOf(IncorrectAnswer.class, verify(ALICE, OFFICE_HOURS, Optional.of("jdoe42"), Optional.of("42")));
        assertInstanceOf(LinkSent.class, verify(ALICE, OFFICE_HOURS, Optional.of("jdoe42"), Optional.of("secret 123")));

        configure(OFFICE_HOURS, new GuildSettingChange.OwnQuestion(Optional.empty()));
        assertEquals(new DetailsNeeded(Optional.of(MEANING.prompt()), false),
                verify(MALLORY, OFFICE_HOURS, Optional.of("bsmith"), Optional.empty()), "cleared: the tenant's question again");
    }

    @Test
    void aVerifiedMemberIsNotAskedAgain() {
        assertInstanceOf(LinkSent.class, answer(ALICE, "42"));
        world.gatehouse.reviewVerification().confirm(World.link(world.lastToken()));

        assertInstanceOf(AlreadyVerified.class,
                verify(ALICE, OFFICE_HOURS, Optional.empty(), Optional.empty()));
    }

    @Test
    void aQuestionWithNoAnswersLetsNobodyThroughAndStatusSaysSo() {
        configure(LECTURES, new GuildSettingChange.OwnQuestion(Optional.of(new VerificationQuestion("Password?", List.of()))));

        SetupIncomplete incomplete = assertInstanceOf(SetupIncomplete.class, answer(ALICE, "anything"));
        GuildStatus status = assertInstanceOf(GuildStatus.class, world.gatehouse.administration().status(LECTURES));

        assertEquals(new SetupWarning.QuestionWithoutAnswers("Password?"), incomplete.problems().get(0));
        assertTrue(status.warnings().contains(new SetupWarning.QuestionWithoutAnswers("Password?")), status.warnings().toString());
    }

    @Test
    void questionsAndAnswersAreValidatedWithReasons() {
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> new VerificationQuestion("q".repeat(46), List.of("a")));
        IllegalArgumentException punctuationOnly = assertThrows(IllegalArgumentException.class,
                () -> new VerificationQuestion("Code?", List.of("?!")));

        assertTrue(tooLong.getMessage().contains("45"));
        assertTrue(punctuationOnly.getMessage().contains("no letters or digits"));
        assertEquals(List.of("42", "forty-two"), new VerificationQuestion("Q?", List.of(" 42 ", "forty-two", "42")).acceptedAnswers());
        assertEquals(List.of("42", "forty-two", "forty two"), VerificationQuestion.splitAnswers("42| forty-two ||forty two|"));
    }
}
