package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.LECTURES_ROLE;
import static dev.gatehouse.core.scenario.World.MALLORY;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS_ROLE;
import static dev.gatehouse.core.scenario.World.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.event.MemberUnlinked;
import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.event.VerificationDenied;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.in.RequestVerification.BlockedByDenial;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.MailDelivery;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.ReviewVerification.AlreadyConfirmed;
import dev.gatehouse.core.port.in.ReviewVerification.AlreadyDenied;
import dev.gatehouse.core.port.in.ReviewVerification.AwaitingDecision;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.ReviewVerification.Denied;
import dev.gatehouse.core.port.in.ReviewVerification.LinkInactive;
import dev.gatehouse.core.port.in.ReviewVerification.LinkUnknown;
import dev.gatehouse.core.port.in.ReviewVerification.UserLinkedElsewhere;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfirmingAndDenyingTest {

    @Test
    void thePreviewShowsWhoWouldBeLinkedAndChangesNothing() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        String token = world.lastToken();

        for (int i = 0; i < 3; i++) {
            AwaitingDecision preview = assertInstanceOf(AwaitingDecision.class,
                    world.gatehouse.reviewVerification().preview(link(token)));
            assertEquals("alice", preview.session().requester().username());
            assertEquals("Jane Doe", preview.session().realName());
            assertEquals("CS 101", preview.session().tenantName());
            assertEquals("CS 101 Lectures", preview.session().guildName());
        }

        assertEquals(SessionState.PENDING, world.stores.sessions()
                .findByTokenHash(VerificationToken.of(token).hash()).orElseThrow().state());
        assertInstanceOf(Confirmed.class, world.gatehouse.reviewVerification().confirm(link(token)));
    }

    @Test
    void confirmingLinksTheAccountAndQueuesRoleAndNicknameInEveryServerOfTheTenant() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");

        Confirmed confirmed = assertInstanceOf(Confirmed.class, world.gatehouse.reviewVerification().confirm(link(world.lastToken())));

        assertEquals(new DirectoryUserId("jdoe42"), confirmed.link().directoryUser());
        assertEquals(MemberStatus.VERIFIED, world.stores.membershipIndex().statusOf(CS101, ALICE.id()));
        Set<String> changes = world.deliver().stream().map(ConfirmingAndDenyingTest::describe).collect(Collectors.toSet());
        assertEquals(Set.of(
                LECTURES + " grant " + LECTURES_ROLE, LECTURES + " nick Jane Doe",
                OFFICE_HOURS + " grant " + OFFICE_HOURS_ROLE, OFFICE_HOURS + " nick Jane Doe"), changes);
        MemberVerified event = assertInstanceOf(MemberVerified.class, world.events.get(0));
        assertEquals(LECTURES, event.guild());
    }

    static String describe(MemberUpdate update) {
        MemberChange change = update.change();
        if (change instanceof MemberChange.GrantRole g) {
            return update.guild() + " grant " + g.role();
        }
        if (change instanceof MemberChange.RevokeRole r) {
            return update.guild() + " revoke " + r.role();
        }
        if (change instanceof MemberChange.SetNickname n) {
            return update.guild() + " nick " + n.nickname();
        }
        return update.guild() + " reset nick";
    }

    @Test
    void confirmingTwiceShowsAlreadyConfirmedNotAnError() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        String token = world.lastToken();
        world.gatehouse.reviewVerification().confirm(link(token));

        assertInstanceOf(AlreadyConfirmed.class, world.gatehouse.reviewVerification().confirm(link(token)));
        assertInstanceOf(AlreadyConfirmed.class, world.gatehouse.reviewVerification().preview(link(token)));
        assertInstanceOf(AlreadyConfirmed.class, world.gatehouse.reviewVerification().deny(link(token)));
        assertEquals(1, world.events.stream().filter(MemberVerified.class::isInstance).count());
    }

    @Test
    void aLinkWorksUntilJustBeforeItsExpiryAndNotAtIt() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        String token = world.lastToken();

        world.clock.advance(Duration.ofMinutes(10));
        assertInstanceOf(LinkInactive.class, world.gatehouse.reviewVerification().confirm(link(token)));

        world.clock.advance(Duration.ofMillis(-1));
        assertInstanceOf(Confirmed.class, world.gatehouse.reviewVerification().confirm(link(token)));
    }

    @Test
    void theExpirySweepMarksOverdueSessionsAndTheLinkStaysExpired() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        String token = world.lastToken();
        world.clock.advance(Duration.ofMinutes(20));

        assertEquals(1, world.gatehouse.expiry().expireOverdue());

        assertInstanceOf(LinkInactive.class, world.gatehouse.reviewVerification().preview(link(token)));
    }

    @Test
    void aConfirmedLinkNamesNobodyOnceItsExpiryHasPassed() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        String token = world.lastToken();
        world.gatehouse.reviewVerification().confirm(link(token));

        world.clock.advance(TenantSettings.DEFAULT_SESSION_LIFETIME.minusMillis(1));
        assertInstanceOf(AlreadyConfirmed.class, world.gatehouse.reviewVerification().preview(link(token)));

        world.clock.advance(Duration.ofMillis(1));
        assertInstanceOf(LinkInactive.class, world.gatehouse.reviewVerification().preview(link(token)));
        assertInstanceOf(LinkInactive.class, world.gatehouse.reviewVerification().confirm(link(token)));
        assertInstanceOf(LinkInactive.class, world.gatehouse.reviewVerification().deny(link(token)));
    }

    @Test
    void deniedReplacedAndWithdrawnLinksNameNobodyOnceTheirExpiryHasPassed() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        String denied = world.lastToken();
        world.gatehouse.reviewVerification().deny(link(denied));
        world.verify(MALLORY, LECTURES, "bsmith");
        String replaced = world.lastToken();
        world.verify(MALLORY, LECTURES, "bsmith");

        world.clock.advance(Duration.ofDays(40));

        assertInstanceOf(LinkInactive.class, world.gatehouse.reviewVerification().preview(link(denied)));
        assertInstanceOf(LinkInactive.class, world.gatehouse.reviewVerification().preview(link(replaced)));
    }

    @Test
    void madeUpAndMalformedTokensAreUnknown() {
        World world = new World();
        ReviewVerification review = world.gatehouse.reviewVerification();

        assertInstanceOf(LinkUnknown.class, review.preview(link("not-a-token")));
        assertInstanceOf(LinkUnknown.class, review.confirm(link("A".repeat(43))));
        assertInstanceOf(LinkUnknown.class, review.deny(link("x".repeat(100_000))));
        assertInstanceOf(LinkUnknown.class, review.confirm(link("../../etc/passwd")));
    }

    @Test
    void denyingBlocksTheRequesterFromAskingForThatUserForADay() {
        World world = new World();
        world.verify(MALLORY, LECTURES, "jdoe42");
        String token = world.lastToken();

        Denied denied = assertInstanceOf(Denied.class, world.gatehouse.reviewVerification().deny(link(token)));

        assertEquals(World.START.plus(Duration.ofDays(1)), denied.blockedUntil());
        assertInstanceOf(AlreadyDenied.class, world.gatehouse.reviewVerification().confirm(link(token)));
        VerificationDenied event = assertInstanceOf(VerificationDenied.class, world.events.get(0));
        assertEquals(MALLORY, event.session().requester());
        world.clock.advance(Duration.ofHours(1));
        BlockedByDenial blocked = assertInstanceOf(BlockedByDenial.class, world.verify(MALLORY, LECTURES, "jdoe42"));
        assertEquals(Duration.ofHours(23), blocked.retryAfter());
        assertInstanceOf(LinkSent.class, world.verify(MALLORY, LECTURES, "bsmith"), "other users stay open to the requester");
        assertInstanceOf(LinkSent.class, world.verify(ALICE, LECTURES, "jdoe42"), "other requesters may still ask");

        world.clock.set(World.START.plus(Duration.ofDays(1)));
        assertInstanceOf(LinkSent.class, world.verify(MALLORY, LECTURES, "jdoe42"));
    }

    @Test
    void aSecondAccountCannotTakeALinkedUserByDefault() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));

        LinkSent sameShape = assertInstanceOf(LinkSent.class, world.verify(MALLORY, LECTURES, "jdoe42"));

        assertEquals(1, world.sent.size(), "no email for a directory user who is already linked");
        assertEquals(MailDelivery.NONE,
                sameShape.delivery().toCompletableFuture().join());
    }

    @Test
    void aRaceForOneUserEndsWithOneLinkAndTheOtherConfirmationRefused() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        String alicesToken = world.lastToken();
        world.verify(MALLORY, LECTURES, "jdoe42");
        String mallorysToken = world.lastToken();

        assertInstanceOf(Confirmed.class, world.gatehouse.reviewVerification().confirm(link(alicesToken)));
        UserLinkedElsewhere refused = assertInstanceOf(UserLinkedElsewhere.class,
                world.gatehouse.reviewVerification().confirm(link(mallorysToken)));

        assertEquals("mallory", refused.session().requester().username());
        assertEquals(MemberStatus.UNVERIFIED, world.stores.membershipIndex().statusOf(CS101, MALLORY.id()));
        assertInstanceOf(AwaitingDecision.class, world.gatehouse.reviewVerification().preview(link(mallorysToken)),
                "a refused confirmation changes nothing");
    }

    @Test
    void aTenantThatAllowsRelinkingMovesTheLinkAndRevokesTheOldAccountsRole() {
        World world = new World(t -> t.withRelinkPolicy(RelinkPolicy.ALLOW_SELF_SERVICE));
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));
        world.deliver();
        DiscordAccount newAccount = new DiscordAccount(new DiscordUserId(9002), "alice2");

        assertInstanceOf(LinkSent.class, world.verify(newAccount, LECTURES, "jdoe42"));
        assertInstanceOf(Confirmed.class, world.gatehouse.reviewVerification().confirm(link(world.lastToken())));

        assertEquals(MemberStatus.UNVERIFIED, world.stores.membershipIndex().statusOf(CS101, ALICE.id()));
        assertEquals(MemberStatus.VERIFIED, world.stores.membershipIndex().statusOf(CS101, newAccount.id()));
        List<MemberUpdate> updates = world.deliver();
        assertTrue(updates.stream().anyMatch(u -> u.member().equals(ALICE.id()) && u.change() instanceof MemberChange.RevokeRole));
        assertTrue(updates.stream().anyMatch(u -> u.member().equals(newAccount.id()) && u.change() instanceof MemberChange.GrantRole));
        assertTrue(world.events.stream().anyMatch(e -> e instanceof MemberUnlinked u && u.link().discordUser().equals(ALICE.id())));
    }
}
