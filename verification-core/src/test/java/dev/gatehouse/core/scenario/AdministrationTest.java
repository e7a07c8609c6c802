package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS;
import static dev.gatehouse.core.scenario.World.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.event.MemberUnlinked;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildBindingPolicy;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.BindingNotAllowed;
import dev.gatehouse.core.port.in.AdministerGuild.Bound;
import dev.gatehouse.core.port.in.AdministerGuild.BoundToAnotherTenant;
import dev.gatehouse.core.port.in.AdministerGuild.GuildStatus;
import dev.gatehouse.core.port.in.AdministerGuild.LinkMemberCommand;
import dev.gatehouse.core.port.in.AdministerGuild.Linked;
import dev.gatehouse.core.port.in.AdministerGuild.LinkedTo;
import dev.gatehouse.core.port.in.AdministerGuild.MemberAlreadyLinked;
import dev.gatehouse.core.port.in.AdministerGuild.MemberPage;
import dev.gatehouse.core.port.in.AdministerGuild.MembersQuery;
import dev.gatehouse.core.port.in.AdministerGuild.NoSuchUser;
import dev.gatehouse.core.port.in.AdministerGuild.NotLinked;
import dev.gatehouse.core.port.in.AdministerGuild.TenantNotFound;
import dev.gatehouse.core.port.in.AdministerGuild.UnlinkCommand;
import dev.gatehouse.core.port.in.AdministerGuild.Unlinked;
import dev.gatehouse.core.port.in.AdministerGuild.UserAlreadyLinked;
import dev.gatehouse.core.port.in.GateMessages.GateCommand;
import dev.gatehouse.core.port.in.GateMessages.GateDecision;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.SetupWarning;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdministrationTest {
    private static final DiscordUserId ADMIN = new DiscordUserId(1);
    private static final GuildId NEW_SERVER = new GuildId(3_000_000_001L);

    @Test
    void serverAdminsCanBindOnlyWhereTheTenantAllowsIt() {
        World world = new World();
        AdministerGuild admin = world.gatehouse.administration();

        assertInstanceOf(BindingNotAllowed.class, admin.bind(new BindCommand(NEW_SERVER, CS101, Authority.GUILD_ADMIN)));
        assertInstanceOf(TenantNotFound.class, admin.bind(new BindCommand(NEW_SERVER, new TenantId("nope"), Authority.OPERATOR)));

        world.stores.tenants().save(TenantSettings.defaults(CS101, "CS 101").withGuildBinding(GuildBindingPolicy.GUILD_ADMINS));
        Bound bound = assertInstanceOf(Bound.class, admin.bind(new BindCommand(NEW_SERVER, CS101, Authority.GUILD_ADMIN)));
        assertEquals(CS101, bound.settings().tenant());
    }

    @Test
    void onlyTheOperatorMovesAServerToAnotherTenantAndOnlyWhenAskingTo() {
        World world = new World();
        TenantId acme = new TenantId("acme");
        world.stores.tenants().save(TenantSettings.defaults(acme, "Acme").withGuildBinding(GuildBindingPolicy.GUILD_ADMINS));
        AdministerGuild admin = world.gatehouse.administration();

        assertEquals(new BoundToAnotherTenant(CS101), admin.bind(new BindCommand(LECTURES, acme, Authority.GUILD_ADMIN)));
        assertEquals(new BoundToAnotherTenant(CS101), admin.bind(new BindCommand(LECTURES, acme, Authority.OPERATOR)));
        Bound moved = assertInstanceOf(Bound.class, admin.bind(new BindCommand(LECTURES, acme, Authority.OPERATOR,
                AdministerGuild.Rebinding.MOVE_TO_NEW_TENANT)));
        assertEquals(acme, moved.settings().tenant());
        assertEquals(World.LECTURES_ROLE, moved.settings().verifiedRole().orElseThrow(), "options survive a move");
    }

    @Test
    void anAdminLinksAMemberByHandAndTheUsualRulesHold() {
        World world = new World();
        AdministerGuild admin = world.gatehouse.administration();

        Linked linked = assertInstanceOf(Linked.class, admin.link(new LinkMemberCommand(LECTURES, ALICE.id(), "JDOE42", ADMIN)));
        assertEquals(LinkOrigin.ADMIN, linked.link().origin());
        assertEquals(GateDecision.KEEP_VERIFIED, world.gatehouse.gate().decide(new GateCommand(OFFICE_HOURS, ALICE.id(), false)));
        assertEquals(4, world.deliver().size(), "role and nickname in both servers");

        assertInstanceOf(MemberAlreadyLinked.class, admin.link(new LinkMemberCommand(LECTURES, ALICE.id(), "bsmith", ADMIN)));
        assertInstanceOf(UserAlreadyLinked.class, admin.link(new LinkMemberCommand(LECTURES, new DiscordUserId(77), "jdoe42", ADMIN)));
        assertInstanceOf(NoSuchUser.class, admin.link(new LinkMemberCommand(LECTURES, new DiscordUserId(77), "ghost", ADMIN)));
        assertInstanceOf(InvalidUserId.class, admin.link(new LinkMemberCommand(LECTURES, new DiscordUserId(77), "two words", ADMIN)));
    }

    @Test
    void whoisShowsTheLinkAndThePerson() {
        World world = new World();
        world.gatehouse.administration().link(new LinkMemberCommand(LECTURES, ALICE.id(), "jdoe42", ADMIN));

        LinkedTo whois = assertInstanceOf(LinkedTo.class, world.gatehouse.administration().whois(OFFICE_HOURS, ALICE.id()));

        assertEquals("Jane Doe", whois.user().orElseThrow().name().value());
        assertEquals(new NotLinked(new DiscordUserId(77)), world.gatehouse.administration().whois(LECTURES, new DiscordUserId(77)));
    }

    @Test
    void unverifyingRemovesTheRoleAndNicknameInEveryServerAndFreesTheUser() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));
        world.deliver();

        Unlinked unlinked = assertInstanceOf(Unlinked.class,
                world.gatehouse.administration().unlink(new UnlinkCommand(OFFICE_HOURS, ALICE.id(), ALICE.id())));

        assertEquals("jdoe42", unlinked.link().directoryUser().value());
        assertEquals(Set.of(LECTURES + " revoke " + World.LECTURES_ROLE, LECTURES + " reset nick",
                        OFFICE_HOURS + " revoke " + World.OFFICE_HOURS_ROLE, OFFICE_HOURS + " reset nick"),
                world.deliver().stream().map(ConfirmingAndDenyingTest::describe).collect(Collectors.toSet()));
        assertEquals(GateDecision.DELETE_UNVERIFIED, world.gatehouse.gate().decide(new GateCommand(LECTURES, ALICE.id(), false)));
        assertTrue(world.events.stream().anyMatch(MemberUnlinked.class::isInstance));
        assertEquals("link.self_removed", world.stores.audit().recent(CS101, 1).get(0).action());
        assertInstanceOf(NotLinked.class, world.gatehouse.administration().unlink(new UnlinkCommand(LECTURES, ALICE.id(), ADMIN)));
        world.clock.advance(Duration.ofHours(2));
        assertInstanceOf(LinkSent.class, world.verify(new DiscordAccount(new DiscordUserId(9003), "alice3"),
                LECTURES, "jdoe42"));
        assertEquals(2, world.sent.size(), "after an unlink the user can verify another account");
    }

    @Test
    void membersAreListedInPagesWithTheirNames() {
        World world = new World();
        for (int i = 0; i < 25; i++) {
            world.addUser(CS101, "student" + i, "s" + i + "@uni.example.edu", "Student " + i);
            world.gatehouse.administration().link(new LinkMemberCommand(LECTURES, new DiscordUserId(10_000 + i), "student" + i, ADMIN));
            world.clock.advance(Duration.ofSeconds(1));
        }

        MemberPage second = assertInstanceOf(MemberPage.class, world.gatehouse.administration().members(new MembersQuery(LECTURES, 1, 10)));

        assertEquals(25, second.total());
        assertEquals(3, second.pageCount());
        assertEquals(10, second.members().size());
        assertEquals("Student 10", second.members().get(0).user().orElseThrow().name().value());
        MemberPage beyond = assertInstanceOf(MemberPage.class, world.gatehouse.administration().members(new MembersQuery(LECTURES, 9, 10)));
        assertEquals(0, beyond.members().size());
    }

    @Test
    void statusWarnsAboutMissingSetup() {
        World world = new World();
        world.gatehouse.administration().bind(new BindCommand(NEW_SERVER, CS101, Authority.OPERATOR));

        GuildStatus status = assertInstanceOf(GuildStatus.class, world.gatehouse.administration().status(NEW_SERVER));

        assertEquals(2, status.directoryUsers());
        assertTrue(status.warnings().contains(new SetupWarning.NoVerifiedRole()), status.warnings().toString());
        GuildStatus configured = assertInstanceOf(GuildStatus.class, world.gatehouse.administration().status(LECTURES));
        assertEquals(List.of(), configured.warnings());
    }
}
