package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.MALLORY;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberNotice;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.UnverifiedRemoval;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.ManagePersonalData;
import dev.gatehouse.core.port.in.RemoveUnverifiedMembers.Counted;
import dev.gatehouse.core.port.in.RemoveUnverifiedMembers.PresentCommand;
import dev.gatehouse.core.port.in.RemoveUnverifiedMembers.Swept;
import dev.gatehouse.core.port.in.WelcomeMembers.JoinCommand;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Servers that remove members who haven't verified within a time of joining: warned once, then kicked. */
class RemovingUnverifiedMembersTest {
    private static final DiscordUserId BOB = new DiscordUserId(9002);
    private final World world = new World();

    private void removeAfter(GuildId guild, Duration time) {
        world.gatehouse.administration().configure(ConfigureCommand.of(guild,
                new GuildSettingChange.RemoveUnverified(UnverifiedRemoval.after(time))));
    }

    private void join(GuildId guild, DiscordUserId member) {
        world.gatehouse.welcome().joined(new JoinCommand(guild, member));
    }

    private Swept sweepAfter(Duration wait) {
        world.clock.advance(wait);
        return world.gatehouse.unverifiedMembers().sweep();
    }

    private List<MemberUpdate> delivered(Class<? extends MemberChange> kind) {
        return world.deliver().stream().filter(u -> kind.isInstance(u.change())).toList();
    }

    private void verify(DiscordUserId member, GuildId where) {
        world.verify(new dev.gatehouse.core.model.DiscordAccount(member, "m" + member.value()), where, "jdoe42");
        world.gatehouse.reviewVerification().confirm(World.link(world.lastToken()));
    }

    @Test
    void byDefaultNobodyIsWarnedOrRemoved() {
        join(LECTURES, MALLORY.id());

        assertEquals(new Swept(0, 0), sweepAfter(Duration.ofDays(400)));
        assertEquals(List.of(), world.deliver());
        assertEquals(0, world.stores.arrivals().count(LECTURES));
    }

    @Test
    void anUnverifiedMemberIsWarnedOnceADayBeforeThenKickedWithTheReasonAndAnAuditEntry() {
        removeAfter(LECTURES, Duration.ofDays(7));
        Instant joined = world.clock.instant();
        join(LECTURES, MALLORY.id());

        assertEquals(new Swept(0, 0), sweepAfter(Duration.ofDays(6).minusMinutes(1)));
        assertEquals(new Swept(1, 0), sweepAfter(Duration.ofMinutes(1)));
        List<MemberUpdate> warnings = delivered(MemberChange.Notify.class);
        assertEquals(1, warnings.size());
        assertEquals(MALLORY.id(), warnings.get(0).member());
        assertEquals(new MemberChange.Notify(new MemberNotice.RemovalWarning(joined.plus(Duration.ofDays(7)), Locale.ENGLISH,
                ZoneId.of("UTC"))), warnings.get(0).change());

        assertEquals(new Swept(0, 0), sweepAfter(Duration.ofHours(23)), "warned once, not kicked early");
        assertEquals(new Swept(0, 1), sweepAfter(Duration.ofHours(1)));
        List<MemberUpdate> kicks = delivered(MemberChange.Kick.class);
        assertEquals(1, kicks.size());
        assertEquals(LECTURES, kicks.get(0).guild());
        assertEquals(MALLORY.id(), kicks.get(0).member());
        assertEquals("Gatehouse: not verified within 7 days of joining", kicks.get(0).reason());
        assertTrue(world.stores.audit().recent(World.CS101, 5).stream().anyMatch(e -> e.action().equals("member.removed_unverified")
                && e.detail().contains(String.valueOf(MALLORY.id().value()))));

        assertEquals(new Swept(0, 0), sweepAfter(Duration.ofDays(30)), "removed once");
        assertEquals(0, world.stores.arrivals().count(LECTURES));
    }

    @Test
    void aMemberWhoVerifiesIsForgottenAndNeverWarnedOrKicked() {
        removeAfter(LECTURES, Duration.ofHours(12));
        join(LECTURES, ALICE.id());
        assertEquals(1, world.stores.arrivals().count(LECTURES));

        verify(ALICE.id(), LECTURES);

        assertEquals(Optional.empty(), world.stores.arrivals().find(LECTURES, ALICE.id()));
        assertEquals(new Swept(0, 0), sweepAfter(Duration.ofDays(2)));
        assertEquals(List.of(), delivered(MemberChange.Kick.class));
    }

    @Test
    void aMemberWhoVerifiesAfterTheWarningIsNotKicked() {
        removeAfter(LECTURES, Duration.ofHours(12));
        join(LECTURES, ALICE.id());
        assertEquals(new Swept(1, 0), sweepAfter(Duration.ofHours(6)));
        // the link is made without its event reaching the removal (e.g. another instance, a lost listener)
        world.stores.links().insert(new dev.gatehouse.core.model.Link(World.CS101, ALICE.id(),
                new dev.gatehouse.core.model.DirectoryUserId("jdoe42"), world.clock.instant(), dev.gatehouse.core.model.LinkOrigin.EMAIL));

        assertEquals(new Swept(0, 0), sweepAfter(Duration.ofHours(7)));
        assertEquals(List.of(), delivered(MemberChange.Kick.class));
        assertEquals(Optional.empty(), world.stores.arrivals().find(LECTURES, ALICE.id()));
    }

    @Test
    void aLinkedMemberWhoJoinsIsNotCounted() {
        removeAfter(OFFICE_HOURS, Duration.ofHours(1));
        verify(ALICE.id(), LECTURES);

        join(OFFICE_HOURS, ALICE.id());

        assertEquals(Optional.empty(), world.stores.arrivals().find(OFFICE_HOURS, ALICE.id()));
        assertEquals(new Swept(0, 0), sweepAfter(Duration.ofDays(1)));
    }

    @Test
    void aMemberWhoLeavesIsForgotten() {
        removeAfter(LECTURES, Duration.ofHours(1));
        join(LECTURES, MALLORY.id());

        world.gatehouse.unverifiedMembers().left(LECTURES, MALLORY.id());

        assertEquals(Optional.empty(), world.stores.arrivals().find(LECTURES, MALLORY.id()));
        assertEquals(new Swept(0, 0), sweepAfter(Duration.ofDays(1)));
    }

    @Test
    void erasingAMembersDataForgetsTheirArrival() {
        removeAfter(LECTURES, Duration.ofHours(1));
        join(LECTURES, MALLORY.id());
        world.verify(MALLORY, LECTURES, "bsmith");

        world.gatehouse.personalData().erase(new ManagePersonalData.ByMemberThemselves(LECTURES, MALLORY.id()));

        assertEquals(Optional.empty(), world.stores.arrivals().find(LECTURES, MALLORY.id()));
    }

    @Test
    void membersAlreadyThereCountFromWhenTheyAreReportedAndVerifiedOnesAreLeftOut() {
        verify(ALICE.id(), LECTURES);
        removeAfter(LECTURES, Duration.ofHours(2));
        world.clock.advance(Duration.ofMinutes(5));
        Instant reported = world.clock.instant();

        Counted counted = assertInstanceOf(Counted.class, world.gatehouse.unverifiedMembers().present(
                new PresentCommand(LECTURES, Set.of(ALICE.id(), MALLORY.id(), BOB))));

        assertEquals(new Counted(2), counted);
        assertEquals(reported, world.stores.arrivals().find(LECTURES, BOB).orElseThrow().joinedAt());
        assertEquals(new Counted(0), world.gatehouse.unverifiedMembers().present(new PresentCommand(LECTURES, Set.of(BOB))),
                "counted once, from the first report");
        assertEquals(new Counted(0), world.gatehouse.unverifiedMembers().present(new PresentCommand(OFFICE_HOURS, Set.of(BOB))),
                "a server that doesn't remove anyone counts nobody");
        assertEquals(new Swept(2, 0), sweepAfter(Duration.ofHours(1)));
        assertEquals(new Swept(0, 2), sweepAfter(Duration.ofHours(1)));
    }

    @Test
    void turningTheRemovalOffForgetsTheCountsSoTurningItOnAgainCountsFromThen() {
        removeAfter(LECTURES, Duration.ofHours(1));
        join(LECTURES, MALLORY.id());
        world.gatehouse.administration().configure(ConfigureCommand.of(LECTURES,
                new GuildSettingChange.RemoveUnverified(UnverifiedRemoval.never())));
        assertEquals(0, world.stores.arrivals().count(LECTURES));

        world.clock.advance(Duration.ofDays(3));
        removeAfter(LECTURES, Duration.ofHours(1));
        Instant turnedOn = world.clock.instant();
        world.gatehouse.unverifiedMembers().present(new PresentCommand(LECTURES, Set.of(MALLORY.id())));

        assertEquals(turnedOn, world.stores.arrivals().find(LECTURES, MALLORY.id()).orElseThrow().joinedAt());
        assertEquals(new Swept(0, 0), sweepAfter(Duration.ofMinutes(29)));
    }

    @Test
    void aServerWithVerificationOffRemovesNobody() {
        removeAfter(LECTURES, Duration.ofMinutes(10));
        join(LECTURES, MALLORY.id());
        world.gatehouse.administration().configure(ConfigureCommand.of(LECTURES, new GuildSettingChange.Enabled(false)));

        assertEquals(new Swept(0, 0), sweepAfter(Duration.ofDays(1)));
    }

    @Test
    void aWarningSentLateStillGivesTheWholeLeadBeforeTheKick() {
        removeAfter(LECTURES, Duration.ofDays(7));
        Instant joined = world.clock.instant();
        join(LECTURES, MALLORY.id());

        assertEquals(new Swept(1, 0), sweepAfter(Duration.ofDays(10)), "the sweeps were down for days");
        MemberUpdate warning = delivered(MemberChange.Notify.class).get(0);
        Instant warnedAt = joined.plus(Duration.ofDays(10));
        assertEquals(new MemberNotice.RemovalWarning(warnedAt.plus(Duration.ofHours(24)), Locale.ENGLISH, ZoneId.of("UTC")),
                ((MemberChange.Notify) warning.change()).notice());
        assertEquals(new Swept(0, 0), sweepAfter(Duration.ofHours(23)));
        assertEquals(new Swept(0, 1), sweepAfter(Duration.ofHours(1)));
    }

    @Test
    void theWarningComesADayBeforeOrHalfwayThroughShortTimes() {
        assertEquals(Duration.ofHours(24), UnverifiedRemoval.after(Duration.ofDays(7)).warningLead());
        assertEquals(Duration.ofHours(24), UnverifiedRemoval.after(Duration.ofDays(2)).warningLead());
        assertEquals(Duration.ofHours(6), UnverifiedRemoval.after(Duration.ofHours(12)).warningLead());
        assertEquals(Duration.ofSeconds(30), UnverifiedRemoval.after(Duration.ofMinutes(1)).warningLead());
        assertEquals(Duration.ofHours(24), UnverifiedRemoval.after(Duration.ofDays(2).plusMinutes(1)).warningLead());
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(t.plus(Duration.ofDays(6)), UnverifiedRemoval.after(Duration.ofDays(7)).warningAt(t));
    }

    @Test
    void theTimeIsWrittenAsMinutesHoursOrDaysWithinItsRange() {
        assertEquals(Optional.of(UnverifiedRemoval.after(Duration.ofDays(7))), UnverifiedRemoval.parse("7d"));
        assertEquals(Optional.of(UnverifiedRemoval.after(Duration.ofHours(12))), UnverifiedRemoval.parse(" 12H "));
        assertEquals(Optional.of(UnverifiedRemoval.after(Duration.ofMinutes(30))), UnverifiedRemoval.parse("30m"));
        assertEquals(Optional.of(UnverifiedRemoval.never()), UnverifiedRemoval.parse("off"));
        assertEquals(Optional.empty(), UnverifiedRemoval.parse("0m"));
        assertEquals(Optional.empty(), UnverifiedRemoval.parse("366d"));
        assertEquals(Optional.empty(), UnverifiedRemoval.parse("7 weeks"));
        assertEquals(Optional.empty(), UnverifiedRemoval.parse("-1d"));
        assertThrows(IllegalArgumentException.class, () -> UnverifiedRemoval.after(Duration.ofSeconds(59)));
        assertThrows(IllegalArgumentException.class, () -> UnverifiedRemoval.after(Duration.ofDays(365).plusSeconds(1)));
        assertThrows(IllegalStateException.class, () -> UnverifiedRemoval.never().warningLead());
    }
}
