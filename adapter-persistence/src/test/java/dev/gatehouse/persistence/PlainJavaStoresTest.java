package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettingChange;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.ConfigureCommand;
import dev.gatehouse.core.port.in.AdministerTenants.CreateTenant;
import dev.gatehouse.core.port.in.ImportDirectory.ImportCommand;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.ReviewVerification.LinkCommand;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.port.out.MemberAccess.AccessOutcome;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import dev.gatehouse.persistence.PostgresStores.Migrations;
import dev.gatehouse.persistence.testing.TestDatabase;
import java.io.PrintWriter;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresStores#start(DataSource)} from plain Java: a fresh database, a data source of the host's own (here
 * the test's pool), no Micronaut context of the host's; the whole flow runs over it and lands in the tables.
 */
class PlainJavaStoresTest {
    private static final GuildId SERVER = new GuildId(123456789012345678L);
    private static final TenantId CLUB = new TenantId("chess-club");

    @Test
    void aHostWithOnlyADataSourceMigratesAnEmptyDatabaseAndRunsTheWholeFlowOverIt() throws Exception {
        try (TestDatabase db = TestDatabase.createEmpty(); PostgresStores postgres = PostgresStores.start(db.dataSource())) {
            List<URI> links = new CopyOnWriteArrayList<>();
            try (Gatehouse gatehouse = Gatehouse.builder().stores(postgres.stores())
                    .publicBaseUrl(URI.create("https://verify.example.org"))
                    .mailer(email -> { links.add(email.confirmLink()); return MailOutcome.sent(); })
                    .memberAccess(update -> AccessOutcome.applied())
                    .build()) {
                gatehouse.tenants().create(new CreateTenant(CLUB, "Chess Club", List.of()));
                gatehouse.importDirectory().importRows(new ImportCommand(CLUB, Stream.of(new DirectoryRow.User(1,
                        new DirectoryUserId("m-17"), new EmailAddress("magnus@example.org"), new DisplayName("Magnus C.")))));
                gatehouse.administration().bind(new BindCommand(SERVER, CLUB, Authority.OPERATOR));
                gatehouse.administration().configure(ConfigureCommand.of(SERVER, new GuildSettingChange.VerifiedRole(new RoleId(42))));

                LinkSent sent = assertInstanceOf(LinkSent.class, gatehouse.requestVerification().request(
                        new RequestCommand(SERVER, "Chess Club", new DiscordAccount(new DiscordUserId(555), "magnus"), "m-17")));
                sent.delivery().toCompletableFuture().join();
                String path = links.get(0).getPath();
                assertInstanceOf(Confirmed.class, gatehouse.reviewVerification().confirm(
                        new LinkCommand(path.substring(path.lastIndexOf('/') + 1), new ClientIp("192.0.2.1"))));
                assertEquals(2, gatehouse.deliverMemberUpdates().deliverDue(10).applied(), "the role and the nickname");
            }
            assertEquals("555", single(db, "SELECT discord_user_id FROM links WHERE tenant_id = 'chess-club'"));
        }
    }

    @Test
    void withoutMigrationsTheSchemaIsTheOperatorsAndAnUnreachableDatabaseIsReportedAsSuch() throws Exception {
        try (TestDatabase db = TestDatabase.create(); PostgresStores postgres = PostgresStores.start(db.dataSource(), Migrations.ASSUME_CURRENT)) {
            assertEquals(0, postgres.stores().links().count(CLUB));
        }
        assertThrows(StoreUnavailableException.class, () -> PostgresStores.start(new Unreachable()));
    }

    private static String single(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    /** A data source whose database is down. */
    private static final class Unreachable implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("Connection refused", "08001");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
