package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.port.out.Sessions.Consumption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Contract of {@code Sessions}. */
public abstract class SessionsContract extends StoreContract {

    @Test
    void aStartedSessionIsFoundByItsTokenHash() {
        createTenants();
        VerificationSession session = pendingSession(TENANT, 1001, "jdoe42", T0);

        assertEquals(0, stores.sessions().startReplacingPending(session));

        assertEquals(Optional.of(session), stores.sessions().findByTokenHash(session.tokenHash()));
        assertEquals(Optional.empty(), stores.sessions().findByTokenHash(randomHash()));
    }

    @Test
    void theRequestersLanguageComesBackWithTheSessionAndAlsoWhenConsumed() {
        createTenants();
        VerificationSession p = pendingSession(TENANT, 1001, "jdoe42", T0);
        VerificationSession german = new VerificationSession(p.id(), p.tenant(), p.guild(), p.guildName(), p.requester(),
                p.directoryUser(), p.tokenHash(), p.createdAt(), p.expiresAt(), p.state(), Optional.of(java.util.Locale.forLanguageTag("pt-BR")));
        stores.sessions().startReplacingPending(german);

        assertEquals(Optional.of(german), stores.sessions().findByTokenHash(german.tokenHash()));
        Consumption consumed = stores.sessions().consume(german.tokenHash(), SessionState.CONFIRMED, T0.plusSeconds(1));
        assertEquals(Optional.of(java.util.Locale.forLanguageTag("pt-BR")),
                assertInstanceOf(Consumption.Consumed.class, consumed).session().language());
    }

    @Test
    void aNewRequestSupersedesTheRequestersOlderPendingSessionsInThatTenantOnly() {
        createTenants();
        VerificationSession older = pendingSession(TENANT, 1001, "jdoe42", T0);
        VerificationSession otherTenant = pendingSession(OTHER_TENANT, 1001, "jdoe42", T0);
        VerificationSession otherRequester = pendingSession(TENANT, 2002, "asmith", T0);
        stores.sessions().startReplacingPending(older);
        stores.sessions().startReplacingPending(otherTenant);
        stores.sessions().startReplacingPending(otherRequester);

        VerificationSession newer = pendingSession(TENANT, 1001, "jdoe42", T0.plusSeconds(60));
        assertEquals(1, stores.sessions().startReplacingPending(newer));

        assertEquals(SessionState.SUPERSEDED, stores.sessions().findByTokenHash(older.tokenHash()).orElseThrow().state());
        assertEquals(SessionState.PENDING, stores.sessions().findByTokenHash(newer.tokenHash()).orElseThrow().state());
        assertEquals(SessionState.PENDING, stores.sessions().findByTokenHash(otherTenant.tokenHash()).orElseThrow().state());
        assertEquals(SessionState.PENDING, stores.sessions().findByTokenHash(otherRequester.tokenHash()).orElseThrow().state());
        assertEquals(1, stores.sessions().countOpen(TENANT, new DiscordUserId(1001), T0.plusSeconds(61)));
    }

    @Test
    void aSessionIsConsumedOnceOnly() {
        createTenants();
        VerificationSession session = pendingSession(TENANT, 1001, "jdoe42", T0);
        stores.sessions().startReplacingPending(session);

        Consumption first = stores.sessions().consume(session.tokenHash(), SessionState.CONFIRMED, T0.plusSeconds(10));
        Consumption second = stores.sessions().consume(session.tokenHash(), SessionState.DENIED, T0.plusSeconds(11));

        assertEquals(new Consumption.Consumed(session.withState(SessionState.CONFIRMED)), first);
        assertEquals(new Consumption.NotConsumed(Optional.of(session.withState(SessionState.CONFIRMED))), second);
    }

    @Test
    void aSessionExpiresExactlyAtItsExpiryInstant() {
        createTenants();
        VerificationSession session = pendingSession(TENANT, 1001, "jdoe42", T0);
        stores.sessions().startReplacingPending(session);

        Consumption atExpiry = stores.sessions().consume(session.tokenHash(), SessionState.CONFIRMED, session.expiresAt());
        assertEquals(new Consumption.NotConsumed(Optional.of(session)), atExpiry);

        Consumption justBefore = stores.sessions().consume(session.tokenHash(), SessionState.CONFIRMED,
                session.expiresAt().minusMillis(1));
        assertInstanceOf(Consumption.Consumed.class, justBefore);
    }

    @Test
    void anUnknownHashConsumesNothing() {
        assertEquals(new Consumption.NotConsumed(Optional.empty()),
                stores.sessions().consume(randomHash(), SessionState.CONFIRMED, T0));
    }

    @Test
    void aCancelledSessionCanNoLongerBeConsumed() {
        createTenants();
        VerificationSession session = pendingSession(TENANT, 1001, "jdoe42", T0);
        stores.sessions().startReplacingPending(session);

        stores.sessions().cancel(session.id());

        assertEquals(SessionState.CANCELLED, stores.sessions().findByTokenHash(session.tokenHash()).orElseThrow().state());
        assertInstanceOf(Consumption.NotConsumed.class, stores.sessions().consume(session.tokenHash(), SessionState.CONFIRMED, T0));
    }

    @Test
    void cancellingLeavesAFinishedSessionAsItWas() {
        createTenants();
        VerificationSession session = pendingSession(TENANT, 1001, "jdoe42", T0);
        stores.sessions().startReplacingPending(session);
        stores.sessions().consume(session.tokenHash(), SessionState.CONFIRMED, T0);

        stores.sessions().cancel(session.id());

        assertEquals(SessionState.CONFIRMED, stores.sessions().findByTokenHash(session.tokenHash()).orElseThrow().state());
    }

    @Test
    void theExpirySweepMarksOnlyOverduePendingSessions() {
        createTenants();
        VerificationSession overdue = pendingSession(TENANT, 1001, "jdoe42", T0);
        VerificationSession fresh = pendingSession(TENANT, 2002, "asmith", T0.plusSeconds(600));
        VerificationSession confirmed = pendingSession(TENANT, 3003, "bjones", T0);
        stores.sessions().startReplacingPending(overdue);
        stores.sessions().startReplacingPending(fresh);
        stores.sessions().startReplacingPending(confirmed);
        stores.sessions().consume(confirmed.tokenHash(), SessionState.CONFIRMED, T0.plusSeconds(1));

        assertEquals(1, stores.sessions().expireOverdue(overdue.expiresAt()));

        assertEquals(SessionState.EXPIRED, stores.sessions().findByTokenHash(overdue.tokenHash()).orElseThrow().state());
        assertEquals(SessionState.PENDING, stores.sessions().findByTokenHash(fresh.tokenHash()).orElseThrow().state());
        assertEquals(SessionState.CONFIRMED, stores.sessions().findByTokenHash(confirmed.tokenHash()).orElseThrow().state());
    }

    @Test
    void sixteenThreadsConsumingOneTokenYieldExactlyOneConsumption() throws Exception {
        createTenants();
        VerificationSession session = pendingSession(TENANT, 1001, "jdoe42", T0);
        stores.sessions().startReplacingPending(session);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Consumption>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return stores.sessions().consume(session.tokenHash(), SessionState.CONFIRMED, T0.plusSeconds(5));
                }));
            }
            start.countDown();
            int consumed = 0;
            for (Future<Consumption> result : results) {
                if (result.get() instanceof Consumption.Consumed) {
                    consumed++;
                }
            }
            assertEquals(1, consumed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeDeletesTheTenantsSessionsThatExpiredBeforeTheCutoffAndKeepsYoungerOnes() {
        createTenants();
        VerificationSession old = pendingSession(TENANT, 1001, "jdoe42", T0);
        VerificationSession young = pendingSession(TENANT, 2002, "asmith", T0.plusSeconds(3600));
        VerificationSession otherTenant = pendingSession(OTHER_TENANT, 1001, "jdoe42", T0);
        stores.sessions().startReplacingPending(old);
        stores.sessions().startReplacingPending(young);
        stores.sessions().startReplacingPending(otherTenant);
        stores.sessions().consume(old.tokenHash(), SessionState.CONFIRMED, T0.plusSeconds(5));

        Instant cutoff = young.expiresAt();
        assertEquals(1, stores.sessions().purgeExpiredBefore(TENANT, cutoff));

        assertEquals(Optional.empty(), stores.sessions().findByTokenHash(old.tokenHash()));
        assertEquals(Optional.of(young), stores.sessions().findByTokenHash(young.tokenHash()));
        assertEquals(Optional.of(otherTenant), stores.sessions().findByTokenHash(otherTenant.tokenHash()));
        assertEquals(0, stores.sessions().purgeExpiredBefore(TENANT, cutoff));
    }
}
