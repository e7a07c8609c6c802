package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.HandoffRequests.Use;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Contract of {@code HandoffRequests}. */
public abstract class HandoffRequestsContract extends StoreContract {

    private static HandoffRequest pending(TenantId tenant, long requester, Instant createdAt) {
        return new HandoffRequest(tenant, new GuildId(111), "CS 101 Office Hours",
                new DiscordAccount(new DiscordUserId(requester), "user" + requester), randomHash(), createdAt,
                createdAt.plus(Duration.ofMinutes(30)), SessionState.PENDING);
    }

    @Test
    void aStartedHandoffIsFoundByItsJtiHash() {
        createTenants();
        HandoffRequest request = pending(TENANT, 1001, T0);

        assertEquals(0, stores.handoffs().startReplacingPending(request));

        assertEquals(Optional.of(request), stores.handoffs().find(request.jtiHash()));
        assertEquals(Optional.empty(), stores.handoffs().find(randomHash()));
    }

    @Test
    void aHandoffKeepsTheRequestersLanguageUntilItIsUsed() {
        createTenants();
        HandoffRequest p = pending(TENANT, 1001, T0);
        HandoffRequest german = new HandoffRequest(p.tenant(), p.guild(), p.guildName(), p.requester(), p.jtiHash(), p.createdAt(),
                p.expiresAt(), p.state(), Optional.of(Locale.GERMAN));
        stores.handoffs().startReplacingPending(german);

        assertEquals(Optional.of(german), stores.handoffs().find(german.jtiHash()));
        Use used = stores.handoffs().use(german.jtiHash(), T0.plusSeconds(1));
        assertEquals(Optional.of(Locale.GERMAN), assertInstanceOf(Use.Used.class, used).request().language());
    }

    @Test
    void aNewHandoffSupersedesTheRequestersOlderOnesInThatTenantOnly() {
        createTenants();
        HandoffRequest older = pending(TENANT, 1001, T0);
        HandoffRequest otherTenant = pending(OTHER_TENANT, 1001, T0);
        HandoffRequest otherRequester = pending(TENANT, 2002, T0);
        stores.handoffs().startReplacingPending(older);
        stores.handoffs().startReplacingPending(otherTenant);
        stores.handoffs().startReplacingPending(otherRequester);

        HandoffRequest newer = pending(TENANT, 1001, T0.plusSeconds(60));
        assertEquals(1, stores.handoffs().startReplacingPending(newer));

        assertEquals(SessionState.SUPERSEDED, stores.handoffs().find(older.jtiHash()).orElseThrow().state());
        assertEquals(SessionState.PENDING, stores.handoffs().find(newer.jtiHash()).orElseThrow().state());
        assertEquals(SessionState.PENDING, stores.handoffs().find(otherTenant.jtiHash()).orElseThrow().state());
        assertEquals(SessionState.PENDING, stores.handoffs().find(otherRequester.jtiHash()).orElseThrow().state());
    }

    @Test
    void aHandoffIsUsedOnceOnly() {
        createTenants();
        HandoffRequest request = pending(TENANT, 1001, T0);
        stores.handoffs().startReplacingPending(request);

        Use first = stores.handoffs().use(request.jtiHash(), T0.plusSeconds(10));
        Use replay = stores.handoffs().use(request.jtiHash(), T0.plusSeconds(11));

        assertEquals(new Use.Used(request.withState(SessionState.CONFIRMED)), first);
        assertEquals(new Use.NotUsed(Optional.of(request.withState(SessionState.CONFIRMED))), replay);
        assertEquals(new Use.NotUsed(Optional.empty()), stores.handoffs().use(randomHash(), T0.plusSeconds(12)));
    }

    @Test
    void aHandoffExpiresExactlyAtItsExpiryInstantAndTheSweepMarksIt() {
        createTenants();
        HandoffRequest request = pending(TENANT, 1001, T0);
        HandoffRequest later = pending(TENANT, 2002, T0.plusSeconds(60));
        stores.handoffs().startReplacingPending(request);
        stores.handoffs().startReplacingPending(later);

        assertEquals(new Use.NotUsed(Optional.of(request)), stores.handoffs().use(request.jtiHash(), request.expiresAt()));

        assertEquals(1, stores.handoffs().expireOverdue(request.expiresAt()));
        assertEquals(SessionState.EXPIRED, stores.handoffs().find(request.jtiHash()).orElseThrow().state());
        assertEquals(SessionState.PENDING, stores.handoffs().find(later.jtiHash()).orElseThrow().state());
        assertInstanceOf(Use.Used.class, stores.handoffs().use(later.jtiHash(), later.expiresAt().minusMillis(1)));
    }

    @Test
    void aRolledBackUseLeavesTheHandoffPending() {
        createTenants();
        HandoffRequest request = pending(TENANT, 1001, T0);
        stores.handoffs().startReplacingPending(request);

        try {
            stores.transactions().inTransaction(() -> {
                stores.handoffs().use(request.jtiHash(), T0.plusSeconds(5));
                throw new IllegalStateException("linking failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }

        assertEquals(SessionState.PENDING, stores.handoffs().find(request.jtiHash()).orElseThrow().state());
    }

    @Test
    void ofManyConcurrentUsesExactlyOneSucceeds() throws Exception {
        createTenants();
        HandoffRequest request = pending(TENANT, 1001, T0);
        stores.handoffs().startReplacingPending(request);
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Use>> uses = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                uses.add(pool.submit(() -> {
                    start.await();
                    return stores.transactions().inTransaction(() -> stores.handoffs().use(request.jtiHash(), T0.plusSeconds(5)));
                }));
            }
            start.countDown();
            int used = 0;
            for (Future<Use> use : uses) {
                if (use.get() instanceof Use.Used) {
                    used++;
                }
            }
            assertEquals(1, used);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeDeletesTheTenantsHandoffsThatExpiredBeforeTheCutoffAndKeepsYoungerOnes() {
        createTenants();
        HandoffRequest old = pending(TENANT, 1001, T0);
        HandoffRequest young = pending(TENANT, 2002, T0.plusSeconds(3600));
        HandoffRequest otherTenant = pending(OTHER_TENANT, 1001, T0);
        stores.handoffs().startReplacingPending(old);
        stores.handoffs().startReplacingPending(young);
        stores.handoffs().startReplacingPending(otherTenant);
        stores.handoffs().use(old.jtiHash(), T0.plusSeconds(5));

        assertEquals(1, stores.handoffs().purgeExpiredBefore(TENANT, young.expiresAt()));

        assertEquals(Optional.empty(), stores.handoffs().find(old.jtiHash()));
        assertEquals(Optional.of(young), stores.handoffs().find(young.jtiHash()));
        assertEquals(Optional.of(otherTenant), stores.handoffs().find(otherTenant.jtiHash()));
    }
}
