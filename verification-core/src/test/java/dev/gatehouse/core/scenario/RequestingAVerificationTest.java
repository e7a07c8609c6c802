package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.MALLORY;
import static dev.gatehouse.core.scenario.World.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.RequestVerification.AlreadyVerified;
import dev.gatehouse.core.port.in.RequestVerification.Limit;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.MailDelivery;
import dev.gatehouse.core.port.in.RequestVerification.RateLimited;
import dev.gatehouse.core.port.in.RequestVerification.RequestResult;
import dev.gatehouse.core.port.in.RequestVerification.UnknownUser;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.ReviewVerification.LinkReplaced;
import dev.gatehouse.core.port.in.ReviewVerification.LinkWithdrawn;
import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestingAVerificationTest {

    @Test
    void aKnownIdGetsAnEmailWithConfirmAndDenyLinksThatExpireIn15Minutes() {
        World world = new World();

        RequestResult result = world.verify(ALICE, LECTURES, "jdoe42");

        LinkSent sent = assertInstanceOf(LinkSent.class, result);
        assertEquals(World.START.plus(Duration.ofMinutes(10)), sent.expiresAt());
        assertEquals(MailDelivery.SENT, sent.delivery().toCompletableFuture().join());
        VerificationEmail email = world.sent.get(0);
        assertEquals("jane.doe@uni.example.edu", email.to().value());
        assertEquals("alice", email.requester().username());
        assertEquals("CS 101", email.tenantName());
        assertEquals("CS 101 Lectures", email.guildName());
        assertTrue(email.confirmLink().toString().startsWith("https://verify.example.edu/verify/"));
        assertTrue(email.denyLink().toString().startsWith("https://verify.example.edu/deny/"));
        assertEquals(world.lastToken(), email.denyLink().toString().substring("https://verify.example.edu/deny/".length()));
        assertFalse(email.toString().contains(world.lastToken()), "the email's toString must not print the token");
    }

    @Test
    void anUnknownIdGetsTheSameReplyAsAKnownOneAndNoEmailIsSent() {
        World world = new World();

        LinkSent known = assertInstanceOf(LinkSent.class, world.verify(ALICE, LECTURES, "jdoe42"));
        LinkSent unknown = assertInstanceOf(LinkSent.class, world.verify(MALLORY, LECTURES, "nobody"));

        assertEquals(known.maskedAddress(), unknown.maskedAddress());
        assertEquals(Optional.empty(), unknown.maskedAddress());
        assertEquals(known.expiresAt(), unknown.expiresAt());
        assertEquals(known.lifetime(), unknown.lifetime());
        assertEquals(MailDelivery.NONE, unknown.delivery().toCompletableFuture().join());
        assertEquals(1, world.sent.size());
    }

    @Test
    void aTenantThatRevealsIdsSaysInvalidUserIdAndShowsTheMaskedAddress() {
        World world = new World(t -> t.withUnknownUserReply(UnknownUserReply.INVALID_USER_ID));

        LinkSent known = assertInstanceOf(LinkSent.class, world.verify(ALICE, LECTURES, "jdoe42"));
        RequestResult unknown = world.verify(MALLORY, LECTURES, "nobody");

        assertEquals(Optional.of("j•••@u•••.edu"), known.maskedAddress());
        assertInstanceOf(UnknownUser.class, unknown);
    }

    @Test
    void userIdsAreComparedWithoutRegardToCaseOrSurroundingSpace() {
        World world = new World();

        world.verify(ALICE, LECTURES, "  JDoe42 ");

        assertEquals("jane.doe@uni.example.edu", world.sent.get(0).to().value());
    }

    @Test
    void malformedIdsAreRefusedWithAReason() {
        World world = new World();

        InvalidUserId tooLong = assertInstanceOf(InvalidUserId.class, world.verify(ALICE, LECTURES, "x".repeat(10_000)));
        InvalidUserId control = assertInstanceOf(InvalidUserId.class, world.verify(ALICE, LECTURES, "jdoe\n42"));
        InvalidUserId blank = assertInstanceOf(InvalidUserId.class, world.verify(ALICE, LECTURES, "   "));

        assertTrue(tooLong.reason().contains("longer than"));
        assertTrue(control.reason().contains("control character") || control.reason().contains("spaces"), control.reason());
        assertTrue(blank.reason().contains("empty"));
        assertEquals(0, world.sent.size());
    }

    @Test
    void aServerThatIsNotBoundToATenantSaysSo() {
        World world = new World();

        assertInstanceOf(GuildNotSetUp.class, world.verify(ALICE, new GuildId(77), "jdoe42"));
    }

    @Test
    void aMemberWhoIsAlreadyVerifiedIsToldSoAndTheRoleGrantIsQueuedAgain() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));
        world.deliver();

        AlreadyVerified again = assertInstanceOf(AlreadyVerified.class, world.verify(ALICE, LECTURES, "bsmith"));

        assertEquals("jdoe42", again.link().directoryUser().value());
        assertEquals(2, world.deliver().size(), "role and nickname in the asking server are applied again");
    }

    @Test
    void aVerifiedMemberRepeatingVerifyIsRateLimitedSoTheOutboxCannotBeFlooded() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));
        world.deliver();

        assertInstanceOf(AlreadyVerified.class, world.verify(ALICE, LECTURES, "jdoe42"));
        assertInstanceOf(AlreadyVerified.class, world.verify(ALICE, LECTURES, "jdoe42"));
        assertInstanceOf(RateLimited.class, world.verify(ALICE, LECTURES, "jdoe42"));

        assertEquals(4, world.stores.memberUpdates().depth(world.clock.instant()).pending());
    }

    @Test
    void aMemberMayAskThreeTimesIn15MinutesThenWaits() {
        World world = new World();
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(LinkSent.class, world.verify(ALICE, LECTURES, "jdoe42"));
            world.clock.advance(Duration.ofMinutes(1));
        }

        RateLimited limited = assertInstanceOf(RateLimited.class, world.verify(ALICE, LECTURES, "jdoe42"));

        assertEquals(Limit.REQUESTER, limited.limit());
        assertEquals(Duration.ofMinutes(12), limited.retryAfter());
        world.clock.advance(Duration.ofMinutes(12));
        assertInstanceOf(LinkSent.class, world.verify(ALICE, LECTURES, "bsmith"));
    }

    @Test
    void oneMailboxGetsAtMostThreeEmailsAnHourWhoeverAsks() {
        World world = new World();
        for (int i = 0; i < 3; i++) {
            DiscordAccount someone = new DiscordAccount(new DiscordUserId(7000 + i), "someone" + i);
            assertInstanceOf(LinkSent.class, world.verify(someone, LECTURES, "jdoe42"));
        }

        RateLimited limited = assertInstanceOf(RateLimited.class,
                world.verify(new DiscordAccount(new DiscordUserId(7100), "another"), LECTURES, "jdoe42"));

        assertEquals(Limit.MAILBOX, limited.limit());
        assertEquals(3, world.sent.size());
    }

    @Test
    void theMailboxLimitAppliesToUnknownIdsTooSoLimitsRevealNothing() {
        World world = new World();
        for (int i = 0; i < 3; i++) {
            world.verify(new DiscordAccount(new DiscordUserId(7000 + i), "someone" + i), LECTURES, "nobody");
        }

        RateLimited limited = assertInstanceOf(RateLimited.class,
                world.verify(new DiscordAccount(new DiscordUserId(7100), "another"), LECTURES, "nobody"));

        assertEquals(Limit.MAILBOX, limited.limit());
    }

    @Test
    void aNewRequestSupersedesTheOlderLinkSoOnlyTheNewestWorks() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        String older = world.lastToken();
        world.clock.advance(Duration.ofMinutes(2));
        world.verify(ALICE, LECTURES, "jdoe42");
        String newer = world.lastToken();

        assertInstanceOf(LinkReplaced.class,
                world.gatehouse.reviewVerification().confirm(link(older)));
        assertInstanceOf(Confirmed.class, world.gatehouse.reviewVerification().confirm(link(newer)));
    }

    @Test
    void whenTheEmailCannotBeSentTheLinkIsWithdrawnAndTheMemberToldToTryAgain() {
        World world = new World();
        String[] token = new String[1];
        world.mailBehaviour = email -> {
            String confirm = email.confirmLink().toString();
            token[0] = confirm.substring(confirm.lastIndexOf('/') + 1);
            return new MailOutcome.Unavailable("connection refused");
        };

        LinkSent result = assertInstanceOf(LinkSent.class, world.verify(ALICE, LECTURES, "jdoe42"));

        assertEquals(MailDelivery.FAILED, result.delivery().toCompletableFuture().join());
        assertInstanceOf(LinkWithdrawn.class, world.gatehouse.reviewVerification().confirm(link(token[0])));
        assertEquals("verification.mail_failed", world.stores.audit().recent(CS101, 1).get(0).action());
    }

    @Test
    void aMailerThatThrowsIsTreatedAsAFailedSend() {
        World world = new World();
        world.mailBehaviour = email -> {
            throw new IllegalStateException("bug in a host's mailer");
        };

        LinkSent result = assertInstanceOf(LinkSent.class, world.verify(ALICE, LECTURES, "jdoe42"));

        assertEquals(MailDelivery.FAILED, result.delivery().toCompletableFuture().join());
    }
}
