package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.LECTURES_ROLE;
import static dev.gatehouse.core.scenario.World.MALLORY;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.in.AdministerGuild.GuildStatus;
import dev.gatehouse.core.port.in.CompleteHandoff.CallbackCommand;
import dev.gatehouse.core.port.in.CompleteHandoff.CallbackRefused;
import dev.gatehouse.core.port.in.CompleteHandoff.Conflict;
import dev.gatehouse.core.port.in.CompleteHandoff.HandoffCompleted;
import dev.gatehouse.core.port.in.CompleteHandoff.HandoffConflict;
import dev.gatehouse.core.port.in.CompleteHandoff.HandoffResult;
import dev.gatehouse.core.port.in.CompleteHandoff.Refusal;
import dev.gatehouse.core.port.in.CompleteHandoff.TooManyAttempts;
import dev.gatehouse.core.port.in.RequestVerification.HandoffReady;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.RequestVerification.RequestResult;
import dev.gatehouse.core.port.in.RequestVerification.SetupIncomplete;
import dev.gatehouse.core.port.in.SetupWarning;
import dev.gatehouse.core.port.out.HandoffTokens.Callback;
import dev.gatehouse.core.port.out.HandoffTokens.Grant;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The hand-off to the organisation's site and its signed callback. */
class HandoffTest {
    static final HandoffSecret SECRET = new HandoffSecret("the-shared-secret-of-cs101-is-long-enough");
    static final HandoffSecret OTHER_SECRET = new HandoffSecret("somebody-elses-secret-that-is-long-enough");
    static final ClientIp SITE = new ClientIp("203.0.113.10");
    static final UnaryOperator<TenantSettings> HANDOFF = t -> t.withMethod(VerificationMethod.SITE_HANDOFF)
            .withHandoff(HandoffSettings.none().withSiteUrl(URI.create("https://members.example.org/verify")).withSecret(SECRET));

    private final World world = new World(HANDOFF);

    private RequestResult verify(DiscordAccount who) {
        return world.gatehouse.requestVerification().request(new RequestCommand(LECTURES, "CS 101 Lectures", who,
                Optional.empty(), Optional.empty()));
    }

    private static String jwtOf(HandoffReady ready) {
        String link = ready.link().toString();
        return link.substring(link.indexOf("?jwt=") + "?jwt=".length());
    }

    /** What the organisation's site does: read the grant, sign a callback vouching for {@code memberId}. */
    private String siteCallback(HandoffReady ready, String memberId, HandoffSecret secret, Instant expiresAt) {
        Grant grant = world.handoffTokens.grantOf(jwtOf(ready));
        Callback callback = new Callback(grant.jti().reveal(), grant.requester().id().toString(), grant.guild().toString(),
                memberId, Optional.of("Jane Q. Doe"), world.clock.instant(), expiresAt);
        return world.handoffTokens.signCallback(callback, secret);
    }

    private String siteCallback(HandoffReady ready, String memberId) {
        return siteCallback(ready, memberId, SECRET, world.clock.instant().plusSeconds(300));
    }

    private HandoffResult post(String token) {
        return world.gatehouse.completeHandoff().complete(new CallbackCommand("cs101", token, SITE));
    }

    @Test
    void verifyHandsTheMemberOffWithASignedOneTimeTokenLiving30Minutes() {
        HandoffReady ready = assertInstanceOf(HandoffReady.class, verify(ALICE));

        assertTrue(ready.link().toString().startsWith("https://members.example.org/verify?jwt="), ready.link().toString());
        assertEquals(Duration.ofMinutes(30), ready.lifetime());
        assertEquals(World.START.plus(Duration.ofMinutes(30)), ready.expiresAt());
        Grant grant = world.handoffTokens.grantOf(jwtOf(ready));
        assertEquals(ALICE, grant.requester());
        assertEquals(LECTURES, grant.guild());
        assertEquals(ready.expiresAt(), grant.expiresAt());
        assertEquals(SessionState.PENDING, world.stores.handoffs().find(grant.jti().hash()).orElseThrow().state());
        assertTrue(world.sent.isEmpty(), "no email in the hand-off method");
        assertTrue(!ready.toString().contains(jwtOf(ready)), "the link must not print");
    }

    @Test
    void aSignedCallbackLinksAndGrantsExactlyAsAConfirmedEmailDoes() {
        HandoffReady ready = assertInstanceOf(HandoffReady.class, verify(ALICE));

        HandoffCompleted done = assertInstanceOf(HandoffCompleted.class, post(siteCallback(ready, " JDoe42 ")));

        assertEquals(new DirectoryUserId("jdoe42"), done.link().directoryUser());
        assertEquals(LinkOrigin.HANDOFF, done.link().origin());
        assertEquals(Optional.of(done.link()), world.stores.links().findByDiscordUser(CS101, ALICE.id()));
        List<MemberChange> changes = world.deliver().stream().map(MemberUpdate::change).toList();
        assertTrue(changes.contains(new MemberChange.GrantRole(LECTURES_ROLE)), changes.toString());
        assertTrue(changes.contains(new MemberChange.GrantRole(OFFICE_HOURS_ROLE)), changes.toString());
        assertTrue(changes.contains(new MemberChange.SetNickname("Jane Doe")), "the directory's name wins: " + changes);
        assertTrue(world.events.stream().anyMatch(e -> e instanceof MemberVerified v && v.link().equals(done.link())));
    }

    @Test
    void theLinkKeepsTheLanguageTheMemberAskedInForTheMessagesNearItsEnd() {
        HandoffReady ready = assertInstanceOf(HandoffReady.class, world.gatehouse.requestVerification().request(new RequestCommand(
                LECTURES, "CS 101 Lectures", ALICE, Optional.empty(), Optional.empty(), Optional.of(Locale.forLanguageTag("fr-CA")))));

        HandoffCompleted done = assertInstanceOf(HandoffCompleted.class, post(siteCallback(ready, "jdoe42")));

        assertEquals(Optional.of(Locale.FRENCH), done.link().language());
        assertEquals(Optional.of(Locale.FRENCH), world.stores.links().findByDiscordUser(CS101, ALICE.id()).flatMap(Link::language));
    }

    @Test
    void aMemberUnknownToTheDirectoryIsLinkedWithTheNameTheSiteSent() {
        HandoffReady ready = assertInstanceOf(HandoffReady.class, verify(ALICE));

        assertInstanceOf(HandoffCompleted.class, post(siteCallback(ready, "m-7781")));

        assertTrue(world.deliver().stream().map(MemberUpdate::change).toList().contains(new MemberChange.SetNickname("Jane Q. Doe")));
    }

    @Test
    void aReplayedCallbackIsRefusedAndChangesNothing() {
        HandoffReady ready = assertInstanceOf(HandoffReady.class, verify(ALICE));
        String callback = siteCallback(ready, "jdoe42");
        assertInstanceOf(HandoffCompleted.class, post(callback));
        world.deliver();
        int events = world.events.size();

        assertEquals(new CallbackRefused(Refusal.ALREADY_USED), post(callback));

        assertEquals(List.of(), world.deliver());
        assertEquals(events, world.events.size());
    }

    @Test
    void callbacksSignedWithAnotherSecretExpiredOrOfTheWrongTypeAreRefusedAndChangeNothing() {
        HandoffReady ready = assertInstanceOf(HandoffReady.class, verify(ALICE));
        Grant grant = world.handoffTokens.grantOf(jwtOf(ready));

        assertEquals(new CallbackRefused(Refusal.BAD_SIGNATURE),
                post(siteCallback(ready, "jdoe42", OTHER_SECRET, world.clock.instant().plusSeconds(300))));
        assertEquals(new CallbackRefused(Refusal.EXPIRED), post(siteCallback(ready, "jdoe42", SECRET, world.clock.instant())));
        assertEquals(new CallbackRefused(Refusal.WRONG_TYPE), post(jwtOf(ready)));
        assertEquals(new CallbackRefused(Refusal.MALFORMED), post("not-a-token"));

        assertEquals(Optional.empty(), world.stores.links().findByDiscordUser(CS101, ALICE.id()));
        assertEquals(SessionState.PENDING, world.stores.handoffs().find(grant.jti().hash()).orElseThrow().state());
        assertEquals(List.of(), world.deliver());
    }

    @Test
    void aCallbackAfterTheHandoffExpiredIsRefused() {
        HandoffReady ready = assertInstanceOf(HandoffReady.class, verify(ALICE));
        String callback = siteCallback(ready, "jdoe42", SECRET, world.clock.instant().plus(Duration.ofHours(2)));

        world.clock.advance(Duration.ofMinutes(30));

        assertEquals(new CallbackRefused(Refusal.EXPIRED), post(callback));
        assertEquals(Optional.empty(), world.stores.links().findByDiscordUser(CS101, ALICE.id()));
    }

    @Test
    void onlyTheNewestHandoffWorks() {
        HandoffReady first = assertInstanceOf(HandoffReady.class, verify(ALICE));
        world.clock.advance(Duration.ofSeconds(5));
        HandoffReady second = assertInstanceOf(HandoffReady.class, verify(ALICE));

        assertEquals(new CallbackRefused(Refusal.REPLACED), post(siteCallback(first, "jdoe42")));
        assertInstanceOf(HandoffCompleted.class, post(siteCallback(second, "jdoe42")));
    }

    @Test
    void aCallbackNamingAnotherMemberOrServerThanItsHandoffIsRefused() {
        HandoffReady ready = assertInstanceOf(HandoffReady.class, verify(ALICE));
        Grant grant = world.handoffTokens.grantOf(jwtOf(ready));
        String forMallory = world.handoffTokens.signCallback(new Callback(grant.jti().reveal(), MALLORY.id().toString(),
                LECTURES.toString(), "jdoe42", Optional.empty(), world.clock.instant(), world.clock.instant().plusSeconds(60)), SECRET);
        String otherServer = world.handoffTokens.signCallback(new Callback(grant.jti().reveal(), ALICE.id().toString(),
                OFFICE_HOURS.toString(), "jdoe42", Optional.empty(), world.clock.instant(), world.clock.instant().plusSeconds(60)), SECRET);

        assertEquals(new CallbackRefused(Refusal.CLAIMS_MISMATCH), post(forMallory));
        assertEquals(new CallbackRefused(Refusal.CLAIMS_MISMATCH), post(otherServer));
        assertEquals(SessionState.PENDING, world.stores.handoffs().find(grant.jti().hash()).orElseThrow().state());
    }

    @Test
    void unknownJtisBadMemberIdsAndOtherTenantsAreRefused() {
        HandoffReady ready = assertInstanceOf(HandoffReady.class, verify(ALICE));
        String unknownJti = world.handoffTokens.signCallback(new Callback(VerificationToken.of("A".repeat(43)).reveal(),
                ALICE.id().toString(), LECTURES.toString(), "jdoe42", Optional.empty(), world.clock.instant(),
                world.clock.instant().plusSeconds(60)), SECRET);

        assertEquals(new CallbackRefused(Refusal.UNKNOWN_REQUEST), post(unknownJti));
        assertEquals(new CallbackRefused(Refusal.INVALID_MEMBER_ID), post(siteCallback(ready, "x".repeat(500))));
        assertEquals(new CallbackRefused(Refusal.NOT_ENABLED), world.gatehouse.completeHandoff()
                .complete(new CallbackCommand("no-such-tenant", siteCallback(ready, "jdoe42"), SITE)));
        assertEquals(new CallbackRefused(Refusal.NOT_ENABLED), world.gatehouse.completeHandoff()
                .complete(new CallbackCommand("../../etc", siteCallback(ready, "jdoe42"), SITE)));
    }

    @Test
    void aMemberIdLinkedToAnotherAccountIsAConflictAndChangesNothing() {
        HandoffReady alices = assertInstanceOf(HandoffReady.class, verify(ALICE));
        assertInstanceOf(HandoffCompleted.class, post(siteCallback(alices, "jdoe42")));
        HandoffReady mallorys = assertInstanceOf(HandoffReady.class, verify(MALLORY));
        Grant grant = world.handoffTokens.grantOf(jwtOf(mallorys));

        assertEquals(new HandoffConflict(Conflict.MEMBER_LINKED_ELSEWHERE), post(siteCallback(mallorys, "jdoe42")));
        assertEquals(SessionState.PENDING, world.stores.handoffs().find(grant.jti().hash()).orElseThrow().state(),
                "the hand-off is still usable for another member id");
    }

    @Test
    void repeatedRefusalsFromOneAddressMakeItWait() {
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(CallbackRefused.class, post("garbage-" + i));
        }

        TooManyAttempts waiting = assertInstanceOf(TooManyAttempts.class, post("garbage-6"));
        assertTrue(waiting.retryAfter().compareTo(Duration.ZERO) > 0);
    }

    @Test
    void aGoodCallbackWorksFromAnAddressThatIsGuessing() {
        HandoffReady ready = assertInstanceOf(HandoffReady.class, verify(ALICE));
        for (int i = 0; i < 20; i++) {
            post("garbage-" + i);
        }
        assertInstanceOf(TooManyAttempts.class, post("garbage-again"));

        assertInstanceOf(HandoffCompleted.class, post(siteCallback(ready, "jdoe42")));
    }

    @Test
    void signedCallbacksThatCameTooLateOrTwiceDoNotMakeTheSiteWait() {
        HandoffReady ready = assertInstanceOf(HandoffReady.class, verify(ALICE));
        String used = siteCallback(ready, "jdoe42");
        assertInstanceOf(HandoffCompleted.class, post(used));
        for (int i = 0; i < 10; i++) {
            assertEquals(new CallbackRefused(Refusal.ALREADY_USED), post(used));
            assertEquals(new CallbackRefused(Refusal.EXPIRED), post(siteCallback(ready, "jdoe42", SECRET, world.clock.instant())));
        }

        HandoffReady mallorys = assertInstanceOf(HandoffReady.class, verify(MALLORY));
        assertInstanceOf(HandoffCompleted.class, post(siteCallback(mallorys, "bsmith")));
    }

    @Test
    void aHandoffTenantWithoutSecretOrSiteCannotVerifyAndStatusSaysWhy() {
        World unfinished = new World(t -> t.withMethod(VerificationMethod.SITE_HANDOFF));

        SetupIncomplete incomplete = assertInstanceOf(SetupIncomplete.class, unfinished.gatehouse.requestVerification()
                .request(new RequestCommand(LECTURES, "CS 101 Lectures", ALICE, Optional.empty(), Optional.empty())));
        GuildStatus status = assertInstanceOf(GuildStatus.class, unfinished.gatehouse.administration().status(LECTURES));

        assertEquals(2, incomplete.problems().size());
        assertTrue(status.warnings().contains(new SetupWarning.HandoffSiteMissing()), status.warnings().toString());
        assertTrue(status.warnings().contains(new SetupWarning.HandoffSecretMissing()), status.warnings().toString());
        assertEquals(new CallbackRefused(Refusal.NOT_ENABLED), unfinished.gatehouse.completeHandoff()
                .complete(new CallbackCommand("cs101", "anything", SITE)));
    }

    @Test
    void theExpirySweepMarksOverdueHandoffs() {
        HandoffReady ready = assertInstanceOf(HandoffReady.class, verify(ALICE));
        Grant grant = world.handoffTokens.grantOf(jwtOf(ready));

        world.clock.advance(Duration.ofMinutes(31));

        assertEquals(1, world.gatehouse.expiry().expireOverdue());
        assertEquals(SessionState.EXPIRED, world.stores.handoffs().find(grant.jti().hash()).orElseThrow().state());
    }

    @Test
    void aSecretTheStoreCannotDecryptIsReportedByStatusAndCallbacksAreRefusedCleanly() {
        World broken = new World(t -> HANDOFF.apply(t).withHandoff(new HandoffSettings(
                Optional.of(URI.create("https://members.example.org/verify")), Optional.empty(), Duration.ofMinutes(30),
                Optional.of("it was encrypted with key 0a1b2c3d, which is not configured"))));

        GuildStatus status = assertInstanceOf(GuildStatus.class, broken.gatehouse.administration().status(LECTURES));
        assertTrue(status.warnings().contains(new SetupWarning.HandoffSecretUnreadable("it was encrypted with key "
                + "0a1b2c3d, which is not configured")), status.warnings().toString());
        assertInstanceOf(SetupIncomplete.class, broken.gatehouse.requestVerification()
                .request(new RequestCommand(LECTURES, "CS 101 Lectures", ALICE, Optional.empty(), Optional.empty())));
        assertEquals(new CallbackRefused(Refusal.NOT_ENABLED), broken.gatehouse.completeHandoff()
                .complete(new CallbackCommand("cs101", "anything", SITE)));
    }

    @Test
    void aNewSecretReplacesOneThatCouldNotBeDecrypted() {
        HandoffSettings unreadable = new HandoffSettings(Optional.empty(), Optional.empty(), Duration.ofMinutes(30),
                Optional.of("wrong key"));

        HandoffSettings fixed = unreadable.withSecret(SECRET);

        assertEquals(Optional.of(SECRET), fixed.secret());
        assertEquals(Optional.empty(), fixed.secretProblem());
    }
}
