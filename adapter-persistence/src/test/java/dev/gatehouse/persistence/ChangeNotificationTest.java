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
import dev.gatehouse.persistence.testing.TestDatabase;
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
