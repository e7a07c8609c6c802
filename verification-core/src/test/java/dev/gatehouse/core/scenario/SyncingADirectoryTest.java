package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.LECTURES_ROLE;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.event.MemberRemoved;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.AdministerGuild.LinkMemberCommand;
import dev.gatehouse.core.port.in.AdministerGuild.Linked;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.ImportDirectory;
import dev.gatehouse.core.port.in.ImportDirectory.DirectorySynced;
import dev.gatehouse.core.port.in.ImportDirectory.NoSuchDirectoryUser;
import dev.gatehouse.core.port.in.ImportDirectory.RemoveByAdmin;
import dev.gatehouse.core.port.in.ImportDirectory.RemoveByOperator;
import dev.gatehouse.core.port.in.ImportDirectory.RowRejected;
import dev.gatehouse.core.port.in.ImportDirectory.SyncCommand;
import dev.gatehouse.core.port.in.ImportDirectory.SyncResult;
import dev.gatehouse.core.port.in.ImportDirectory.TooManyRemovals;
import dev.gatehouse.core.port.in.ImportDirectory.UserRemoved;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SyncingADirectoryTest {
    private static final DiscordUserId ADMIN = new DiscordUserId(4242);

    private final World world = new World();

    private void aliceIsVerifiedAsJane() {
        assertInstanceOf(Linked.class, world.gatehouse.administration().link(new LinkMemberCommand(LECTURES, ALICE.id(), "jdoe42", ADMIN)));
        world.deliver();
    }

    private SyncResult sync(int percent, boolean allowMass, boolean dryRun, DirectoryRow... rows) {
        return world.gatehouse.importDirectory().syncRows(new SyncCommand(CS101, Stream.of(rows),
                ImportDirectory.ImportProgress.none(), percent, allowMass, dryRun));
    }

    private static DirectoryRow bob(long line) {
        return DirectoryRow.user(line, "bsmith", "bob.smith@uni.example.edu", "Bob Smith");
    }

    private Set<String> changesOf(List<MemberUpdate> updates) {
        return updates.stream().map(u -> u.guild().value() + ":" + u.member().value() + ":" + u.change()).collect(Collectors.toSet());
    }

    @Test
    void aSyncWithoutAVerifiedPersonEndsTheirLinkAndRevokesTheirRoleAndNicknameInEveryServer() {
        aliceIsVerifiedAsJane();

        SyncResult result = sync(100, false, false, bob(2));

        DirectorySynced synced = assertInstanceOf(DirectorySynced.class, result);
        assertEquals(new ImportCounts(0, 0, 1, 0, 0), synced.counts());
        assertEquals(List.of(new DirectoryUserId("jdoe42")), synced.removedUsers());
        assertEquals(ALICE.id(), synced.endedLinks().get(0).discordUser());
        assertTrue(world.stores.directory().find(CS101, new DirectoryUserId("jdoe42")).isEmpty());
        assertTrue(world.stores.links().findByDiscordUser(CS101, ALICE.id()).isEmpty());
        assertEquals(MemberStatus.UNVERIFIED, world.stores.membershipIndex().statusOf(CS101, ALICE.id()));
        assertEquals(Set.of(
                LECTURES.value() + ":" + ALICE.id().value() + ":" + new MemberChange.RevokeRole(LECTURES_ROLE),
                LECTURES.value() + ":" + ALICE.id().value() + ":" + new MemberChange.ResetNickname(),
                OFFICE_HOURS.value() + ":" + ALICE.id().value() + ":" + new MemberChange.RevokeRole(OFFICE_HOURS_ROLE),
                OFFICE_HOURS.value() + ":" + ALICE.id().value() + ":" + new MemberChange.ResetNickname()), changesOf(world.deliver()));
        assertTrue(world.events.stream().anyMatch(e -> e instanceof MemberRemoved r && r.user().value().equals("jdoe42")
                && r.link().isPresent()));
        List<String> actions = world.stores.audit().recent(CS101, 3).stream().map(a -> a.action()).toList();
        assertEquals(List.of("directory.synced", "link.ended"), actions.subList(0, 2));
    }

    @Test
    void aDryRunTellsWhatWouldChangeAndChangesNothing() {
        aliceIsVerifiedAsJane();
        int auditBefore = world.stores.audit().recent(CS101, 100).size();

        DirectorySynced synced = assertInstanceOf(DirectorySynced.class, sync(100, false, true, bob(2),
                DirectoryRow.user(3, "new1", "new1@uni.example.edu", "New One")));

        assertTrue(synced.dryRun());
        assertEquals(new ImportCounts(1, 0, 1, 0, 0), synced.counts());
        assertEquals(1, synced.endedLinks().size());
        assertTrue(world.stores.directory().find(CS101, new DirectoryUserId("jdoe42")).isPresent());
        assertTrue(world.stores.directory().find(CS101, new DirectoryUserId("new1")).isEmpty());
        assertTrue(world.stores.links().findByDiscordUser(CS101, ALICE.id()).isPresent());
        assertEquals(List.of(), world.deliver());
        assertEquals(auditBefore, world.stores.audit().recent(CS101, 100).size());
        assertTrue(world.events.stream().noneMatch(MemberRemoved.class::isInstance));
    }

    @Test
    void aSyncRemovingMoreThanTheLimitIsRefusedUnlessMassRemovalIsAllowed() {
        IntStream.range(0, 18).forEach(i -> world.addUser(CS101, "u" + i, "u" + i + "@uni.example.edu", "U " + i));
        DirectoryRow[] keepAllButTwo = IntStream.range(0, 18).mapToObj(i -> DirectoryRow.user(i + 2, "u" + i,
                "u" + i + "@uni.example.edu", "U " + i)).toArray(DirectoryRow[]::new);

        assertEquals(new TooManyRemovals(CS101, 2, 20, 5), sync(5, false, false, keepAllButTwo));
        assertTrue(world.stores.directory().find(CS101, new DirectoryUserId("jdoe42")).isPresent());

        assertInstanceOf(DirectorySynced.class, sync(10, false, false, keepAllButTwo), "2 of 20 is within 10 %");
        assertEquals(18, world.stores.directory().count(CS101));
    }

    @Test
    void massRemovalMayBeAllowed() {
        DirectorySynced synced = assertInstanceOf(DirectorySynced.class, sync(10, true, false));

        assertEquals(2, synced.removedUsers().size());
        assertEquals(0, world.stores.directory().count(CS101));
    }

    @Test
    void aSyncLinkRowMustNameAUserOfTheFile() {
        RowRejected rejected = assertInstanceOf(RowRejected.class, sync(100, false, false, bob(2), DirectoryRow.link(3, "9001", "jdoe42")));

        assertEquals(3, rejected.line());
        assertTrue(world.stores.directory().find(CS101, new DirectoryUserId("jdoe42")).isPresent());
    }

    @Test
    void anOperatorRemovesOnePersonAndTheirAccessEnds() {
        aliceIsVerifiedAsJane();

        UserRemoved removed = assertInstanceOf(UserRemoved.class,
                world.gatehouse.importDirectory().removeUser(new RemoveByOperator(CS101, "JDOE42")));

        assertEquals("jdoe42", removed.user().id().value());
        assertEquals(ALICE.id(), removed.link().orElseThrow().discordUser());
        assertEquals(4, world.deliver().size());
        assertEquals("directory.user_removed", world.stores.audit().recent(CS101, 1).get(0).action());
        assertTrue(world.events.stream().anyMatch(MemberRemoved.class::isInstance));
        assertEquals(new NoSuchDirectoryUser("jdoe42"), world.gatehouse.importDirectory().removeUser(new RemoveByOperator(CS101, "jdoe42")));
    }

    @Test
    void anAdminRemovesFromTheServersTenant() {
        assertInstanceOf(UserRemoved.class, world.gatehouse.importDirectory().removeUser(new RemoveByAdmin(OFFICE_HOURS, "bsmith", ADMIN)));
        assertTrue(world.stores.directory().find(CS101, new DirectoryUserId("bsmith")).isEmpty());
        assertTrue(world.stores.audit().recent(CS101, 1).get(0).detail().contains("admin " + ADMIN));
        assertInstanceOf(GuildNotSetUp.class, world.gatehouse.importDirectory().removeUser(new RemoveByAdmin(new GuildId(77), "bsmith", ADMIN)));
        assertInstanceOf(ImportDirectory.TenantNotFound.class,
                world.gatehouse.importDirectory().removeUser(new RemoveByOperator(new TenantId("nope"), "bsmith")));
    }
}
