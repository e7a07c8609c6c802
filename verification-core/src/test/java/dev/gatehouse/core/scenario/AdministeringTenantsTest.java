package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.OFFICE_HOURS;
import static dev.gatehouse.core.scenario.World.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.TenantChange;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerTenants;
import dev.gatehouse.core.port.in.AdministerTenants.ChangeRefused;
import dev.gatehouse.core.port.in.AdministerTenants.ChangeTenant;
import dev.gatehouse.core.port.in.AdministerTenants.CreateTenant;
import dev.gatehouse.core.port.in.AdministerTenants.TenantChanged;
import dev.gatehouse.core.port.in.AdministerTenants.TenantCreated;
import dev.gatehouse.core.port.in.AdministerTenants.TenantDeleted;
import dev.gatehouse.core.port.in.AdministerTenants.TenantExists;
import dev.gatehouse.core.port.in.AdministerTenants.TenantList;
import dev.gatehouse.core.port.in.AdministerTenants.TenantNotFound;
import dev.gatehouse.core.port.in.AdministerTenants.TenantOverview;
import dev.gatehouse.core.port.in.AdministerTenants.TenantStillBound;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdministeringTenantsTest {
    private static final TenantId ACME = new TenantId("acme");

    private final World world = new World();
    private final AdministerTenants tenants = world.gatehouse.tenants();

    private List<AuditEntry> audit(TenantId tenant) {
        return world.stores.audit().recent(tenant, 10);
    }

    private TenantSettings settingsOf(TenantId tenant) {
        return assertInstanceOf(TenantOverview.class, tenants.describe(tenant)).settings();
    }

    @Test
    void aNewTenantStartsFromTheDefaultsWithTheGivenChangesAndTheCreationIsAudited() {
        TenantCreated created = assertInstanceOf(TenantCreated.class, tenants.create(new CreateTenant(ACME, "Acme Staff",
                List.of(new TenantChange.LinkLifetime(Duration.ofMinutes(10)), new TenantChange.Relinking(RelinkPolicy.ALLOW_SELF_SERVICE)))));

        TenantSettings expected = TenantSettings.defaults(ACME, "Acme Staff")
                .withSessionLifetime(Duration.ofMinutes(10)).withRelinkPolicy(RelinkPolicy.ALLOW_SELF_SERVICE);
        assertEquals(expected, created.settings());
        assertEquals(expected, settingsOf(ACME));
        assertEquals(List.of(ACME, CS101), assertInstanceOf(TenantList.class, tenants.list()).tenants().stream().map(TenantSettings::id).toList());
        assertEquals("tenant.created", audit(ACME).get(0).action());
    }

    @Test
    void creatingATenantThatExistsChangesNothing() {
        TenantSettings before = settingsOf(CS101);

        TenantExists exists = assertInstanceOf(TenantExists.class,
                tenants.create(new CreateTenant(CS101, "Another CS 101", List.of(new TenantChange.LinkLifetime(Duration.ofMinutes(5))))));

        assertEquals(before, exists.existing());
        assertEquals(before, settingsOf(CS101));
        assertTrue(audit(CS101).stream().noneMatch(e -> e.action().startsWith("tenant.")));
    }

    @Test
    void aValueTheSettingsRefuseChangesNothingAtAll() {
        TenantSettings before = settingsOf(CS101);

        ChangeRefused refused = assertInstanceOf(ChangeRefused.class, tenants.change(new ChangeTenant(CS101,
                List.of(new TenantChange.Rename("CS 101 (Autumn)"), new TenantChange.LinkLifetime(Duration.ofHours(25))))));

        assertTrue(refused.reason().contains("24 hours"), refused.reason());
        assertEquals(before, settingsOf(CS101), "the rename before the refused value is not applied either");
        assertTrue(audit(CS101).stream().noneMatch(e -> e.action().equals("tenant.changed")));
        assertInstanceOf(ChangeRefused.class, tenants.create(new CreateTenant(ACME, "Acme Staff",
                List.of(new TenantChange.LinkLifetime(Duration.ofSeconds(10))))));
        assertInstanceOf(TenantNotFound.class, tenants.describe(ACME));
    }

    @Test
    void aChangeIsAuditedAsTenantChangedWithoutRevealingASecret() {
        String secret = "a-hand-off-secret-of-at-least-32-characters";
        TenantChanged changed = assertInstanceOf(TenantChanged.class, tenants.change(new ChangeTenant(CS101, List.of(
                new TenantChange.Rename("CS 101 (Autumn)"),
                new TenantChange.HandoffMethod(Optional.of(URI.create("https://members.example.edu/verify")),
                        Optional.of(new HandoffSecret(secret)), Optional.empty())))));

        assertEquals("CS 101", changed.before().displayName());
        assertEquals("CS 101 (Autumn)", changed.after().displayName());
        assertEquals(changed.after(), settingsOf(CS101));
        AuditEntry entry = audit(CS101).get(0);
        assertEquals("tenant.changed", entry.action());
        assertTrue(entry.detail().contains("CS 101 (Autumn)"), entry.detail());
        assertFalse(entry.detail().contains(secret), entry.detail());
    }

    @Test
    void aChangeThatChangesNothingIsNotAudited() {
        int entries = audit(CS101).size();

        assertInstanceOf(TenantChanged.class, tenants.change(new ChangeTenant(CS101, List.of(new TenantChange.Rename("CS 101")))));

        assertEquals(entries, audit(CS101).size());
    }

    @Test
    void aTenantWithBoundServersIsNotDeletedAndItsMembersStayVerified() {
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));

        TenantStillBound refused = assertInstanceOf(TenantStillBound.class, tenants.delete(CS101));

        assertEquals(List.of(LECTURES, OFFICE_HOURS), refused.servers());
        TenantOverview overview = assertInstanceOf(TenantOverview.class, tenants.describe(CS101));
        assertEquals(2, overview.directoryUsers());
        assertEquals(1, overview.linkedMembers());
        assertEquals(MemberStatus.VERIFIED, world.stores.membershipIndex().statusOf(CS101, ALICE.id()));
        assertTrue(audit(CS101).stream().noneMatch(e -> e.action().equals("tenant.deleted")));
    }

    @Test
    void aTenantWithoutServersIsDeletedWithItsDirectoryAndTheDeletionStaysInItsAudit() {
        tenants.create(new CreateTenant(ACME, "Acme Staff", List.of()));
        world.addUser(ACME, "jdoe42", "john.doe@acme.example.com", "John Doe");

        assertEquals(new TenantDeleted(ACME, 1, 0), tenants.delete(ACME));

        assertInstanceOf(TenantNotFound.class, tenants.describe(ACME));
        assertEquals(List.of(CS101), assertInstanceOf(TenantList.class, tenants.list()).tenants().stream().map(TenantSettings::id).toList());
        List<AuditEntry> audit = audit(ACME);
        assertEquals(List.of("tenant.deleted", "tenant.created"), audit.stream().map(AuditEntry::action).toList());
        assertTrue(audit.get(0).detail().contains("1 directory users"), audit.get(0).detail());
        assertEquals(new TenantNotFound(ACME), tenants.delete(ACME));
    }
}
