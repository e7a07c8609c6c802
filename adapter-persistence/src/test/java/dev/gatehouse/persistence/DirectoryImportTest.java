package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.out.MembershipIndex.MemberStatus;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.persistence.DirectoryImporter.ImportCounts;
import dev.gatehouse.persistence.DirectoryImporter.ImportResult;
import dev.gatehouse.persistence.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DirectoryImportTest {
    private static TestDatabase db;
    private static PostgresStores postgres;
    private static Stores stores;
    private static DirectoryImporter importer;
    private static int tenants;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        postgres = db.startContext().getBean(PostgresStores.class);
        stores = postgres.stores();
        importer = postgres.directoryImporter();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static TenantId newTenant() {
        TenantId tenant = new TenantId("import-" + (++tenants));
        stores.tenants().save(TenantSettings.defaults(tenant, "Import test"));
        return tenant;
    }

    private static DirectoryUser user(TenantId tenant, String id) {
        return stores.directory().find(tenant, new DirectoryUserId(id)).orElseThrow();
    }

    private static ImportCounts imported(ImportResult result) {
        return assertInstanceOf(ImportResult.Imported.class, result, () -> "expected an import, got " + result).counts();
    }

    @Test
    void aCsvFileWithAHeaderQuotesAndAByteOrderMarkAddsItsUsers() {
        TenantId tenant = newTenant();
        String csv = "\uFEFFuser_id,email,name\r\n"
                + "jsmith,jane.smith@example.org,Jane Smith\r\n"
                + "\"BDoe\",\"b.doe@Example.ORG\",\"Doe, Bob \"\"Bobby\"\"\"\r\n"
                + "zoë,zoe@example.org,Zoë Ångström\r\n";

        ImportCounts counts = imported(importer.importCsv(tenant, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))));

        assertEquals(new ImportCounts(3, 0, 0, 0, 0), counts);
        assertEquals("Doe, Bob \"Bobby\"", user(tenant, "bdoe").name().value());
        assertEquals("b.doe@example.org", user(tenant, "bdoe").email().value());
        assertEquals("Zoë Ångström", user(tenant, "ZOË").name().value());
        assertEquals(3, stores.directory().count(tenant));
    }

    @Test
    void columnsMayComeInAnyOrderWithExtraColumnsIgnored() {
        TenantId tenant = newTenant();
        String csv = "Name,Department,E-mail,ID\nJane Smith,CS,jane@example.org,jsmith\n";

        assertEquals(new ImportCounts(1, 0, 0, 0, 0), imported(importer.importCsv(tenant, new StringReader(csv))));
        assertEquals("jane@example.org", user(tenant, "jsmith").email().value());
    }

    @Test
    void aJsonArrayOfUsersIsImported() {
        TenantId tenant = newTenant();
        String json = """
                [
                  {"id": "jsmith", "email": "jane@example.org", "name": "Jane Smith"},
                  {"user_id": 4711, "email": "bob@example.org", "name": "Bob Doe", "department": {"name": "CS"}}
                ]
                """;

        assertEquals(new ImportCounts(2, 0, 0, 0, 0), imported(importer.importJson(tenant, new StringReader(json))));
        assertEquals("Bob Doe", user(tenant, "4711").name().value());
    }

    @Test
    void theTutorialBotsDatabaseJsonBringsItsUsersAndTheirLinks() {
        TenantId tenant = newTenant();
        String json = """
                {
                  "users": {
                    "s1001": {"email": "ann@uni.example.edu", "name": "Ann Lee"},
                    "s1002": {"email": "ben@uni.example.edu", "name": "Ben Okafor"},
                    "s1003": {"email": "cat@uni.example.edu", "name": "Cat Diaz"}
                  },
                  "discord": {
                    "80351110224678912": "s1001",
                    "80351110224678913": "S1002"
                  }
                }
                """;

        ImportCounts counts = imported(importer.importJson(tenant, new StringReader(json)));

        assertEquals(new ImportCounts(3, 0, 0, 2, 0), counts);
        Link link = stores.links().findByDiscordUser(tenant, new DiscordUserId(80351110224678913L)).orElseThrow();
        assertEquals(new DirectoryUserId("s1002"), link.directoryUser());
        assertEquals(LinkOrigin.IMPORT, link.origin());
        assertEquals(MemberStatus.VERIFIED, stores.membershipIndex().statusOf(tenant, new DiscordUserId(80351110224678912L)));
        assertEquals(MemberStatus.UNVERIFIED, stores.membershipIndex().statusOf(tenant, new DiscordUserId(80351110224678914L)));

        assertEquals(new ImportCounts(0, 0, 3, 0, 2), imported(importer.importJson(tenant, new StringReader(json))));
    }

    @Test
    void aBadRowAtLine7RejectsTheWholeFileAndNamesTheLine() {
        TenantId tenant = newTenant();
        stores.directory().save(new DirectoryUser(tenant, new DirectoryUserId("u1"), new EmailAddress("old@example.org"),
                new DisplayName("Old Name")));
        String csv = """
                user_id,email,name
                u1,new@example.org,New Name
                u2,u2@example.org,User Two
                u3,u3@example.org,User Three
                u4,u4@example.org,User Four
                u5,u5@example.org,User Five
                u6,not-an-email,User Six
                u7,u7@example.org,User Seven
                """;

        ImportResult result = importer.importCsv(tenant, new StringReader(csv));

        ImportResult.Rejected rejected = assertInstanceOf(ImportResult.Rejected.class, result);
        assertEquals(7, rejected.line());
        assertTrue(rejected.reason().contains("email"), rejected.reason());
        assertEquals(1, stores.directory().count(tenant));
        assertEquals("old@example.org", user(tenant, "u1").email().value());
    }

    @Test
    void eachKindOfBadRowIsRejectedWithItsLine() {
        TenantId tenant = newTenant();
        String header = "user_id,email,name\n";
        String good = "a,a@example.org,A\n";
        assertRejectedAt(3, importer.importCsv(tenant, new StringReader(header + good + "b,b@example.org\n")));
        assertRejectedAt(3, importer.importCsv(tenant, new StringReader(header + good + "b,b@example.org,\n")));
        assertRejectedAt(3, importer.importCsv(tenant, new StringReader(header + good + "b,b@example.org,B,extra\n")));
        assertRejectedAt(4, importer.importCsv(tenant, new StringReader(header + good + "b,b@example.org,B\n A ,x@example.org,X\n")));
        assertRejectedAt(3, importer.importCsv(tenant, new StringReader(header + good + "b,b@example.org,\"" + "x".repeat(5000) + "\"\n")));
        assertRejectedAt(3, importer.importCsv(tenant, new StringReader(header + good + "b,b@example.org,\"B\n")));
        assertRejectedAt(1, importer.importCsv(tenant, new StringReader("id,mail\n" + good)));
        assertRejectedAt(1, importer.importCsv(tenant, new StringReader("")));
        assertRejectedAt(3, importer.importJson(tenant, new StringReader("[\n{\"id\":\"a\",\"email\":\"a@example.org\",\"name\":\"A\"},\n{\"id\":\"b\",\"email\":\"b@example.org\"}\n]")));
        assertRejectedAt(2, importer.importJson(tenant, new StringReader("[\n{\"id\":\"a\",\"email\":\"a@example.org\",\"name\": \"" + "x".repeat(5000) + "\"}]")));
        assertRejectedAt(2, importer.importJson(tenant, new StringReader("{\"users\": {\"a\": {\"email\":\"a@example.org\",\"name\":\"A\"}},\n"
                + "\"discord\": {\"123\": \"nobody\"}}")));
        assertEquals(0, stores.directory().count(tenant));
    }

    private static void assertRejectedAt(long line, ImportResult result) {
        ImportResult.Rejected rejected = assertInstanceOf(ImportResult.Rejected.class, result, () -> "expected a rejection, got " + result);
        assertEquals(line, rejected.line(), rejected.reason());
    }

    @Test
    void reimportingUpdatesChangedUsersInPlaceAndCountsTheRest() {
        TenantId tenant = newTenant();
        String first = "id,email,name\nu1,u1@example.org,One\nu2,u2@example.org,Two\nu3,u3@example.org,Three\n";
        assertEquals(new ImportCounts(3, 0, 0, 0, 0), imported(importer.importCsv(tenant, new StringReader(first))));

        String second = "id,email,name\nu1,u1@example.org,One\nU2,two@example.org,Two\nu3,u3@example.org,Three Renamed\nu4,u4@example.org,Four\n";
        assertEquals(new ImportCounts(1, 2, 1, 0, 0), imported(importer.importCsv(tenant, new StringReader(second))));

        assertEquals(4, stores.directory().count(tenant));
        assertEquals("two@example.org", user(tenant, "u2").email().value());
        assertEquals("Three Renamed", user(tenant, "u3").name().value());
    }

    @Test
    void anImportedLinkThatContradictsAnExistingOneRejectsTheFile() {
        TenantId tenant = newTenant();
        stores.directory().save(new DirectoryUser(tenant, new DirectoryUserId("s1"), new EmailAddress("s1@example.org"), new DisplayName("S One")));
        stores.links().insert(new Link(tenant, new DiscordUserId(555), new DirectoryUserId("s1"), Instant.parse("2025-01-01T00:00:00Z"), LinkOrigin.EMAIL));
        String json = """
                {"users": {"s2": {"email": "s2@example.org", "name": "S Two"}},
                 "discord": {
                   "555": "s2"
                 }}
                """;

        assertRejectedAt(3, importer.importJson(tenant, new StringReader(json)));
        assertEquals(Optional.empty(), stores.directory().find(tenant, new DirectoryUserId("s2")));
    }
}
