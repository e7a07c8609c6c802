package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.port.out.DirectoryImports.Applied;
import dev.gatehouse.core.port.out.DirectoryImports.GroupChange;
import dev.gatehouse.core.port.out.DirectoryImports.ImportOutcome;
import dev.gatehouse.core.port.out.DirectoryImports.Rejected;
import dev.gatehouse.core.port.out.DirectoryImports.SyncOutcome;
import dev.gatehouse.core.port.out.DirectoryImports.SyncRules;
import dev.gatehouse.core.port.out.DirectoryImports.Synced;
import dev.gatehouse.core.port.out.DirectoryImports.TooManyRemovals;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Contract of {@code DirectoryImports}: all or nothing, the checks in their order, the counts. */
public abstract class DirectoryImportsContract extends StoreContract {

    private ImportOutcome importRows(DirectoryRow... rows) {
        return stores.transactions().inTransaction(() -> stores.directoryImports().importRows(TENANT, List.of(rows).iterator(), T0));
    }

    private ImportCounts applied(DirectoryRow... rows) {
        ImportOutcome outcome = importRows(rows);
        return assertInstanceOf(Applied.class, outcome, () -> "expected an import, got " + outcome).counts();
    }

    private Rejected rejected(DirectoryRow... rows) {
        ImportOutcome outcome = importRows(rows);
        return assertInstanceOf(Rejected.class, outcome, () -> "expected a rejection, got " + outcome);
    }

    private static DirectoryRow user(long line, String id) {
        return DirectoryRow.user(line, id, id + "@example.org", "User " + id);
    }

    private static DirectoryRow link(long line, long discordUser, String id) {
        return DirectoryRow.link(line, Long.toString(discordUser), id);
    }

    private DirectoryUser stored(String id) {
        return stores.directory().find(TENANT, new DirectoryUserId(id)).orElseThrow();
    }

    @Test
    void newUsersAreAddedChangedOnesUpdatedInPlaceAndTheRestCounted() {
        createTenants();
        assertEquals(new ImportCounts(3, 0, 0, 0, 0), applied(user(2, "u1"), user(3, "u2"), user(4, "u3")));

        ImportCounts again = applied(user(2, "u1"), DirectoryRow.user(3, "U2", "two@example.org", "User u2"),
                DirectoryRow.user(4, "u3", "u3@example.org", "Three Renamed"), user(5, "u4"));

        assertEquals(new ImportCounts(1, 2, 1, 0, 0), again);
        assertEquals(4, stores.directory().count(TENANT));
        assertEquals("two@example.org", stored("u2").email().value());
        assertEquals("Three Renamed", stored("u3").name().value());
        assertEquals(0, stores.directory().count(OTHER_TENANT));
    }

    @Test
    void linksAreImportedOnceWithTheirOriginAndMakeTheMemberVerified() {
        createTenants();
        DirectoryRow[] file = {user(1, "s1001"), user(2, "s1002"), link(4, 80351110224678912L, "s1001"),
            link(5, 80351110224678913L, "S1002")};

        assertEquals(new ImportCounts(2, 0, 0, 2, 0), applied(file));

        Link link = stores.links().findByDiscordUser(TENANT, new DiscordUserId(80351110224678913L)).orElseThrow();
        assertEquals(new DirectoryUserId("s1002"), link.directoryUser());
        assertEquals(LinkOrigin.IMPORT, link.origin());
        assertEquals(T0, link.linkedAt());
        assertTrue(eventually(() -> stores.membershipIndex().statusOf(TENANT, new DiscordUserId(80351110224678912L)) == MemberStatus.VERIFIED));
        assertEquals(MemberStatus.UNVERIFIED, stores.membershipIndex().statusOf(TENANT, new DiscordUserId(80351110224678914L)));
        assertEquals(new ImportCounts(0, 0, 2, 0, 2), applied(file));
    }

    @Test
    void aLinkMayNameAUserAlreadyInTheDirectory() {
        createTenants();
        stores.directory().save(user(TENANT, "old", "Old User"));

        assertEquals(new ImportCounts(0, 0, 0, 1, 0), applied(link(2, 555, "old")));
    }

    @Test
    void anUnreadableRowRejectsTheFileAtItsLineAndNothingChanges() {
        createTenants();
        stores.directory().save(user(TENANT, "u1", "Old Name"));

        Rejected rejected = rejected(DirectoryRow.user(2, "u1", "new@example.org", "New Name"), user(3, "u2"),
                DirectoryRow.user(7, "u6", "not-an-email", "User Six"), user(8, "u7"));

        assertEquals(7, rejected.line());
        assertTrue(rejected.reason().contains("email"), rejected.reason());
        assertEquals(1, stores.directory().count(TENANT));
        assertEquals("Old Name", stored("u1").name().value());
    }

    @Test
    void aRepeatedUserIdIsRejectedAtItsSecondLineNamingTheFirst() {
        createTenants();
        Rejected rejected = rejected(user(2, "a"), user(3, "b"), DirectoryRow.user(4, " A ", "x@example.org", "X"), user(5, "b"));

        assertEquals(new Rejected(4, "user id 'a' appears again (first on line 2)"), rejected);
        assertEquals(0, stores.directory().count(TENANT));
    }

    @Test
    void repeatedLinksAreRejected() {
        createTenants();
        assertEquals(5, rejected(user(2, "a"), user(3, "b"), link(4, 555, "a"), link(5, 555, "b")).line());
        assertEquals(5, rejected(user(2, "a"), link(4, 555, "a"), link(5, 556, "a")).line());
        assertEquals(0, stores.directory().count(TENANT));
    }

    @Test
    void aLinkToAUserNeitherInTheFileNorInTheDirectoryIsRejected() {
        createTenants();
        Rejected rejected = rejected(user(2, "a"), link(4, 123, "nobody"));

        assertEquals(Rejected.unknownUser(4, "nobody"), rejected);
        assertEquals(0, stores.directory().count(TENANT));
    }

    @Test
    void anImportedLinkThatContradictsAnExistingOneRejectsTheFile() {
        createTenants();
        stores.directory().save(user(TENANT, "s1", "S One"));
        stores.links().insert(new Link(TENANT, new DiscordUserId(555), new DirectoryUserId("s1"), T0, LinkOrigin.EMAIL));

        assertEquals(Rejected.discordUserLinkedElsewhere(3, "555"), rejected(user(1, "s2"), link(3, 555, "s2")));
        assertEquals(Rejected.userLinkedElsewhere(4, "s1"), rejected(user(1, "s2"), link(4, 556, "s1")));
        assertEquals(Optional.empty(), stores.directory().find(TENANT, new DirectoryUserId("s2")));
        assertEquals(1, stores.links().count(TENANT));
    }

    @Test
    void rowsAreReadOnceInOrderAndNotPastAnUnreadableOne() {
        createTenants();
        List<Long> read = new ArrayList<>();
        List<DirectoryRow> rows = List.of(user(2, "a"), new DirectoryRow.Unreadable(3, "a quoted field is not closed"), user(4, "b"));

        stores.transactions().inTransaction(() -> stores.directoryImports().importRows(TENANT, rows.stream()
                .peek(row -> read.add(row.line())).iterator(), T0));

        assertEquals(List.of(2L, 3L), read);
    }

    @Test
    void aFileThatCanNotBeReadToTheEndChangesNothing() {
        createTenants();
        stores.directory().save(user(TENANT, "u1", "Old Name"));
        Iterator<DirectoryRow> failing = Stream.<DirectoryRow>concat(Stream.of(DirectoryRow.user(2, "u1", "u1@example.org", "New Name"),
                user(3, "u2")), Stream.generate(() -> {
                    throw new UncheckedIOException(new IOException("disk gone"));
                })).iterator();

        assertThrows(UncheckedIOException.class, () -> stores.transactions().inTransaction(() ->
                stores.directoryImports().importRows(TENANT, failing, T0)));

        assertEquals(1, stores.directory().count(TENANT));
        assertEquals("Old Name", stored("u1").name().value());
    }

    @Test
    void anEmptyFileChangesNothing() {
        createTenants();
        assertEquals(new ImportCounts(0, 0, 0, 0, 0), applied());
    }

    private SyncOutcome sync(SyncRules rules, DirectoryRow... rows) {
        return stores.transactions().inTransaction(() -> stores.directoryImports().syncRows(TENANT, List.of(rows).iterator(), T0, rules));
    }

    private void tenantWithLinkedUsers() {
        createTenants();
        applied(user(2, "keep"), user(3, "gone1"), user(4, "gone2"), link(5, 701, "gone1"), link(6, 702, "keep"));
        stores.directory().save(user(OTHER_TENANT, "gone1", "Other Tenant's"));
        assertTrue(eventually(() -> stores.membershipIndex().statusOf(TENANT, new DiscordUserId(701)) == MemberStatus.VERIFIED));
    }

    @Test
    void aSyncRemovesTheUsersMissingFromTheFileWithTheirLinksAndReportsThem() {
        tenantWithLinkedUsers();

        Synced synced = assertInstanceOf(Synced.class, sync(new SyncRules(100, false), user(2, "keep"), user(3, "new")));

        assertEquals(new ImportCounts(1, 0, 1, 0, 0), synced.counts());
        assertEquals(List.of(new DirectoryUserId("gone1"), new DirectoryUserId("gone2")),
                synced.removedUsers().stream().sorted(Comparator.comparing(DirectoryUserId::value)).toList());
        assertEquals(List.of(new DiscordUserId(701)), synced.endedLinks().stream().map(Link::discordUser).toList());
        assertEquals(2, stores.directory().count(TENANT));
        assertEquals(Optional.empty(), stores.directory().find(TENANT, new DirectoryUserId("gone1")));
        assertEquals(Optional.empty(), stores.links().findByDiscordUser(TENANT, new DiscordUserId(701)));
        assertTrue(stores.links().findByDiscordUser(TENANT, new DiscordUserId(702)).isPresent());
        assertTrue(eventually(() -> stores.membershipIndex().statusOf(TENANT, new DiscordUserId(701)) == MemberStatus.UNVERIFIED));
        assertTrue(stores.directory().find(OTHER_TENANT, new DirectoryUserId("gone1")).isPresent(), "other tenants are untouched");
    }

    @Test
    void aDryRunSyncAnswersTheSameAndWritesNothing() {
        tenantWithLinkedUsers();

        Synced synced = assertInstanceOf(Synced.class, sync(new SyncRules(100, true), user(2, "keep"), user(3, "new")));

        assertEquals(new ImportCounts(1, 0, 1, 0, 0), synced.counts());
        assertEquals(2, synced.removedUsers().size());
        assertEquals(1, synced.endedLinks().size());
        assertEquals(3, stores.directory().count(TENANT));
        assertEquals(2, stores.links().count(TENANT));
    }

    @Test
    void aSyncOverTheRemovalLimitIsRefusedAndWritesNothing() {
        tenantWithLinkedUsers();

        assertEquals(new TooManyRemovals(2, 3), sync(new SyncRules(50, false), user(2, "keep"), user(3, "new")));
        assertEquals(3, stores.directory().count(TENANT));
        assertEquals(Optional.empty(), stores.directory().find(TENANT, new DirectoryUserId("new")));
        assertInstanceOf(Synced.class, sync(new SyncRules(67, false), user(2, "keep"), user(3, "new")));
    }

    @Test
    void aSyncedLinkRowMustNameAUserOfTheFile() {
        tenantWithLinkedUsers();

        assertEquals(Rejected.unknownUser(3, "gone2"), sync(new SyncRules(100, false), user(2, "keep"), link(3, 703, "gone2")));
        assertEquals(3, stores.directory().count(TENANT));
    }

    @Test
    void aSyncOfAnUnreadableFileChangesNothing() {
        tenantWithLinkedUsers();

        assertEquals(7, assertInstanceOf(Rejected.class, sync(new SyncRules(100, false), user(2, "keep"),
                DirectoryRow.user(7, "x", "not-an-email", "X"))).line());
        assertEquals(3, stores.directory().count(TENANT));
    }

    private static DirectoryRow grouped(long line, String id, String groups) {
        return DirectoryRow.user(line, id, id + "@example.org", "User " + id, List.of(groups.split(";")));
    }

    @Test
    void groupsAreStoredAndALinkedPersonsChangedGroupsAreReported() {
        createTenants();
        ImportOutcome first = importRows(grouped(2, "p1", "student"), grouped(3, "p2", "student"), link(4, 801, "p1"));
        assertEquals(List.of(), assertInstanceOf(Applied.class, first).regrouped());
        assertEquals(GroupName.parseList("student"), stored("p1").groups());

        Applied applied = assertInstanceOf(Applied.class, importRows(grouped(2, "p1", "Staff;alumni"), grouped(3, "p2", "staff")));

        assertEquals(new ImportCounts(0, 2, 0, 0, 0), applied.counts());
        assertEquals(1, applied.regrouped().size(), "only the linked person is reported");
        GroupChange change = applied.regrouped().get(0);
        assertEquals(new DiscordUserId(801), change.link().discordUser());
        assertEquals(GroupName.parseList("student"), change.before());
        assertEquals(GroupName.parseList("alumni;staff"), change.after());
        assertEquals(GroupName.parseList("alumni;staff"), stored("p1").groups());
        assertEquals(new ImportCounts(0, 0, 2, 0, 0), applied(grouped(2, "p1", "alumni;staff"), grouped(3, "p2", "staff")));
    }

    @Test
    void aSyncReportsChangedGroupsAndADryRunKeepsThem() {
        createTenants();
        applied(grouped(2, "p1", "student"), link(3, 801, "p1"));

        Synced dry = assertInstanceOf(Synced.class, sync(new SyncRules(100, true), grouped(2, "p1", "staff")));
        assertEquals(1, dry.regrouped().size());
        assertEquals(GroupName.parseList("student"), stored("p1").groups());

        Synced synced = assertInstanceOf(Synced.class, sync(new SyncRules(100, false), grouped(2, "p1", "staff")));
        assertEquals(GroupName.parseList("staff"), synced.regrouped().get(0).after());
        assertEquals(GroupName.parseList("staff"), stored("p1").groups());
    }
}
