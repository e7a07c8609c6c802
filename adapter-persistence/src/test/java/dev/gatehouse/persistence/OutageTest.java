package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    @Test
    void startingWithoutADatabaseSaysItIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PGSimpleDataSource nowhere = dataSource(db.jdbcUrlVia("127.0.0.1", closedPort));

        assertThrows(StoreUnavailableException.class, () -> PostgresStores.create(nowhere));
        assertThrows(StoreUnavailableException.class, () -> PostgresStores.migrate(nowhere));
    }

    @Test
    void everyPortThrowsStoreUnavailableDuringAnOutageAndRecoversAfterIt() {
        PostgresStores direct = PostgresStores.create(db.dataSource());
        try (PostgresStores proxied = PostgresStores.create(dataSource(db.jdbcUrlVia("127.0.0.1", proxy.port())))) {
            Stores stores = proxied.stores();
            stores.tenants().save(TenantSettings.defaults(TENANT, "Outage test"));
            DiscordUserId member = new DiscordUserId(4242);

            proxy.cut();
            try {
                List<Executable> calls = List.of(
                        () -> stores.tenants().find(TENANT),
                        () -> stores.guilds().ofTenant(TENANT),
                        () -> stores.directory().find(TENANT, new DirectoryUserId("x")),
                        () -> stores.links().findByDiscordUser(TENANT, member),
                        () -> stores.sessions().findByTokenHash(TokenSource.secureRandom().next().hash()),
                        () -> stores.sessions().cancel(SessionId.random()),
                        () -> stores.rateLimits().tryAcquire("k", List.of(RateRule.of(1, Duration.ofMinutes(1))), NOW),
                        () -> stores.memberUpdates().claim(Shard.ALL, 10, NOW, Duration.ofMinutes(1)),
                        () -> stores.memberUpdates().complete(UpdateId.random()),
                        () -> stores.audit().record(new AuditEntry(TENANT, "test", "outage", NOW)),
                        () -> stores.transactions().inTransaction(() -> stores.links().count(TENANT)),
                        () -> proxied.directoryImporter().importCsv(TENANT, new StringReader("id,email,name\n")));
                for (Executable call : calls) {
                    assertThrows(StoreUnavailableException.class, call);
                }
                assertEquals(MemberStatus.UNVERIFIED, stores.membershipIndex().statusOf(TENANT, member));

                direct.stores().links().insert(new Link(TENANT, member, new DirectoryUserId("during-outage"), NOW, LinkOrigin.ADMIN));
            } finally {
                proxy.restore();
            }

            assertEquals(1, stores.links().count(TENANT));
            awaitTrue(() -> stores.membershipIndex().statusOf(TENANT, member) == MemberStatus.VERIFIED);
            stores.guilds().save(GuildSettings.boundTo(new GuildId(5), TENANT));
            assertTrue(stores.guilds().find(new GuildId(5)).isPresent());
        } finally {
            direct.close();
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
