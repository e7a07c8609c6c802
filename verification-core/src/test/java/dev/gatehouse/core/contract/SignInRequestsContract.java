package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.SignInRequest;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.SignInRequests.Use;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Contract of {@code SignInRequests}. */
public abstract class SignInRequestsContract extends StoreContract {

    private static SignInRequest pending(TenantId tenant, long requester, Instant createdAt) {
        return new SignInRequest(tenant, new GuildId(111), "CS 101 Office Hours",
                new DiscordAccount(new DiscordUserId(requester), "user" + requester), randomHash(), Optional.empty(), createdAt,
                createdAt.plus(SignInRequest.LIFETIME), SessionState.PENDING);
    }

    private static SignInRequest.Binding binding() {
        return new SignInRequest.Binding(randomHash(), randomHash(), randomHash());
    }

    @Test
    void aStartedSignInIsFoundByItsLinkAndOnceBoundByItsState() {
        createTenants();
        SignInRequest request = pending(TENANT, 1001, T0);
        assertEquals(0, stores.signIns().startReplacingPending(request));
        assertEquals(Optional.of(request), stores.signIns().findByLink(request.linkHash()));
        assertEquals(Optional.empty(), stores.signIns().findByLink(randomHash()));

        SignInRequest.Binding binding = binding();
        SignInRequest bound = stores.signIns().bind(request.linkHash(), binding, T0.plusSeconds(5)).orElseThrow();

        assertEquals(Optional.of(binding), bound.binding());
        assertEquals(Optional.of(bound), stores.signIns().findByState(binding.stateHash()));
        assertEquals(Optional.empty(), stores.signIns().findByState(randomHash()));
    }

    @Test
    void theNewestRequestOfAMemberWinsInItsTenantOnly() {
        createTenants();
        SignInRequest older = pending(TENANT, 1001, T0);
        SignInRequest otherTenant = pending(OTHER_TENANT, 1001, T0);
        SignInRequest otherRequester = pending(TENANT, 1002, T0);
        stores.signIns().startReplacingPending(older);
        stores.signIns().startReplacingPending(otherTenant);
        stores.signIns().startReplacingPending(otherRequester);

        assertEquals(1, stores.signIns().startReplacingPending(pending(TENANT, 1001, T0.plusSeconds(30))));

        assertEquals(SessionState.SUPERSEDED, stores.signIns().findByLink(older.linkHash()).orElseThrow().state());
        assertEquals(SessionState.PENDING, stores.signIns().findByLink(otherTenant.linkHash()).orElseThrow().state());
        assertEquals(SessionState.PENDING, stores.signIns().findByLink(otherRequester.linkHash()).orElseThrow().state());
        assertEquals(Optional.empty(), stores.signIns().bind(older.linkHash(), binding(), T0.plusSeconds(40)));
    }

    @Test
    void pressingTheButtonAgainReplacesTheBindingSoOnlyTheNewestStateWorks() {
        createTenants();
        SignInRequest request = pending(TENANT, 1001, T0);
        stores.signIns().startReplacingPending(request);
        SignInRequest.Binding first = binding();
        SignInRequest.Binding second = binding();
        stores.signIns().bind(request.linkHash(), first, T0.plusSeconds(1));
        stores.signIns().bind(request.linkHash(), second, T0.plusSeconds(2));

        assertEquals(Optional.empty(), stores.signIns().findByState(first.stateHash()));
        assertInstanceOf(Use.NotUsed.class, stores.signIns().use(first, T0.plusSeconds(3)));
        assertInstanceOf(Use.Used.class, stores.signIns().use(second, T0.plusSeconds(3)));
    }

    @Test
    void aSignInIsUsedOnceAndOnlyWithItsWholeBinding() {
        createTenants();
        SignInRequest request = pending(TENANT, 1001, T0);
        stores.signIns().startReplacingPending(request);
        SignInRequest.Binding binding = binding();
        stores.signIns().bind(request.linkHash(), binding, T0.plusSeconds(1));
        SignInRequest.Binding wrongNonce = new SignInRequest.Binding(binding.stateHash(), randomHash(), binding.verifierHash());
        SignInRequest.Binding wrongVerifier = new SignInRequest.Binding(binding.stateHash(), binding.nonceHash(), randomHash());

        assertInstanceOf(Use.NotUsed.class, stores.signIns().use(wrongNonce, T0.plusSeconds(2)));
        assertInstanceOf(Use.NotUsed.class, stores.signIns().use(wrongVerifier, T0.plusSeconds(2)));
        assertEquals(SessionState.PENDING, stores.signIns().findByLink(request.linkHash()).orElseThrow().state());

        Use first = stores.signIns().use(binding, T0.plusSeconds(3));
        Use replay = stores.signIns().use(binding, T0.plusSeconds(4));

        assertEquals(SessionState.CONFIRMED, assertInstanceOf(Use.Used.class, first).request().state());
        assertEquals(SessionState.CONFIRMED, assertInstanceOf(Use.NotUsed.class, replay).current().orElseThrow().state());
        assertEquals(new Use.NotUsed(Optional.empty()), stores.signIns().use(binding(), T0.plusSeconds(5)));
    }

    @Test
    void aSignInExpiresAfterTenMinutes() {
        createTenants();
        SignInRequest request = pending(TENANT, 1001, T0);
        stores.signIns().startReplacingPending(request);
        SignInRequest.Binding binding = binding();
        stores.signIns().bind(request.linkHash(), binding, T0.plusSeconds(1));

        assertInstanceOf(Use.NotUsed.class, stores.signIns().use(binding, request.expiresAt()));
        assertEquals(Optional.empty(), stores.signIns().bind(request.linkHash(), binding(), request.expiresAt()));
        assertEquals(1, stores.signIns().expireOverdue(request.expiresAt()));
        assertEquals(SessionState.EXPIRED, stores.signIns().findByLink(request.linkHash()).orElseThrow().state());
        assertEquals(0, stores.signIns().expireOverdue(request.expiresAt().plusSeconds(60)));
    }

    @Test
    void ofManyConcurrentUsesExactlyOneSucceeds() throws Exception {
        createTenants();
        SignInRequest request = pending(TENANT, 1001, T0);
        stores.signIns().startReplacingPending(request);
        SignInRequest.Binding binding = binding();
        stores.signIns().bind(request.linkHash(), binding, T0.plusSeconds(1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Use>> uses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                uses.add(pool.submit(() -> {
                    start.await();
                    return stores.signIns().use(binding, T0.plusSeconds(2));
                }));
            }
            start.countDown();
            int used = 0;
            for (Future<Use> use : uses) {
                used += use.get() instanceof Use.Used ? 1 : 0;
            }
            assertEquals(1, used);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgingAndDeletingTouchOnlyTheTenantsOldSignIns() {
        createTenants();
        SignInRequest old = pending(TENANT, 1001, T0);
        SignInRequest recent = pending(TENANT, 1002, T0.plusSeconds(3600));
        SignInRequest other = pending(OTHER_TENANT, 1001, T0);
        stores.signIns().startReplacingPending(old);
        stores.signIns().startReplacingPending(recent);
        stores.signIns().startReplacingPending(other);

        assertEquals(1, stores.signIns().purgeExpiredBefore(TENANT, T0.plusSeconds(1800)));
        assertEquals(Optional.empty(), stores.signIns().findByLink(old.linkHash()));
        assertTrue(stores.signIns().findByLink(recent.linkHash()).isPresent());
        assertEquals(1, stores.signIns().deleteOfTenant(TENANT));
        assertTrue(stores.signIns().findByLink(other.linkHash()).isPresent());
    }

    @Test
    void erasingAMembersSignInsLeavesOthersAndOtherTenants() {
        createTenants();
        SignInRequest used = pending(TENANT, 1001, T0);
        stores.signIns().startReplacingPending(used);
        SignInRequest newest = pending(TENANT, 1001, T0.plusSeconds(60));
        stores.signIns().startReplacingPending(newest);
        SignInRequest someoneElse = pending(TENANT, 1002, T0);
        SignInRequest elsewhere = pending(OTHER_TENANT, 1001, T0);
        stores.signIns().startReplacingPending(someoneElse);
        stores.signIns().startReplacingPending(elsewhere);

        assertEquals(2, stores.signIns().deleteOfRequester(TENANT, new DiscordUserId(1001)));
        assertEquals(Optional.empty(), stores.signIns().findByLink(used.linkHash()));
        assertEquals(Optional.empty(), stores.signIns().findByLink(newest.linkHash()));
        assertTrue(stores.signIns().findByLink(someoneElse.linkHash()).isPresent());
        assertTrue(stores.signIns().findByLink(elsewhere.linkHash()).isPresent());
    }
}
