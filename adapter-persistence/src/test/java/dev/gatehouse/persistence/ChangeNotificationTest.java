package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.KickPolicy;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.Transactions.Decision;
import dev.gatehouse.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances on one database: what one commits, the other's in-memory views follow. */
class ChangeNotificationTest {
    private static final TenantId TENANT = new TenantId("notify");
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static TestDatabase db;
    private static PostgresStores first;
    private static PostgresStores second;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        first = db.startContext().getBean(PostgresStores.class);
        second = db.startContext().getBean(PostgresStores.class);
        first.stores().tenants().save(TenantSettings.defaults(TENANT, "Notify test"));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aLinkMadeOnOneInstanceVerifiesTheMemberOnTheOtherAndAnUnlinkRevertsIt() {
        Stores a = first.stores();
        Stores b = second.stores();
        DiscordUserId member = new DiscordUserId(123456789012345678L);
        assertEquals(MemberStatus.UNVERIFIED, b.membershipIndex().statusOf(TENANT, member));

        a.transactions().inTransaction(() -> a.links().insert(
                new Link(TENANT, member, new DirectoryUserId("jsmith"), Instant.parse("2025-01-01T00:00:00Z"), LinkOrigin.EMAIL)));

        assertEquals(MemberStatus.VERIFIED, a.membershipIndex().statusOf(TENANT, member));
        awaitTrue(() -> b.membershipIndex().statusOf(TENANT, member) == MemberStatus.VERIFIED, "link seen by the second instance");

        a.links().remove(TENANT, member);

        assertEquals(MemberStatus.UNVERIFIED, a.membershipIndex().statusOf(TENANT, member));
        awaitTrue(() -> b.membershipIndex().statusOf(TENANT, member) == MemberStatus.UNVERIFIED, "unlink seen by the second instance");
    }

    @Test
    void aTenantChangedOnOneInstanceOrInPlainSqlIsSeenByTheOther() throws SQLException {
        TenantId tenant = new TenantId("notify-tenant");
        TenantSettings original = TenantSettings.defaults(tenant, "Before");
        first.stores().tenants().save(original);
        assertEquals(Optional.of(original), second.stores().tenants().find(tenant));

        TenantSettings renamed = original.withDisplayName("After").withSessionLifetime(Duration.ofMinutes(7));
        first.stores().tenants().save(renamed);
        assertEquals(Optional.of(renamed), first.stores().tenants().find(tenant));
        awaitTrue(() -> second.stores().tenants().find(tenant).equals(Optional.of(renamed)), "new settings seen by the second instance");

        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE tenants SET display_name = 'By hand' WHERE tenant_id = 'notify-tenant'");
        }
        awaitTrue(() -> first.stores().tenants().find(tenant).map(TenantSettings::displayName).equals(Optional.of("By hand")),
                "a change in plain SQL seen by the first instance");
        awaitTrue(() -> second.stores().tenants().find(tenant).map(TenantSettings::displayName).equals(Optional.of("By hand")),
                "a change in plain SQL seen by the second instance");
    }

    @Test
    void aRolledBackTenantChangeIsSeenOnlyInsideItsTransactionAndNeverCached() {
        Stores a = first.stores();
        TenantId tenant = new TenantId("notify-rollback");
        TenantSettings kept = TenantSettings.defaults(tenant, "Kept");
        a.tenants().save(kept);
        assertEquals(Optional.of(kept), a.tenants().find(tenant));

        Optional<TenantSettings> inside = a.transactions().decide(() -> {
            a.tenants().save(kept.withDisplayName("Rolled back"));
            return Decision.rollBack(a.tenants().find(tenant));
        });

        assertEquals(Optional.of("Rolled back"), inside.map(TenantSettings::displayName));
        assertEquals(Optional.of(kept), a.tenants().find(tenant));
        assertEquals(Optional.of(kept), second.stores().tenants().find(tenant));
    }

    @Test
    void aRolledBackLinkNeverVerifiesAnyone() {
        Stores a = first.stores();
        DiscordUserId member = new DiscordUserId(99);
        try {
            a.transactions().inTransaction(() -> {
                a.links().insert(new Link(TENANT, member, new DirectoryUserId("rollback"), Instant.parse("2025-01-01T00:00:00Z"), LinkOrigin.EMAIL));
                throw new IllegalStateException("abandon");
            });
        } catch (IllegalStateException expected) {
            // the transaction was abandoned on purpose
        }
        assertEquals(MemberStatus.UNVERIFIED, a.membershipIndex().statusOf(TENANT, member));
        assertEquals(Optional.empty(), a.links().findByDiscordUser(TENANT, member));
    }

    @Test
    void aGuildSavedOnOneInstanceIsFoundOnTheOther() {
        GuildId guild = new GuildId(777);
        GuildSettings settings = GuildSettings.boundTo(guild, TENANT).withVerifiedRole(new RoleId(888)).withGateMessages(true);

        first.stores().guilds().save(settings);

        assertEquals(Optional.of(settings), first.stores().guilds().find(guild));
        awaitTrue(() -> second.stores().guilds().find(guild).equals(Optional.of(settings)), "guild seen by the second instance");

        GuildSettings changed = settings.withGateMessages(false);
        second.stores().guilds().save(changed);
        awaitTrue(() -> first.stores().guilds().find(guild).equals(Optional.of(changed)), "change seen by the first instance");
    }

    @Test
    void switchingAServerOffOrGivingItAQuestionOnOneInstanceReachesTheOther() {
        GuildId guild = new GuildId(778);
        GuildSettings settings = GuildSettings.boundTo(guild, TENANT);
        first.stores().guilds().save(settings);
        awaitTrue(() -> second.stores().guilds().find(guild).equals(Optional.of(settings)), "guild seen by the second instance");

        GuildSettings off = settings.withEnabled(false).withVerifyOnJoin(true).withKickPolicy(KickPolicy.after(3))
                .withQuestion(Optional.of(new VerificationQuestion("Room number?", List.of("B12", "b 12"))));
        first.stores().guilds().save(off);

        awaitTrue(() -> second.stores().guilds().find(guild).equals(Optional.of(off)), "switches and question seen by the second instance");
    }

    @Test
    void aGuildRemovedOnOneInstanceIsGoneOnTheOtherAndCanBeBoundAgainThere() {
        GuildId guild = new GuildId(779);
        GuildSettings settings = GuildSettings.boundTo(guild, TENANT).withVerifiedRole(new RoleId(889));
        first.stores().guilds().save(settings);
        awaitTrue(() -> second.stores().guilds().find(guild).equals(Optional.of(settings)), "guild seen by the second instance");

        assertEquals(Optional.of(settings), first.stores().guilds().remove(guild));

        assertEquals(Optional.empty(), first.stores().guilds().find(guild));
        awaitTrue(() -> second.stores().guilds().find(guild).isEmpty(), "removal seen by the second instance");
        assertTrue(second.stores().guilds().ofTenant(TENANT).stream().noneMatch(g -> g.guild().equals(guild)));

        GuildSettings again = settings.withGateMessages(true);
        second.stores().guilds().save(again);
        awaitTrue(() -> first.stores().guilds().find(guild).equals(Optional.of(again)), "new binding seen by the first instance");
    }

    @Test
    void aGuildDeletedWithoutTheAdapterIsDroppedFromBothCachesOnTheNextNotification() throws SQLException {
        GuildId guild = new GuildId(780);
        first.stores().guilds().save(GuildSettings.boundTo(guild, TENANT));
        awaitTrue(() -> second.stores().guilds().find(guild).isPresent(), "guild seen by the second instance");

        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM guilds WHERE guild_id = 780");
            s.execute("NOTIFY gatehouse_guilds, '780'");
        }

        awaitTrue(() -> first.stores().guilds().find(guild).isEmpty(), "deletion seen by the first instance");
        awaitTrue(() -> second.stores().guilds().find(guild).isEmpty(), "deletion seen by the second instance");
    }

    @Test
    void aDeletedTenantsMembersAreUnverifiedOnBothInstancesAlsoOnceTheTenantIsCreatedAgain() {
        TenantId doomed = new TenantId("notify-doomed");
        DiscordUserId member = new DiscordUserId(555);
        DiscordUserId newcomer = new DiscordUserId(556);
        Stores a = first.stores();
        Stores b = second.stores();
        a.tenants().save(TenantSettings.defaults(doomed, "Deleted soon"));
        a.transactions().inTransaction(() -> a.links().insert(
                new Link(doomed, member, new DirectoryUserId("jsmith"), Instant.parse("2025-01-01T00:00:00Z"), LinkOrigin.EMAIL)));
        awaitTrue(() -> b.membershipIndex().statusOf(doomed, member) == MemberStatus.VERIFIED, "link seen by the second instance");

        assertEquals(1, a.tenants().delete(doomed).orElseThrow().links());

        assertEquals(MemberStatus.UNVERIFIED, a.membershipIndex().statusOf(doomed, member));
        awaitTrue(() -> b.membershipIndex().statusOf(doomed, member) == MemberStatus.UNVERIFIED, "deletion seen by the second instance");

        b.tenants().save(TenantSettings.defaults(doomed, "Created again"));
        b.transactions().inTransaction(() -> b.links().insert(
                new Link(doomed, newcomer, new DirectoryUserId("jsmith"), Instant.parse("2025-02-01T00:00:00Z"), LinkOrigin.EMAIL)));
        awaitTrue(() -> a.membershipIndex().statusOf(doomed, newcomer) == MemberStatus.VERIFIED, "new tenant's link seen by the first instance");
        assertEquals(MemberStatus.UNVERIFIED, a.membershipIndex().statusOf(doomed, member));
        assertEquals(MemberStatus.UNVERIFIED, b.membershipIndex().statusOf(doomed, member));
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
