package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.SessionId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.port.out.Links.LinkInsert;
import dev.gatehouse.core.port.out.Sessions.Consumption;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.TokenSource;
import dev.gatehouse.persistence.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final TenantId TENANT = new TenantId("race");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static TestDatabase db;
    private static PostgresStores postgres;
    private static Stores stores;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        postgres = db.startContext().getBean(PostgresStores.class);
        stores = postgres.stores();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void sixteenConfirmationsOfOneTokenConsumeItExactlyOnce() throws Exception {
        TokenHash hash = TokenSource.secureRandom().next().hash();
        stores.sessions().startReplacingPending(new VerificationSession(SessionId.random(), TENANT, new GuildId(42), "CS 101",
                new DiscordAccount(new DiscordUserId(7), "alice"), new DirectoryUserId("jsmith"), hash, NOW,
                NOW.plus(Duration.ofMinutes(15)), SessionState.PENDING));

        List<Consumption> outcomes = race(() -> stores.transactions().inTransaction(
                () -> stores.sessions().consume(hash, SessionState.CONFIRMED, NOW.plusSeconds(5))));

        assertEquals(1, outcomes.stream().filter(Consumption.Consumed.class::isInstance).count());
        assertEquals(SessionState.CONFIRMED, stores.sessions().findByTokenHash(hash).orElseThrow().state());
    }

    @Test
    void sixteenRequestersRacingForOneDirectoryUserGetOneLink() throws Exception {
        DirectoryUserId contested = new DirectoryUserId("contested");
        List<Integer> requesters = new ArrayList<>();
        List<LinkInsert> outcomes = race(() -> {
            long discordUser;
            synchronized (requesters) {
                discordUser = 1000 + requesters.size();
                requesters.add(requesters.size());
            }
            return stores.links().insert(new Link(TENANT, new DiscordUserId(discordUser), contested, NOW, LinkOrigin.EMAIL));
        });

        assertEquals(1, outcomes.stream().filter(LinkInsert.Inserted.class::isInstance).count());
        assertEquals(THREADS - 1, outcomes.stream().filter(LinkInsert.DirectoryUserTaken.class::isInstance).count());
        assertEquals(1, stores.links().count(TENANT));
    }

    @Test
    void sixteenConcurrentRequestsOfOneMemberLeaveOnePendingSession() throws Exception {
        DiscordAccount member = new DiscordAccount(new DiscordUserId(99), "bob");
        race(() -> stores.sessions().startReplacingPending(new VerificationSession(SessionId.random(), TENANT, new GuildId(42),
                "CS 101", member, new DirectoryUserId("bob"), TokenSource.secureRandom().next().hash(), NOW,
                NOW.plus(Duration.ofMinutes(15)), SessionState.PENDING)));

        assertEquals(1, stores.sessions().countOpen(TENANT, member.id(), NOW));
    }

    @Test
    void aServerBoundWhileItsTenantIsDeletedLeavesEitherTheBindingOrTheDeletionNeverAServerOfNoTenant() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                TenantId tenant = new TenantId("doomed-" + round);
                GuildId guild = new GuildId(5000 + round);
                stores.tenants().save(TenantSettings.defaults(tenant, "Deleted while bound"));
                CountDownLatch go = new CountDownLatch(1);
                Future<?> deletion = pool.submit(() -> {
                    go.await();
                    return stores.tenants().delete(tenant);
                });
                Future<?> binding = pool.submit(() -> {
                    go.await();
                    stores.guilds().save(GuildSettings.boundTo(guild, tenant));
                    return null;
                });
                go.countDown();
                boolean deleted = succeeded(deletion);
                boolean bound = succeeded(binding);

                assertTrue(deleted != bound, "round " + round + ": exactly one of deletion and binding succeeds");
                assertEquals(bound, stores.tenants().find(tenant).isPresent());
                assertEquals(bound, stores.guilds().ofTenant(tenant).size() == 1);
                assertEquals(bound, stores.guilds().find(guild).isPresent());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDirectoryUserSavedWhileTheTenantIsDeletedNeverOutlivesTheTenant() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                TenantId tenant = new TenantId("emptied-" + round);
                stores.tenants().save(TenantSettings.defaults(tenant, "Deleted while importing"));
                CountDownLatch go = new CountDownLatch(1);
                Future<?> deletion = pool.submit(() -> {
                    go.await();
                    return stores.tenants().delete(tenant);
                });
                Future<?> saving = pool.submit(() -> {
                    go.await();
                    stores.directory().save(new DirectoryUser(tenant, new DirectoryUserId("late"),
                            new EmailAddress("late@example.edu"), new DisplayName("Late Comer")));
                    return null;
                });
                go.countDown();
                assertTrue(succeeded(deletion), "round " + round + ": nothing stops the deletion");
                succeeded(saving);

                assertEquals(Optional.empty(), stores.tenants().find(tenant));
                assertEquals(0, stores.directory().count(tenant), "round " + round + ": no user of a deleted tenant");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether the task returned a deletion or a save; false if it was refused with an exception. */
    private static boolean succeeded(Future<?> task) throws InterruptedException {
        try {
            Object result = task.get();
            return result == null || ((Optional<?>) result).isPresent();
        } catch (ExecutionException refused) {
            return false;
        }
    }

    private static <T> List<T> race(Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
