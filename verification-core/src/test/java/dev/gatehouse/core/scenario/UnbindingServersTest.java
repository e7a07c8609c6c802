package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.LECTURES_ROLE;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS;
import static dev.gatehouse.core.scenario.World.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.port.in.AdministerGuild.Unbound;
import dev.gatehouse.core.port.in.AdministerTenants.TenantDeleted;
import dev.gatehouse.core.port.in.GateMessages.GateCommand;
import dev.gatehouse.core.port.in.GateMessages.GateDecision;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.RequestVerification.AlreadyVerified;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnbindingServersTest {
    private final World world = new World();

    private void verifyAlice() {
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));
    }

    private List<String> auditActions() {
        return world.stores.audit().recent(CS101, 10).stream().map(AuditEntry::action).toList();
    }

    @Test
    void anUnboundServerIsNoLongerSetUpWhileTheTenantsOtherServerStillKnowsItsMembers() {
        verifyAlice();

        Unbound unbound = assertInstanceOf(Unbound.class, world.gatehouse.administration().unbind(LECTURES));

        assertEquals(Optional.of(LECTURES_ROLE), unbound.previous().verifiedRole());
        assertEquals(CS101, unbound.previous().tenant());
        assertInstanceOf(GuildNotSetUp.class, world.verify(ALICE, LECTURES, "jdoe42"));
        assertEquals(List.of(OFFICE_HOURS), world.gatehouse.administration().serversOf(CS101).stream().map(GuildSettings::guild).toList());
        assertInstanceOf(AlreadyVerified.class, world.verify(ALICE, OFFICE_HOURS, "jdoe42"));
        assertEquals(GateDecision.KEEP_VERIFIED, world.gatehouse.gate().decide(new GateCommand(OFFICE_HOURS, ALICE.id(), false)));
        assertEquals("guild.unbound", auditActions().get(0));
    }

    @Test
    void unbindingAServerThatIsNotBoundSaysSoAndAuditsNothing() {
        world.gatehouse.administration().unbind(LECTURES);
        List<String> before = auditActions();

        assertInstanceOf(GuildNotSetUp.class, world.gatehouse.administration().unbind(LECTURES));

        assertEquals(before, auditActions());
    }

    @Test
    void anUnboundServerCanBeBoundAgainFromScratch() {
        world.gatehouse.administration().unbind(LECTURES);

        world.bind(LECTURES, new RoleId(777));

        assertEquals(Optional.of(new RoleId(777)),
                world.gatehouse.administration().serversOf(CS101).get(0).verifiedRole());
    }

    @Test
    void onceEveryServerIsUnboundTheTenantIsDeletedWithItsMembersLinks() {
        verifyAlice();
        world.gatehouse.administration().unbind(LECTURES);
        world.gatehouse.administration().unbind(OFFICE_HOURS);

        assertEquals(new TenantDeleted(CS101, 2, 1), world.gatehouse.tenants().delete(CS101));

        assertEquals(MemberStatus.UNVERIFIED, world.stores.membershipIndex().statusOf(CS101, ALICE.id()));
        assertEquals(List.of("tenant.deleted", "guild.unbound", "guild.unbound"), auditActions().subList(0, 3));
    }
}
