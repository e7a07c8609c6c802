package dev.gatehouse.discord;

import static dev.gatehouse.discord.ReplyFixtures.LINK;
import static dev.gatehouse.discord.ReplyFixtures.NOW;
import static dev.gatehouse.discord.ReplyFixtures.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.RequestVerification.Limit;
import dev.gatehouse.core.port.in.RequestVerification.MailDelivery;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.in.SetupWarning;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What members read after /verify: every outcome of the request, the mail, the form and the hand-off. */
class VerifyCommandTest {
    private static RequestVerification.LinkSent linkSent(Optional<String> masked) {
        return new RequestVerification.LinkSent(new DirectoryUserId("jdoe"), masked, NOW.plus(Duration.ofMinutes(15)),
                Duration.ofMinutes(15), CompletableFuture.completedFuture(MailDelivery.SENT));
    }

    @Test
    void aMaskedAddressIsNamedWithTheExpiry() {
        String reply = VerifyCommand.reply(linkSent(Optional.of("j•••@u•••.edu")));
        assertTrue(reply.contains("j•••@u•••.edu"), reply);
        assertTrue(reply.contains("expires in 15 minutes"), reply);
    }

    @Test
    void withoutAMaskedAddressTheReplyDoesNotSayWhetherTheIdExists() {
        String reply = VerifyCommand.reply(linkSent(Optional.empty()));
        assertTrue(reply.startsWith("If that id is in the directory"), reply);
        assertTrue(reply.contains("expires in 15 minutes"), reply);
        assertFalse(reply.contains("@"), reply);
    }

    @Test
    void aFailedMailAsksToTryAgainAndOtherOutcomesChangeNothing() {
        assertTrue(VerifyCommand.delivery(MailDelivery.FAILED, Messages.LOCALE).orElseThrow().contains("couldn't be sent"));
        assertTrue(VerifyCommand.delivery(MailDelivery.FAILED, Messages.LOCALE).orElseThrow().contains("/verify"));
        assertEquals(Optional.empty(), VerifyCommand.delivery(MailDelivery.SENT, Messages.LOCALE));
        assertEquals(Optional.empty(), VerifyCommand.delivery(MailDelivery.NONE, Messages.LOCALE));
    }

    @Test
    void everyRequestOutcomeHasItsOwnWords() {
        assertTrue(VerifyCommand.reply(new RequestVerification.AlreadyVerified(LINK)).contains("already verified"));
        assertTrue(VerifyCommand.reply(new GuildNotSetUp()).contains("isn't set up"));
        assertTrue(VerifyCommand.reply(new InvalidUserId("user id must not contain spaces")).contains("must not contain spaces"));
        assertTrue(VerifyCommand.reply(new RequestVerification.UnknownUser(new DirectoryUserId("nobody"))).contains("`nobody`"));
        assertTrue(VerifyCommand.reply(new RequestVerification.DirectoryUserTaken(new DirectoryUserId("jdoe"))).contains("another Discord account"));
        assertTrue(VerifyCommand.reply(new RequestVerification.BlockedByDenial(Duration.ofHours(24))).contains("1 day"));
        assertTrue(VerifyCommand.reply(new ServiceUnavailable()).contains("try again"));
    }

    @Test
    void rateLimitsSayHowLongToWaitInWholeMinutesOrSeconds() {
        assertTrue(VerifyCommand.reply(new RequestVerification.RateLimited(Limit.REQUESTER, Duration.ofSeconds(601)))
                .contains("Try again in 11 minutes"));
        assertTrue(VerifyCommand.reply(new RequestVerification.RateLimited(Limit.MAILBOX, Duration.ofSeconds(5)))
                .contains("Try again in 5 seconds."));
        assertTrue(VerifyCommand.reply(new RequestVerification.RateLimited(Limit.TENANT, Duration.ofMinutes(30)))
                .contains("too many verification requests"));
    }

    @Test
    void wrongAnswersSayWhetherAndWhenTheServerKicks() {
        String twoLeft = VerifyCommand.reply(new RequestVerification.IncorrectAnswer(1, OptionalInt.of(3)));
        assertTrue(twoLeft.contains("not the right answer") && twoLeft.contains("2 tries left"), twoLeft);
        assertTrue(VerifyCommand.reply(new RequestVerification.IncorrectAnswer(2, OptionalInt.of(3))).contains("One more wrong answer"));
        String noKick = VerifyCommand.reply(new RequestVerification.IncorrectAnswer(7, OptionalInt.empty()));
        assertTrue(noKick.contains("not the right answer") && !noKick.contains("removed"), noKick);
        assertTrue(VerifyCommand.reply(new RequestVerification.KickForWrongAnswers(3)).contains("removed from the server"));
    }

    @Test
    void membersGetAGeneralApologyWhileAdminsGetTheProblems() {
        String member = VerifyCommand.reply(new RequestVerification.SetupIncomplete(List.of(new SetupWarning.HandoffSecretMissing())));
        assertTrue(member.contains("isn't fully set up") && !member.contains("secret"), member);
        assertTrue(VerifyFlow.setupIncompleteNotice(List.of(new SetupWarning.HandoffSecretMissing())).contains("no signing secret"));
        assertTrue(VerifyCommand.reply(new RequestVerification.VerificationOff()).contains("switched off"));
    }

    @Test
    void theHandoffReplyNamesTheExpiryButNotTheLink() {
        RequestVerification.HandoffReady ready = new RequestVerification.HandoffReady(
                java.net.URI.create("https://site.example/v?jwt=secret.token"), NOW.plus(Duration.ofMinutes(30)), Duration.ofMinutes(30));
        String reply = VerifyCommand.reply(ready);
        assertTrue(reply.contains("30 minutes") && !reply.contains("jwt"), reply);
        assertTrue(VerifyCommand.handoffLinkInline(ready, Messages.LOCALE).contains("(<https://site.example/v?jwt=secret.token>)"));
    }

    @Test
    void theSignInReplyPointsAtTheButtonAndNamesTheExpiryButNotTheLink() {
        RequestVerification.SignInReady ready = new RequestVerification.SignInReady(
                java.net.URI.create("https://verify.example/sign-in/abc"), NOW.plus(Duration.ofMinutes(10)), Duration.ofMinutes(10));
        String reply = VerifyCommand.reply(ready);
        assertTrue(reply.contains("sign in") && reply.contains("**Sign in**") && reply.contains("10 minutes")
                && !reply.contains("/sign-in/abc"), reply);
        assertTrue(VerifyCommand.signInLinkInline(ready, Messages.LOCALE).contains("(<https://verify.example/sign-in/abc>)"));
    }

    @Test
    void formTitlesAndLabelsFitDiscordsFortyFiveCharacters() {
        String title = VerifyCommand.formTitle("The Extremely Long Name Of A Very Large Study Server", Messages.LOCALE);
        assertEquals(45, title.length());
        assertTrue(title.startsWith("Verify in The Extremely") && title.endsWith("…"), title);
        assertEquals("Verify in CS 101", VerifyCommand.formTitle("CS 101", Messages.LOCALE));
        assertTrue(VerifyCommand.userIdLabel(Messages.LOCALE).length() <= 45);
    }
}
