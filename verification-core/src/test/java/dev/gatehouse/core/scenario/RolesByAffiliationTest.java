package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.LECTURES_ROLE;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.event.RolesChanged;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerGuild.LinkMemberCommand;
import dev.gatehouse.core.port.in.AdministerGuild.Linked;
import dev.gatehouse.core.port.in.AdministerGuild.UnlinkCommand;
import dev.gatehouse.core.port.in.ImportDirectory.DirectoryImported;
import dev.gatehouse.core.port.in.ImportDirectory.DirectorySynced;
import dev.gatehouse.core.port.in.ImportDirectory.ImportCommand;
import dev.gatehouse.core.port.in.ImportDirectory.SyncCommand;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RolesByAffiliationTest {
    private static final DiscordUserId ADMIN = new DiscordUserId(4242);
    private static final RoleId STUDENT = new RoleId(601);
    private static final RoleId STAFF = new RoleId(602);

    private final World world = new World();

    RolesByAffiliationTest() {
        world.gatehouse.administration().configure(ConfigureCommand.of(LECTURES,
                new GuildSettingChange.GroupRole(new GroupName("student"), Optional.of(STUDENT)),
                new GuildSettingChange.GroupRole(new GroupName("staff"), Optional.of(STAFF))));
        world.stores.directory().save(new DirectoryUser(CS101, new DirectoryUserId("jdoe42"), new EmailAddress("jane.doe@uni.example.edu"),
                new DisplayName("Jane Doe"), Set.of(new GroupName("student"))));
    }

    private static Set<MemberChange> changesIn(List<MemberUpdate> updates, dev.gatehouse.core.model.GuildId guild) {
        return updates.stream().filter(u -> u.guild().equals(guild)).map(MemberUpdate::change).collect(Collectors.toSet());
    }

    private static DirectoryRow jane(long line, String groups) {
        return DirectoryRow.user(line, "jdoe42", "jane.doe@uni.example.edu", "Jane Doe", List.of(groups.split(";")));
    }

    @Test
    void aConfirmedMemberGetsTheVerifiedRolePlusTheRolesOfTheirGroupsWhereTheyAreMapped() {
        assertInstanceOf(Linked.class, world.gatehouse.administration().link(new LinkMemberCommand(LECTURES, ALICE.id(), "jdoe42", ADMIN)));

        List<MemberUpdate> applied = world.deliver();

        assertEquals(Set.of(new MemberChange.GrantRole(LECTURES_ROLE), new MemberChange.GrantRole(STUDENT),
                new MemberChange.SetNickname("Jane Doe")), changesIn(applied, LECTURES));
        assertTrue(changesIn(applied, OFFICE_HOURS).stream().noneMatch(c -> c.equals(new MemberChange.GrantRole(STUDENT))),
                "the other server maps no groups");
    }

    @Test
    void anImportChangingAMembersGroupsMovesThemFromStudentToStaff() {
        world.gatehouse.administration().link(new LinkMemberCommand(LECTURES, ALICE.id(), "jdoe42", ADMIN));
        world.deliver();

        assertInstanceOf(DirectoryImported.class, world.gatehouse.importDirectory().importRows(new ImportCommand(CS101,
                Stream.of(jane(2, "staff")))));

        assertEquals(Set.of(new MemberChange.RevokeRole(STUDENT), new MemberChange.GrantRole(STAFF)), changesIn(world.deliver(), LECTURES));
        assertTrue(world.events.stream().anyMatch(e -> e instanceof RolesChanged r && r.after().equals(Set.of(new GroupName("staff")))));
        assertEquals("roles.regrouped", world.stores.audit().recent(CS101, 2).get(1).action());
    }

    @Test
    void aSyncChangingGroupsCountsTheMembersWhoseRolesMove() {
        world.gatehouse.administration().link(new LinkMemberCommand(LECTURES, ALICE.id(), "jdoe42", ADMIN));
        world.deliver();

        DirectorySynced synced = assertInstanceOf(DirectorySynced.class, world.gatehouse.importDirectory().syncRows(new SyncCommand(CS101,
                Stream.of(jane(2, "staff;student"), DirectoryRow.user(3, "bsmith", "bob.smith@uni.example.edu", "Bob Smith")))));

        assertEquals(1, synced.membersRegrouped());
        assertEquals(Set.of(new MemberChange.GrantRole(STAFF)), changesIn(world.deliver(), LECTURES));
    }

    @Test
    void unlinkingRemovesTheMappedRolesToo() {
        world.gatehouse.administration().link(new LinkMemberCommand(LECTURES, ALICE.id(), "jdoe42", ADMIN));
        world.deliver();

        world.gatehouse.administration().unlink(new UnlinkCommand(LECTURES, ALICE.id(), ADMIN));

        Set<MemberChange> revoked = changesIn(world.deliver(), LECTURES);
        assertTrue(revoked.containsAll(Set.of(new MemberChange.RevokeRole(LECTURES_ROLE), new MemberChange.RevokeRole(STUDENT),
                new MemberChange.RevokeRole(STAFF))), revoked::toString);
    }
}
