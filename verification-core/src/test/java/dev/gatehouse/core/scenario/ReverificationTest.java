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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.event.VerificationLapsed;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberNotice;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.TenantChange;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationLifetime;
import dev.gatehouse.core.model.VerificationLifetime.Lasting;
import dev.gatehouse.core.model.VerificationLifetime.UntilAnnually;
import dev.gatehouse.core.port.in.AdministerTenants.ChangeRefused;
import dev.gatehouse.core.port.in.AdministerTenants.ChangeTenant;
import dev.gatehouse.core.port.in.AdministerTenants.TenantChanged;
import dev.gatehouse.core.port.in.RequestVerification.AlreadyVerified;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.ReverifyMembers.Swept;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A tenant's verification lifetime: a reminder before the end, the lapse, renewal, and verifying again after it. */
class ReverificationTest {
    private static final DiscordUserId ALICE_ID = ALICE.id();

    private static World lasting(Duration lifetime, Duration reminder) {
        return new World(t -> t.withReverification(new Lasting(lifetime), reminder));
    }

    private static Link verifyAlice(World world) {
        world.verify(ALICE, LECTURES, "jdoe42");
        return assertInstanceOf(Confirmed.class, world.gatehouse.reviewVerification().confirm(link(world.lastToken()))).link();
    }

    private static List<MemberNotice> notices(List<MemberUpdate> updates) {
        return updates.stream().filter(u -> u.change() instanceof MemberChange.Notify)
                .map(u -> ((MemberChange.Notify) u.change()).notice()).toList();
    }

    @Test
    void theReminderGoesOutOnceWhenTheEndIsWithinTheReminderTime() {
        World world = lasting(Duration.ofDays(30), Duration.ofDays(7));
        Link link = verifyAlice(world);
        world.deliver();

        world.clock.advance(Duration.ofDays(23).minusMinutes(1));
        assertEquals(new Swept(0, 0), world.gatehouse.reverification().sweep());
        world.clock.advance(Duration.ofMinutes(2));
        assertEquals(new Swept(1, 0), world.gatehouse.reverification().sweep());
        assertEquals(new Swept(0, 0), world.gatehouse.reverification().sweep());

        List<MemberUpdate> delivered = world.deliver();
        assertEquals(List.of(new MemberNotice.VerificationEnding(link.linkedAt().plus(Duration.ofDays(30)), Locale.ENGLISH,
                ZoneId.of("UTC"))), notices(delivered));
        assertEquals(1, delivered.size(), "one DM, not one per server");
        assertEquals(MemberStatus.VERIFIED, world.stores.membershipIndex().statusOf(CS101, ALICE_ID));
    }

    @Test
    void aLapseEndsTheLinkRemovesTheRolesInEveryServerAndTellsTheMember() {
        World world = lasting(Duration.ofDays(30), Duration.ofDays(7));
        Link link = verifyAlice(world);
        world.deliver();

        world.clock.advance(Duration.ofDays(30).plusSeconds(1));
        assertEquals(new Swept(0, 1), world.gatehouse.reverification().sweep(), "a lapsed link isn't reminded first");
        assertEquals(new Swept(0, 0), world.gatehouse.reverification().sweep());

        assertEquals(Optional.empty(), world.stores.links().findByDiscordUser(CS101, ALICE_ID));
        assertEquals(MemberStatus.UNVERIFIED, world.stores.membershipIndex().statusOf(CS101, ALICE_ID));
        List<MemberUpdate> delivered = world.deliver();
        assertTrue(delivered.stream().anyMatch(u -> u.guild().equals(LECTURES)
                && u.change().equals(new MemberChange.RevokeRole(LECTURES_ROLE))));
        assertTrue(delivered.stream().anyMatch(u -> u.guild().equals(OFFICE_HOURS)
                && u.change().equals(new MemberChange.RevokeRole(OFFICE_HOURS_ROLE))));
        assertEquals(List.of(new MemberNotice.VerificationLapsed(Locale.ENGLISH)), notices(delivered));
        assertEquals(List.of(new VerificationLapsed(link, world.clock.instant())),
                world.events.stream().filter(VerificationLapsed.class::isInstance).toList());
        assertTrue(world.stores.audit().recent(CS101, 10).stream().anyMatch(e -> e.action().equals("verification.lapsed")));
    }

    @Test
    void afterALapseVerifyingAgainWorksLikeTheFirstTime() {
        World world = lasting(Duration.ofMinutes(1), Duration.ZERO);
        verifyAlice(world);
        world.deliver();
        world.clock.advance(Duration.ofMinutes(2));
        world.gatehouse.reverification().sweep();
        world.deliver();

        Link again = verifyAlice(world);

        assertEquals(world.clock.instant(), again.linkedAt());
        assertTrue(world.deliver().stream().anyMatch(u -> u.change().equals(new MemberChange.GrantRole(LECTURES_ROLE))));
    }

    @Test
    void verifyingAgainInsideTheReminderTimeRenewsTheVerification() {
        World world = lasting(Duration.ofDays(30), Duration.ofDays(7));
        verifyAlice(world);
        world.clock.advance(Duration.ofDays(10));
        assertInstanceOf(AlreadyVerified.class, world.verify(ALICE, LECTURES, "jdoe42"), "too early to renew");

        world.clock.advance(Duration.ofDays(15));
        world.gatehouse.reverification().sweep();
        LinkSent sent = assertInstanceOf(LinkSent.class, world.gatehouse.requestVerification().request(
                new dev.gatehouse.core.port.in.RequestVerification.RequestCommand(LECTURES, "CS 101 Lectures", ALICE, Optional.empty(),
                        Optional.empty(), Optional.empty())));
        assertEquals("jdoe42", sent.userId().value(), "the renewal goes to the linked person's mailbox");
        Link renewed = assertInstanceOf(Confirmed.class, world.gatehouse.reviewVerification().confirm(link(world.lastToken()))).link();

        assertEquals(world.clock.instant(), renewed.linkedAt());
        assertEquals(Optional.of(renewed), world.stores.links().findByDiscordUser(CS101, ALICE_ID));
        assertTrue(world.events.stream().anyMatch(e -> e instanceof MemberVerified v && v.link().equals(renewed)));
        world.clock.advance(Duration.ofDays(10));
        assertEquals(new Swept(0, 0), world.gatehouse.reverification().sweep(), "the renewal holds from now, reminder forgotten");
        world.clock.advance(Duration.ofDays(14));
        assertEquals(new Swept(1, 0), world.gatehouse.reverification().sweep(), "and is reminded again near its own end");
    }

    @Test
    void aRenewalIsAlwaysForThePersonTheMemberIsLinkedTo() {
        World world = lasting(Duration.ofDays(30), Duration.ofDays(7));
        verifyAlice(world);
        world.clock.advance(Duration.ofDays(25));

        LinkSent sent = assertInstanceOf(LinkSent.class, world.verify(ALICE, LECTURES, "bsmith"));

        assertEquals("jdoe42", sent.userId().value());
        assertEquals("jane.doe@uni.example.edu", world.sent.get(world.sent.size() - 1).to().value());
    }

    @Test
    void verificationsThatHoldForeverNeverLapse() {
        World world = new World();
        verifyAlice(world);

        world.clock.advance(Duration.ofDays(3650));

        assertEquals(new Swept(0, 0), world.gatehouse.reverification().sweep());
        assertInstanceOf(AlreadyVerified.class, world.verify(ALICE, LECTURES, "jdoe42"));
        assertEquals(1, world.stores.links().count(CS101));
    }

    @Test
    void theDmSpeaksTheLanguageTheMemberVerifiedInElseTheTenants() {
        World world = lasting(Duration.ofDays(30), Duration.ofDays(7));
        world.stores.tenants().save(world.stores.tenants().find(CS101).orElseThrow().withDefaultLanguage(Locale.FRENCH));
        world.gatehouse.requestVerification().request(new dev.gatehouse.core.port.in.RequestVerification.RequestCommand(LECTURES,
                "CS 101 Lectures", ALICE, Optional.of("jdoe42"), Optional.empty(), Optional.of(Locale.GERMAN)));
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));
        world.verify(MALLORY, LECTURES, "bsmith");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));
        world.deliver();

        world.clock.advance(Duration.ofDays(31));
        world.gatehouse.reverification().sweep();

        assertEquals(List.of(new MemberNotice.VerificationLapsed(Locale.GERMAN), new MemberNotice.VerificationLapsed(Locale.FRENCH)),
                notices(world.deliver()));
    }

    @Test
    void aYearLongVerificationLapsesInTheMembersLanguageLongAfterRetentionPurgedTheirRequests() {
        World world = lasting(Duration.ofDays(365), Duration.ofDays(7));
        world.stores.tenants().save(world.stores.tenants().find(CS101).orElseThrow().withDefaultLanguage(Locale.FRENCH));
        world.gatehouse.requestVerification().request(new dev.gatehouse.core.port.in.RequestVerification.RequestCommand(LECTURES,
                "CS 101 Lectures", ALICE, Optional.of("jdoe42"), Optional.empty(), Optional.of(Locale.GERMAN)));
        Link link = assertInstanceOf(Confirmed.class, world.gatehouse.reviewVerification().confirm(link(world.lastToken()))).link();
        assertEquals(Optional.of(Locale.GERMAN), link.language(), "the link keeps the language of the confirmed request");
        world.deliver();

        world.clock.advance(Duration.ofDays(60));
        assertEquals(1, world.gatehouse.retention().purge().sessions(), "the tenant's 30 days of retention are long over");
        world.clock.advance(Duration.ofDays(300));
        assertEquals(new Swept(1, 0), world.gatehouse.reverification().sweep());
        world.clock.advance(Duration.ofDays(6));
        assertEquals(new Swept(0, 1), world.gatehouse.reverification().sweep());

        assertEquals(List.of(new MemberNotice.VerificationEnding(link.linkedAt().plus(Duration.ofDays(365)), Locale.GERMAN,
                ZoneId.of("UTC")), new MemberNotice.VerificationLapsed(Locale.GERMAN)), notices(world.deliver()));
    }

    @Test
    void aRenewalInAnotherLanguageSpeaksThatOneFromThen() {
        World world = lasting(Duration.ofDays(30), Duration.ofDays(7));
        world.gatehouse.requestVerification().request(new dev.gatehouse.core.port.in.RequestVerification.RequestCommand(LECTURES,
                "CS 101 Lectures", ALICE, Optional.of("jdoe42"), Optional.empty(), Optional.of(Locale.GERMAN)));
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));
        world.clock.advance(Duration.ofDays(25));
        world.gatehouse.requestVerification().request(new dev.gatehouse.core.port.in.RequestVerification.RequestCommand(LECTURES,
                "CS 101 Lectures", ALICE, Optional.empty(), Optional.empty(), Optional.of(Locale.forLanguageTag("es-MX"))));
        Link renewed = assertInstanceOf(Confirmed.class, world.gatehouse.reviewVerification().confirm(link(world.lastToken()))).link();
        world.deliver();

        assertEquals(Optional.of(Locale.forLanguageTag("es")), renewed.language());
        world.clock.advance(Duration.ofDays(31));
        world.gatehouse.reverification().sweep();
        assertEquals(List.of(new MemberNotice.VerificationLapsed(Locale.forLanguageTag("es"))), notices(world.deliver()));
    }

    @Test
    void manyLapsedLinksAreEndedInBatches() {
        World world = lasting(Duration.ofDays(1), Duration.ZERO);
        for (int i = 0; i < 1234; i++) {
            world.stores.links().insert(new Link(CS101, new DiscordUserId(100_000 + i), new dev.gatehouse.core.model.DirectoryUserId("u" + i),
                    world.clock.instant(), dev.gatehouse.core.model.LinkOrigin.IMPORT));
        }
        world.clock.advance(Duration.ofDays(2));

        assertEquals(new Swept(0, 1234), world.gatehouse.reverification().sweep());
        assertEquals(0, world.stores.links().count(CS101));
    }

    // ---- the lifetime's arithmetic -------------------------------------------------------------------

    @Test
    void aYearlyDateHoldsUntilTheEndOfItsNextOccurrenceInTheTenantsZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        UntilAnnually june30 = new UntilAnnually(MonthDay.of(6, 30));
        Duration week = Duration.ofDays(7);

        assertEquals(Optional.of(Instant.parse("2026-06-30T22:00:00Z")), june30.until(Instant.parse("2025-09-01T10:00:00Z"), week, berlin));
        assertEquals(Optional.of(Instant.parse("2026-06-30T22:00:00Z")), june30.until(Instant.parse("2026-06-23T21:59:59Z"), week, berlin));
        assertEquals(Optional.of(Instant.parse("2027-06-30T22:00:00Z")), june30.until(Instant.parse("2026-06-23T22:00:00Z"), week, berlin),
                "one made inside the reminder week holds until the following year");
        assertEquals(Optional.of(Instant.parse("2026-07-01T00:00:00Z")),
                june30.until(Instant.parse("2025-09-01T10:00:00Z"), week, ZoneId.of("UTC")));
    }

    @Test
    void aYearlyDatesCutoffSplitsLapsedFromHeldLinks() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        UntilAnnually june30 = new UntilAnnually(MonthDay.of(6, 30));
        Duration week = Duration.ofDays(7);
        Instant justBefore = Instant.parse("2026-06-30T21:59:59Z");
        Instant justAfter = Instant.parse("2026-06-30T22:00:00Z");

        assertEquals(Optional.of(Instant.parse("2025-06-23T22:00:00Z")), june30.lapseCutoff(justBefore, week, berlin));
        assertEquals(Optional.of(Instant.parse("2026-06-23T22:00:00Z")), june30.lapseCutoff(justAfter, week, berlin));
        for (Instant linked : List.of(Instant.parse("2025-07-10T08:00:00Z"), Instant.parse("2026-06-23T21:59:59Z"),
                Instant.parse("2026-06-23T22:00:00Z"), Instant.parse("2026-06-29T12:00:00Z"))) {
            for (Instant now : List.of(justBefore, justAfter, Instant.parse("2027-01-01T00:00:00Z"))) {
                boolean lapsed = !june30.until(linked, week, berlin).orElseThrow().isAfter(now);
                assertEquals(lapsed, linked.isBefore(june30.lapseCutoff(now, week, berlin).orElseThrow()), linked + " at " + now);
            }
        }
    }

    @Test
    void the29thOfFebruaryEndsOnThe28thInOtherYears() {
        UntilAnnually leapDay = new UntilAnnually(MonthDay.of(2, 29));

        assertEquals(Optional.of(Instant.parse("2027-03-01T00:00:00Z")),
                leapDay.until(Instant.parse("2026-09-01T00:00:00Z"), Duration.ZERO, ZoneId.of("UTC")));
        assertEquals(Optional.of(Instant.parse("2028-03-01T00:00:00Z")),
                leapDay.until(Instant.parse("2027-09-01T00:00:00Z"), Duration.ZERO, ZoneId.of("UTC")));
    }

    @Test
    void aYearlyTenantLapsesEveryoneAtTheEndOfTheDate() {
        World world = new World(t -> t.withTimeZone(ZoneId.of("Europe/Berlin"))
                .withReverification(new UntilAnnually(MonthDay.of(9, 30)), Duration.ofDays(7)));
        verifyAlice(world); // 1 September 2026

        world.clock.set(Instant.parse("2026-09-23T21:59:00Z"));
        assertEquals(new Swept(0, 0), world.gatehouse.reverification().sweep());
        world.clock.set(Instant.parse("2026-09-23T22:01:00Z"));
        assertEquals(new Swept(1, 0), world.gatehouse.reverification().sweep());
        world.clock.set(Instant.parse("2026-09-30T21:59:00Z"));
        assertEquals(new Swept(0, 0), world.gatehouse.reverification().sweep());
        world.clock.set(Instant.parse("2026-09-30T22:00:01Z"));
        assertEquals(new Swept(0, 1), world.gatehouse.reverification().sweep());
    }

    // ---- settings ------------------------------------------------------------------------------------

    @Test
    void theLifetimeAndReminderAreSetTogetherAndCheckedAsAWhole() {
        World world = new World();
        UnaryOperator<TenantSettings> none = UnaryOperator.identity();

        assertInstanceOf(TenantChanged.class, world.gatehouse.tenants().change(new ChangeTenant(CS101, List.of(
                new TenantChange.Reverification(Optional.of(new Lasting(Duration.ofMinutes(1))), Optional.of(Duration.ofSeconds(30)))))));
        TenantSettings set = world.stores.tenants().find(CS101).orElseThrow();
        assertEquals(new Lasting(Duration.ofMinutes(1)), set.verificationLifetime());
        assertEquals(Duration.ofSeconds(30), set.reminderBefore());

        assertInstanceOf(ChangeRefused.class, world.gatehouse.tenants().change(new ChangeTenant(CS101, List.of(
                new TenantChange.Reverification(Optional.of(new Lasting(Duration.ofDays(30))), Optional.of(Duration.ofDays(30)))))));
        assertThrows(IllegalArgumentException.class, () -> new Lasting(Duration.ofSeconds(59)));
        assertEquals(none.apply(set), world.stores.tenants().find(CS101).orElseThrow());
    }

    @Test
    void lifetimesAreReadFromTheOperatorsText() {
        assertEquals(new VerificationLifetime.Forever(), VerificationLifetime.parse("forever"));
        assertEquals(new Lasting(Duration.ofDays(365)), VerificationLifetime.parse("365d"));
        assertEquals(new Lasting(Duration.ofMinutes(1)), VerificationLifetime.parse("1m"));
        assertEquals(new Lasting(Duration.ofHours(12)), VerificationLifetime.parse("PT12H"));
        assertEquals(new UntilAnnually(MonthDay.of(6, 30)), VerificationLifetime.parse("06-30"));
        assertEquals(new UntilAnnually(MonthDay.of(6, 30)), VerificationLifetime.parse(new UntilAnnually(MonthDay.of(6, 30)).text()));
        assertThrows(IllegalArgumentException.class, () -> VerificationLifetime.parse("02-30"));
        assertThrows(IllegalArgumentException.class, () -> VerificationLifetime.parse("a year"));
    }
}
