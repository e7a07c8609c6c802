package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS;
import static dev.gatehouse.core.scenario.World.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.GateMessages.GateCommand;
import dev.gatehouse.core.port.in.GateMessages.GateDecision;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.RequestVerification.AlreadyVerified;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.WelcomeMembers.AccessRestored;
import dev.gatehouse.core.port.in.WelcomeMembers.JoinCommand;
import dev.gatehouse.core.port.in.WelcomeMembers.NothingToDo;
import dev.gatehouse.core.port.in.WelcomeMembers.SendVerifyHint;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TenantsAndServersTest {
    private static final TenantId ACME = new TenantId("acme");
    private static final GuildId ACME_HQ = new GuildId(2_000_000_001L);

    @Test
    void twoServersOfOneTenantShareVerification() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));

        assertInstanceOf(AlreadyVerified.class, world.verify(ALICE, OFFICE_HOURS, "jdoe42"));
        assertEquals(GateDecision.KEEP_VERIFIED, world.gatehouse.gate().decide(new GateCommand(OFFICE_HOURS, ALICE.id(), false)));
    }

    @Test
    void twoTenantsWithTheSameUserIdAreKeptApart() {
        World world = new World();
        world.stores.tenants().save(TenantSettings.defaults(ACME, "Acme Staff"));
        world.gatehouse.administration().bind(new BindCommand(ACME_HQ, ACME, Authority.OPERATOR));
        world.gatehouse.administration().configure(ConfigureCommand.of(ACME_HQ, new GuildSettingChange.GateMessages(true), new GuildSettingChange.VerifiedRole(new RoleId(900))));
        world.addUser(ACME, "jdoe42", "john.doe@acme.example.com", "John Doe");

        world.verify(ALICE, LECTURES, "jdoe42");
        assertEquals("jane.doe@uni.example.edu", world.sent.get(0).to().value());
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));

        assertEquals(GateDecision.DELETE_UNVERIFIED, world.gatehouse.gate().decide(new GateCommand(ACME_HQ, ALICE.id(), false)),
                "verified in cs101 says nothing about acme");
        assertInstanceOf(LinkSent.class, world.verify(ALICE, ACME_HQ, "jdoe42"));
        assertEquals("john.doe@acme.example.com", world.sent.get(1).to().value());
        Confirmed confirmed = assertInstanceOf(Confirmed.class, world.gatehouse.reviewVerification().confirm(link(world.lastToken())));
        assertEquals(ACME, confirmed.link().tenant());
        assertEquals("John Doe", confirmed.session().realName());
        assertEquals(MemberStatus.VERIFIED, world.stores.membershipIndex().statusOf(CS101, ALICE.id()));
    }

    @Test
    void theGateDeletesOnlyUnverifiedHumansInGatedServers() {
        World world = new World();
        DiscordAccount bob = new DiscordAccount(new DiscordUserId(9100), "bob");
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));

        assertEquals(GateDecision.KEEP_VERIFIED, world.gatehouse.gate().decide(new GateCommand(LECTURES, ALICE.id(), false)));
        assertEquals(GateDecision.DELETE_UNVERIFIED, world.gatehouse.gate().decide(new GateCommand(LECTURES, bob.id(), false)));
        assertEquals(GateDecision.KEEP_BOT, world.gatehouse.gate().decide(new GateCommand(LECTURES, bob.id(), true)));
        assertEquals(GateDecision.KEEP_SERVER_NOT_GATED, world.gatehouse.gate().decide(new GateCommand(new GuildId(5), bob.id(), false)));

        world.gatehouse.administration().configure(ConfigureCommand.of(LECTURES, new GuildSettingChange.GateMessages(false)));
        assertEquals(GateDecision.KEEP_SERVER_NOT_GATED, world.gatehouse.gate().decide(new GateCommand(LECTURES, bob.id(), false)));
    }

    @Test
    void aLinkedMemberJoiningAnotherServerOfTheTenantGetsRoleAndNicknameAtOnce() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));
        world.deliver();

        assertInstanceOf(AccessRestored.class, world.gatehouse.welcome().joined(new JoinCommand(OFFICE_HOURS, ALICE.id())));

        assertEquals(Set.of(OFFICE_HOURS + " grant " + World.OFFICE_HOURS_ROLE, OFFICE_HOURS + " nick Jane Doe"),
                world.deliver().stream().map(ConfirmingAndDenyingTest::describe).collect(Collectors.toSet()));
    }

    @Test
    void anUnlinkedJoinerGetsAHintOnlyWhereTheServerWantsIt() {
        World world = new World();
        DiscordUserId newcomer = new DiscordUserId(9200);

        assertInstanceOf(NothingToDo.class, world.gatehouse.welcome().joined(new JoinCommand(LECTURES, newcomer)));
        world.gatehouse.administration().configure(ConfigureCommand.of(LECTURES, new GuildSettingChange.DmOnJoin(true)));
        assertEquals(new SendVerifyHint("CS 101"), world.gatehouse.welcome().joined(new JoinCommand(LECTURES, newcomer)));
        assertInstanceOf(GuildNotSetUp.class, world.gatehouse.welcome().joined(new JoinCommand(new GuildId(5), newcomer)));
        assertEquals(CS101, world.stores.guilds().find(LECTURES).orElseThrow().tenant());
    }
}
