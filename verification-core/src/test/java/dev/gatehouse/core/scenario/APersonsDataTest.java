package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.LECTURES_ROLE;
import static dev.gatehouse.core.scenario.World.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.event.MemberRemoved;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.ManagePersonalData.ByAdmin;
import dev.gatehouse.core.port.in.ManagePersonalData.ByMemberThemselves;
import dev.gatehouse.core.port.in.ManagePersonalData.ByOperator;
import dev.gatehouse.core.port.in.ManagePersonalData.DirectoryUserSubject;
import dev.gatehouse.core.port.in.ManagePersonalData.DiscordAccountSubject;
import dev.gatehouse.core.port.in.ManagePersonalData.NothingHeld;
import dev.gatehouse.core.port.in.ManagePersonalData.PersonErased;
import dev.gatehouse.core.port.in.ManagePersonalData.PersonExport;
import dev.gatehouse.core.port.in.ManagePersonalData.UnknownTenant;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class APersonsDataTest {
    private static final DiscordUserId ADMIN = new DiscordUserId(4242);

    private final World world = new World();

    private void aliceVerifiesAsJane() {
        world.verify(ALICE, LECTURES, "jdoe42");
        assertInstanceOf(Confirmed.class, world.gatehouse.reviewVerification().confirm(link(world.lastToken())));
        world.deliver();
    }

    private static boolean names(String text) {
        return text.contains("jdoe42") || text.contains("jane.doe@uni.example.edu") || text.contains("Jane Doe")
                || text.contains(ALICE.id().toString()) || text.contains("alice");
    }

    @Test
    void theOperatorExportsEverythingHeldAboutADirectoryUserWithTheirLinkedAccount() {
        aliceVerifiesAsJane();

        PersonExport export = assertInstanceOf(PersonExport.class, world.gatehouse.personalData()
                .export(new ByOperator(CS101, new DirectoryUserSubject("JDoe42"))));

        assertEquals("Jane Doe", export.user().orElseThrow().name().value());
        assertEquals(ALICE.id(), export.link().orElseThrow().discordUser());
        assertEquals(1, export.held().sessions().size());
        assertFalse(export.held().auditEntries().isEmpty());
        assertEquals("person.exported", world.stores.audit().recent(CS101, 1).get(0).action());
    }

    @Test
    void anAdminExportsADiscordAccountsDataInTheirServersTenant() {
        aliceVerifiesAsJane();

        PersonExport export = assertInstanceOf(PersonExport.class, world.gatehouse.personalData()
                .export(new ByAdmin(LECTURES, new DiscordAccountSubject(ALICE.id()), ADMIN)));

        assertEquals(new DirectoryUserId("jdoe42"), export.link().orElseThrow().directoryUser());
    }

    @Test
    void erasingADirectoryUserLeavesNothingNamingThemButKeepsEveryAuditEntry() {
        aliceVerifiesAsJane();
        List<AuditEntry> before = world.stores.audit().recent(CS101, 1000);
        assertTrue(before.stream().anyMatch(e -> names(e.detail())), "the audit named her before");

        PersonErased erased = assertInstanceOf(PersonErased.class, world.gatehouse.personalData()
                .erase(new ByOperator(CS101, new DirectoryUserSubject("jdoe42"))));

        assertTrue(erased.directoryUserRemoved());
        assertEquals(ALICE.id(), erased.endedLink().orElseThrow().discordUser());
        assertTrue(world.stores.directory().find(CS101, new DirectoryUserId("jdoe42")).isEmpty());
        assertTrue(world.stores.links().findByDiscordUser(CS101, ALICE.id()).isEmpty());
        assertEquals(MemberStatus.UNVERIFIED, world.stores.membershipIndex().statusOf(CS101, ALICE.id()));
        List<AuditEntry> after = world.stores.audit().recent(CS101, 1000);
        assertEquals(before.size() + 1, after.size(), "every entry kept, one added for the erasure");
        assertTrue(after.stream().noneMatch(e -> names(e.detail())), after.toString());
        assertTrue(after.get(0).detail().contains(erased.pseudonym()));
        assertInstanceOf(NothingHeld.class, world.gatehouse.personalData().export(new ByOperator(CS101, new DirectoryUserSubject("jdoe42"))));
        assertTrue(world.events.stream().anyMatch(e -> e instanceof MemberRemoved));
    }

    @Test
    void erasureQueuesTheRoleRemovalInEveryServerAndTheOutboxThenHoldsNothingOfThem() {
        aliceVerifiesAsJane();

        world.gatehouse.personalData().erase(new ByOperator(CS101, new DirectoryUserSubject("jdoe42")));

        assertTrue(world.deliver().stream().anyMatch(u -> u.guild().equals(LECTURES) && u.change().equals(new MemberChange.RevokeRole(LECTURES_ROLE))));
        assertEquals(0, world.stores.memberUpdates().depth(World.START).pending());
    }

    @Test
    void aMemberErasesTheirOwnAccountsDataAndTheOrganisationsDirectoryRowStays() {
        aliceVerifiesAsJane();

        PersonErased erased = assertInstanceOf(PersonErased.class, world.gatehouse.personalData()
                .erase(new ByMemberThemselves(LECTURES, ALICE.id())));

        assertFalse(erased.directoryUserRemoved());
        assertTrue(world.stores.directory().find(CS101, new DirectoryUserId("jdoe42")).isPresent());
        assertTrue(world.stores.links().findByDiscordUser(CS101, ALICE.id()).isEmpty());
        assertTrue(world.stores.audit().recent(CS101, 1000).stream()
                .noneMatch(e -> e.detail().contains(ALICE.id().toString()) || e.detail().contains("alice")));
    }

    @Test
    void nobodyKnownIsNothingHeldAndBadRequestsChangeNothing() {
        assertInstanceOf(NothingHeld.class, world.gatehouse.personalData().erase(new ByOperator(CS101, new DirectoryUserSubject("nobody"))));
        assertInstanceOf(NothingHeld.class, world.gatehouse.personalData().erase(new ByMemberThemselves(LECTURES, ALICE.id())));
        assertInstanceOf(InvalidUserId.class, world.gatehouse.personalData().erase(new ByOperator(CS101, new DirectoryUserSubject("two words"))));
        assertInstanceOf(UnknownTenant.class, world.gatehouse.personalData().export(new ByOperator(new TenantId("nope"),
                new DirectoryUserSubject("jdoe42"))));
        assertInstanceOf(GuildNotSetUp.class, world.gatehouse.personalData().export(new ByAdmin(new GuildId(77),
                new DiscordAccountSubject(ALICE.id()), ADMIN)));
        assertTrue(world.stores.directory().find(CS101, new DirectoryUserId("jdoe42")).isPresent());
    }
}
