package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.model.SessionId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.UpdateId;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.TokenSource;
import dev.gatehouse.persistence.testing.TcpProxy;
import dev.gatehouse.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.postgresql.ds.PGSimpleDataSource;

/** The database goes away: every port says "unavailable", and everything works again once it is back. */
class OutageTest {
    private static final TenantId TENANT = new TenantId("outage");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static TestDatabase db;
    private static TcpProxy proxy;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        proxy = new TcpProxy(db.host(), db.port());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        db.close();
    }

    private static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setConnectTimeout(2);
        dataSource.setSocketTimeout(5);
        return dataSource;
    }

    /** A context whose pool reaches the database through the given port, failing fast while it can't. */
    private static ApplicationContext contextVia(int port, boolean lazyPool) {
        String url = db.jdbcUrlVia("127.0.0.1", port);
        return db.startContext(Map.of(
                "datasources.default.url", url + (url.contains("?") ? "&" : "?") + "connectTimeout=2&socketTimeout=5",
                "datasources.default.connection-timeout", 1_000,
                "datasources.default.initialization-fail-timeout", lazyPool ? -1 : 1,
                "gatehouse.persistence.migrate", !lazyPool));
    }

    @Test
    void startingWithoutADatabaseSaysItIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PGSimpleDataSource nowhere = dataSource(db.jdbcUrlVia("127.0.0.1", closedPort));

        try (ApplicationContext context = contextVia(closedPort, true)) {
            RuntimeException failure = assertThrows(RuntimeException.class, () -> context.getBean(Stores.class));
            assertTrue(causedBy(failure, StoreUnavailableException.class), () -> "not caused by StoreUnavailableException: " + failure);
        }
        assertThrows(StoreUnavailableException.class, () -> PostgresStores.migrate(nowhere));
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyPortThrowsStoreUnavailableDuringAnOutageAndRecoversAfterIt() {
        PostgresStores direct = db.startContext().getBean(PostgresStores.class);
        try (ApplicationContext context = contextVia(proxy.port(), false)) {
            PostgresStores proxied = context.getBean(PostgresStores.class);
            Stores stores = proxied.stores();
            stores.tenants().save(TenantSettings.defaults(TENANT, "Outage test"));
            DiscordUserId member = new DiscordUserId(4242);

            proxy.cut();
            try {
                List<Executable> calls = List.of(
                        () -> stores.tenants().find(TENANT),
                        () -> stores.directory().find(TENANT, new DirectoryUserId("x")),
                        () -> stores.links().findByDiscordUser(TENANT, member),
                        () -> stores.sessions().findByTokenHash(TokenSource.secureRandom().next().hash()),
                        () -> stores.sessions().cancel(SessionId.random()),
                        () -> stores.rateLimits().tryAcquire("k", List.of(RateRule.of(1, Duration.ofMinutes(1))), NOW),
                        () -> stores.memberUpdates().claim(Shard.ALL, 10, NOW, Duration.ofMinutes(1)),
                        () -> stores.memberUpdates().complete(UpdateId.random()),
                        () -> stores.audit().record(new AuditEntry(TENANT, "test", "outage", NOW)),
                        () -> stores.handoffs().use(TokenSource.secureRandom().next().hash(), NOW),
                        () -> stores.wrongAnswers().top(TENANT, 10),
                        () -> stores.transactions().inTransaction(() -> stores.links().count(TENANT)),
                        () -> stores.directoryImports().importRows(TENANT, List.<DirectoryRow>of().iterator(), NOW));
                for (Executable call : calls) {
                    assertThrows(StoreUnavailableException.class, call);
                }
                assertEquals(MemberStatus.UNVERIFIED, stores.membershipIndex().statusOf(TENANT, member));

                direct.stores().links().insert(new Link(TENANT, member, new DirectoryUserId("during-outage"), NOW, LinkOrigin.ADMIN));
            } finally {
                proxy.restore();
            }

            // the pool replaces its dead connections within about a connection timeout
            awaitTrue(() -> {
                try {
                    return stores.links().count(TENANT) == 1;
                } catch (StoreUnavailableException stillReconnecting) {
                    return false;
                }
            });
            awaitTrue(() -> stores.membershipIndex().statusOf(TENANT, member) == MemberStatus.VERIFIED);
            stores.guilds().save(GuildSettings.boundTo(new GuildId(5), TENANT));
            assertTrue(stores.guilds().find(new GuildId(5)).isPresent());
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the listener did not reload after the outage");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
