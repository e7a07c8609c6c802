package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.PersonalData.Erased;
import dev.gatehouse.core.port.out.PersonalData.Held;
import dev.gatehouse.core.port.out.PersonalData.Person;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Contract of {@code PersonalData}. */
public abstract class PersonalDataContract extends StoreContract {
    private static final long JANE_ACCOUNT = 4242;
    private static final Person JANE = new Person(Optional.of(new DirectoryUserId("jdoe")),
            Optional.of(new DiscordUserId(JANE_ACCOUNT)), List.of("jdoe", "jdoe@example.edu", "Jane Doe", "4242", "user4242"));

    private VerificationSession janesSession;
    private VerificationSession othersSessionForJane;

    private void janeAndOthers() {
        createTenants();
        stores.guilds().save(GuildSettings.boundTo(new GuildId(111), TENANT));
        janesSession = pendingSession(TENANT, JANE_ACCOUNT, "jdoe", T0);
        othersSessionForJane = pendingSession(TENANT, 77, "jdoe", T0.plusSeconds(5));
        stores.sessions().startReplacingPending(janesSession);
        stores.sessions().startReplacingPending(othersSessionForJane);
        stores.sessions().startReplacingPending(pendingSession(TENANT, 78, "bob", T0));
        stores.sessions().startReplacingPending(pendingSession(OTHER_TENANT, JANE_ACCOUNT, "jdoe", T0));
        stores.handoffs().startReplacingPending(new HandoffRequest(TENANT, new GuildId(111), "CS 101",
                new DiscordAccount(new DiscordUserId(JANE_ACCOUNT), "user4242"), randomHash(), T0, T0.plus(Duration.ofMinutes(30)),
                SessionState.PENDING));
        stores.wrongAnswers().record(new WrongAnswer(TENANT, new GuildId(111), new DiscordUserId(JANE_ACCOUNT), "blue", T0));
        stores.wrongAnswers().record(new WrongAnswer(TENANT, new GuildId(111), new DiscordUserId(78), "red", T0));
        stores.memberUpdates().enqueue(List.of(MemberUpdate.of(new GuildId(111), new DiscordUserId(JANE_ACCOUNT),
                new MemberChange.SetNickname("Jane Doe"), "Gatehouse: verified", T0)));
        stores.rateLimits().tryAcquire("verify:cs101:4242", List.of(RateRule.of(3, Duration.ofMinutes(15))), T0);
        stores.rateLimits().tryAcquire("mailbox:cs101:jdoe", List.of(RateRule.of(3, Duration.ofMinutes(15))), T0);
        stores.rateLimits().block("denied:cs101:77:jdoe", T0.plus(Duration.ofDays(1)));
        stores.rateLimits().tryAcquire("verify:acme:4242", List.of(RateRule.of(1, Duration.ofMinutes(15))), T0);
        stores.audit().record(new AuditEntry(TENANT, "verification.confirmed", "Discord user 4242 (user4242) linked to jdoe", T0));
        stores.audit().record(new AuditEntry(TENANT, "verification.requested", "bob asked", T0));
        stores.audit().record(new AuditEntry(OTHER_TENANT, "verification.confirmed", "Discord user 4242 linked to jdoe", T0));
    }

    @Test
    void findsThePersonsSessionsHandoffsWrongAnswersAndAuditEntriesInTheirTenantOnly() {
        janeAndOthers();

        Held held = stores.personalData().find(TENANT, JANE);

        assertEquals(List.of(janesSession.tokenHash(), othersSessionForJane.tokenHash()),
                held.sessions().stream().map(VerificationSession::tokenHash).toList());
        assertEquals(1, held.handoffs().size());
        assertEquals(List.of("blue"), held.wrongAnswers().stream().map(WrongAnswer::original).toList());
        assertEquals(List.of("Discord user 4242 (user4242) linked to jdoe"), held.auditEntries().stream().map(AuditEntry::detail).toList());
    }

    @Test
    void erasureDeletesTheRecordsAndPseudonymisesTheAuditKeepingEveryEntry() {
        janeAndOthers();

        Erased erased = stores.transactions().inTransaction(() -> stores.personalData().erase(TENANT, JANE, "erased-1"));

        assertEquals(new Erased(2, 1, 1, 1, 3, 1), erased);
        Held after = stores.personalData().find(TENANT, JANE);
        assertTrue(after.sessions().isEmpty() && after.handoffs().isEmpty() && after.wrongAnswers().isEmpty()
                && after.auditEntries().isEmpty(), after.toString());
        assertEquals(List.of("bob asked", "Discord user erased-1 (erased-1) linked to erased-1"),
                stores.audit().recent(TENANT, 10).stream().map(AuditEntry::detail).toList());
        assertEquals(0, stores.memberUpdates().depth(T0).pending());
        assertEquals(List.of("red"), stores.wrongAnswers().top(TENANT, 10).stream().flatMap(g -> g.spellings().stream()).toList());
        assertTrue(stores.rateLimits().tryAcquire("verify:cs101:4242", List.of(RateRule.of(1, Duration.ofMinutes(15))), T0)
                instanceof dev.gatehouse.core.port.out.RateLimitStore.Acquisition.Acquired, "the counter went");
        assertTrue(stores.rateLimits().blockedUntil("denied:cs101:77:jdoe", T0).isEmpty());
    }

    @Test
    void erasureLeavesOtherTenantsAndOtherPeopleAlone() {
        janeAndOthers();

        stores.transactions().inTransaction(() -> stores.personalData().erase(TENANT, JANE, "erased-1"));

        assertEquals(1, stores.personalData().find(OTHER_TENANT, JANE).sessions().size());
        assertEquals(List.of("Discord user 4242 linked to jdoe"),
                stores.audit().recent(OTHER_TENANT, 10).stream().map(AuditEntry::detail).toList());
        assertEquals(1, stores.personalData().find(TENANT, new Person(Optional.of(new DirectoryUserId("bob")), Optional.empty(),
                List.of("bob"))).sessions().size());
        assertTrue(stores.rateLimits().tryAcquire("verify:acme:4242", List.of(RateRule.of(1, Duration.ofMinutes(15))), T0)
                instanceof dev.gatehouse.core.port.out.RateLimitStore.Acquisition.Limited, "the other tenant's counter stays");
    }

    @Test
    void erasureRolledBackLeavesEverything() {
        janeAndOthers();

        try {
            stores.transactions().inTransaction(() -> {
                stores.personalData().erase(TENANT, JANE, "erased-1");
                throw new IllegalStateException("abort");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }

        assertEquals(2, stores.personalData().find(TENANT, JANE).sessions().size());
        assertEquals(1, stores.personalData().find(TENANT, JANE).auditEntries().size());
    }
}
