package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract of {@code Transactions}: all writes of a unit of work stay, or none does. Also covers {@code AuditLog}. */
public abstract class TransactionsContract extends StoreContract {

    private static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void workThatThrowsLeavesNothingBehindAndTheSameExceptionComesOut() {
        createTenants();
        VerificationSession session = pendingSession(TENANT, 1001, "jdoe42", T0);
        stores.sessions().startReplacingPending(session);
        Boom boom = new Boom();

        Boom thrown = assertThrows(Boom.class, () -> stores.transactions().inTransaction(() -> {
            stores.sessions().consume(session.tokenHash(), SessionState.CONFIRMED, T0);
            stores.links().insert(new Link(TENANT, new DiscordUserId(1001), new DirectoryUserId("jdoe42"), T0, LinkOrigin.EMAIL));
            stores.memberUpdates().enqueue(List.of(MemberUpdate.of(new GuildId(1), new DiscordUserId(1001),
                    new MemberChange.GrantRole(new RoleId(5)), "test", T0)));
            stores.audit().record(new AuditEntry(TENANT, "test", "rolled back", T0));
            throw boom;
        }));

        assertSame(boom, thrown);
        assertEquals(SessionState.PENDING, stores.sessions().findByTokenHash(session.tokenHash()).orElseThrow().state());
        assertTrue(stores.links().findByDiscordUser(TENANT, new DiscordUserId(1001)).isEmpty());
        assertEquals(List.of(), stores.memberUpdates().claim(Shard.ALL, 10, T0.plus(Duration.ofDays(1)), Duration.ofMinutes(1)));
        assertEquals(List.of(), stores.audit().recent(TENANT, 10));
    }

    @Test
    void workThatCompletesKeepsEveryWriteAndReturnsItsValue() {
        createTenants();
        VerificationSession session = pendingSession(TENANT, 1001, "jdoe42", T0);
        stores.sessions().startReplacingPending(session);

        String value = stores.transactions().inTransaction(() -> {
            stores.sessions().consume(session.tokenHash(), SessionState.CONFIRMED, T0);
            stores.links().insert(new Link(TENANT, new DiscordUserId(1001), new DirectoryUserId("jdoe42"), T0, LinkOrigin.EMAIL));
            stores.audit().record(new AuditEntry(TENANT, "verification.confirmed", "kept", T0));
            return "done";
        });

        assertEquals("done", value);
        assertEquals(SessionState.CONFIRMED, stores.sessions().findByTokenHash(session.tokenHash()).orElseThrow().state());
        assertTrue(stores.links().findByDiscordUser(TENANT, new DiscordUserId(1001)).isPresent());
        assertEquals(List.of(new AuditEntry(TENANT, "verification.confirmed", "kept", T0)), stores.audit().recent(TENANT, 10));
    }

    @Test
    void theAuditLogListsATenantsNewestEntriesFirst() {
        createTenants();
        stores.audit().record(new AuditEntry(TENANT, "a", "first", T0));
        stores.audit().record(new AuditEntry(OTHER_TENANT, "b", "elsewhere", T0.plusSeconds(1)));
        stores.audit().record(new AuditEntry(TENANT, "c", "second", T0.plusSeconds(2)));
        stores.audit().record(new AuditEntry(TENANT, "d", "third", T0.plusSeconds(3)));

        assertEquals(List.of("third", "second"), stores.audit().recent(TENANT, 2).stream().map(AuditEntry::detail).toList());
    }
}
