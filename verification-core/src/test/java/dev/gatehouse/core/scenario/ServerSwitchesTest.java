package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.LECTURES_ROLE;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerGuild.GuildStatus;
import dev.gatehouse.core.port.in.AdministerGuild.UnlinkCommand;
import dev.gatehouse.core.port.in.GateMessages.GateCommand;
import dev.gatehouse.core.port.in.GateMessages.GateDecision;
import dev.gatehouse.core.port.in.RequestVerification.VerificationOff;
import dev.gatehouse.core.port.in.SetupWarning;
import dev.gatehouse.core.port.in.WelcomeMembers.JoinCommand;
import dev.gatehouse.core.port.in.WelcomeMembers.NothingToDo;
import dev.gatehouse.core.port.in.WelcomeMembers.OfferVerification;
import dev.gatehouse.core.port.in.WelcomeMembers.SendVerifyHint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server's switches: verification on or off, verify on join. */
class ServerSwitchesTest {
    private final World world = new World();

    private void configure(ConfigureCommand command) {
        world.gatehouse.administration().configure(command);
    }

    @Test
    void aServerWithVerificationOffRefusesVerifyStopsGatingAndAsksNoJoiner() {
        configure(ConfigureCommand.of(LECTURES, new GuildSettingChange.Enabled(false), new GuildSettingChange.DmOnJoin(true), new GuildSettingChange.VerifyOnJoin(true)));

        assertInstanceOf(VerificationOff.class, world.verify(ALICE, LECTURES, "jdoe42"));
        assertEquals(GateDecision.KEEP_SERVER_NOT_GATED, world.gatehouse.gate().decide(new GateCommand(LECTURES, ALICE.id(), false)));
        assertInstanceOf(NothingToDo.class, world.gatehouse.welcome().joined(new JoinCommand(LECTURES, ALICE.id())));
        GuildStatus status = assertInstanceOf(GuildStatus.class, world.gatehouse.administration().status(LECTURES));
        assertTrue(status.warnings().contains(new SetupWarning.VerificationOff()), status.warnings().toString());
        assertTrue(world.sent.isEmpty());
    }

    @Test
    void verifyingElsewhereGrantsNoRoleInAServerWithVerificationOffButUnlinkRevokesEverywhere() {
        configure(ConfigureCommand.of(OFFICE_HOURS, new GuildSettingChange.Enabled(false)));
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(World.link(world.lastToken()));

        List<MemberChange> granted = world.deliver().stream().map(MemberUpdate::change).toList();
        assertTrue(granted.contains(new MemberChange.GrantRole(LECTURES_ROLE)));
        assertTrue(!granted.contains(new MemberChange.GrantRole(OFFICE_HOURS_ROLE)), granted.toString());

        world.gatehouse.administration().unlink(new UnlinkCommand(LECTURES, ALICE.id(), ALICE.id()));
        List<MemberChange> revoked = world.deliver().stream().map(MemberUpdate::change).toList();
        assertTrue(revoked.contains(new MemberChange.RevokeRole(LECTURES_ROLE)), revoked.toString());
        assertTrue(revoked.contains(new MemberChange.RevokeRole(OFFICE_HOURS_ROLE)), revoked.toString());
    }

    @Test
    void verifyOnJoinOffersVerificationAndTakesPrecedenceOverTheHint() {
        configure(ConfigureCommand.of(LECTURES, new GuildSettingChange.DmOnJoin(true)));
        assertInstanceOf(SendVerifyHint.class, world.gatehouse.welcome().joined(new JoinCommand(LECTURES, ALICE.id())));

        configure(ConfigureCommand.of(LECTURES, new GuildSettingChange.VerifyOnJoin(true)));
        assertEquals(new OfferVerification("CS 101"), world.gatehouse.welcome().joined(new JoinCommand(LECTURES, ALICE.id())));
    }
}
