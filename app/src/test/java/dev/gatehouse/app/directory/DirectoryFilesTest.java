package dev.gatehouse.app.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.app.directory.DirectoryFiles.Format;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.memory.InMemoryStores;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.ImportDirectory.DirectoryImported;
import dev.gatehouse.core.port.in.ImportDirectory.ImportCommand;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Directory files turned into rows: the formats, and each kind of bad row named by its line. */
class DirectoryFilesTest {

    private static List<DirectoryRow> csv(String text) {
        try (Stream<DirectoryRow> rows = DirectoryFiles.rows(new StringReader(text), Format.CSV)) {
            return rows.toList();
        }
    }

    private static List<DirectoryRow> json(String text) {
        try (Stream<DirectoryRow> rows = DirectoryFiles.rows(new StringReader(text), Format.JSON)) {
            return rows.toList();
        }
    }

    private static DirectoryRow.User user(DirectoryRow row) {
        return assertInstanceOf(DirectoryRow.User.class, row, () -> "expected a user, got " + row);
    }

    /** The file's last row, which must be the unreadable one that ended it. */
    private static DirectoryRow.Unreadable unreadable(List<DirectoryRow> rows) {
        DirectoryRow last = rows.get(rows.size() - 1);
        return assertInstanceOf(DirectoryRow.Unreadable.class, last, () -> "expected a bad row at the end of " + rows);
    }

    private static void assertUnreadableAt(long line, List<DirectoryRow> rows) {
        DirectoryRow.Unreadable bad = unreadable(rows);
        assertEquals(line, bad.line(), bad.reason());
        assertEquals(1, rows.stream().filter(r -> r instanceof DirectoryRow.Unreadable).count(), "reading stopped at the bad row");
    }

    @Test
    void aCsvFileWithAHeaderQuotesAndAByteOrderMarkGivesItsUsersWithTheirLines() {
        String text = "\uFEFFuser_id,email,name\r\n"
                + "jsmith,jane.smith@example.org,Jane Smith\r\n"
                + "\"BDoe\",\"b.doe@Example.ORG\",\"Doe, Bob \"\"Bobby\"\"\"\r\n"
                + "\r\n"
                + "zoë,zoe@example.org,Zoë Ångström\r\n";

        List<DirectoryRow> rows = DirectoryFiles.rows(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Format.CSV).toList();

        assertEquals(3, rows.size());
        assertEquals(List.of(2L, 3L, 5L), rows.stream().map(DirectoryRow::line).toList());
        assertEquals("Doe, Bob \"Bobby\"", user(rows.get(1)).name().value());
        assertEquals("b.doe@example.org", user(rows.get(1)).email().value());
        assertEquals(new DirectoryUserId("ZOË"), user(rows.get(2)).id());
        assertEquals("Zoë Ångström", user(rows.get(2)).name().value());
    }

    @Test
    void columnsMayComeInAnyOrderWithExtraColumnsIgnored() {
        List<DirectoryRow> rows = csv("Name,Department,E-mail,ID\nJane Smith,CS,jane@example.org,jsmith\n");

        assertEquals(new DirectoryRow.User(2, new DirectoryUserId("jsmith"), user(rows.get(0)).email(), user(rows.get(0)).name()),
                rows.get(0));
        assertEquals("jane@example.org", user(rows.get(0)).email().value());
    }

    @Test
    void aMissingColumnIsNamed() {
        assertEquals(new DirectoryRow.Unreadable(1, "the header row has no name column; it must name the columns user_id, email and name"),
                unreadable(csv("id,mail\na,a@example.org\n")));
        assertTrue(unreadable(csv("name,email\nA,a@example.org\n")).reason().contains("no user_id column"));
        assertTrue(unreadable(csv("id,name\na,A\n")).reason().contains("no email column"));
        assertEquals(new DirectoryRow.Unreadable(1, "the header row names the email column twice"),
                unreadable(csv("id,email,mail,name\n")));
    }

    @Test
    void eachKindOfBadCsvRowIsNamedByItsLine() {
        String header = "user_id,email,name\n";
        String good = "a,a@example.org,A\n";
        assertUnreadableAt(3, csv(header + good + "b,b@example.org\n"));
        assertUnreadableAt(3, csv(header + good + "b,b@example.org,\n"));
        assertUnreadableAt(3, csv(header + good + "b,b@example.org,B,extra\n"));
        assertUnreadableAt(3, csv(header + good + "b,b@example.org,\"" + "x".repeat(5000) + "\"\n"));
        assertUnreadableAt(3, csv(header + good + "b,b@example.org,\"B\n"));
        assertUnreadableAt(3, csv(header + good + "b,b@example.org,\"B\"x\n"));
        assertUnreadableAt(4, csv("user_id,email,name,notes\n" + "b,b@example.org,B,\"two\nlines\"\nc,c@example.org,C\n"));
        assertUnreadableAt(1, csv(""));
        assertEquals("the file is empty; expected a header row: user_id,email,name", unreadable(csv("")).reason());
        assertEquals("expected 3 fields, found 2", unreadable(csv(header + good + "b,b@example.org\n")).reason());
    }

    @Test
    void aQuoteLeftOpenIsRefusedWithoutReadingTheWholeFile() {
        String header = "user_id,email,name\n";
        List<DirectoryRow> rows = csv(header + "a,a@example.org,\"A\n" + "b,b@example.org,B\n".repeat(200_000));

        assertUnreadableAt(2, rows);
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() {
        byte[] latin1 = "user_id,email,name\nz,z@example.org,Zo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1);

        List<DirectoryRow> rows = DirectoryFiles.rows(new ByteArrayInputStream(latin1), Format.CSV).toList();

        assertEquals(new DirectoryRow.Unreadable(0, "the file is not UTF-8 text"), unreadable(rows));
    }

    @Test
    void aJsonArrayOfUsersGivesItsUsers() {
        List<DirectoryRow> rows = json("""
                [
                  {"id": "jsmith", "email": "jane@example.org", "name": "Jane Smith"},
                  {"user_id": 4711, "email": "bob@example.org", "name": "Bob Doe", "department": {"name": "CS"}}
                ]
                """);

        assertEquals(2, rows.size());
        assertEquals(new DirectoryUserId("4711"), user(rows.get(1)).id());
        assertEquals("Bob Doe", user(rows.get(1)).name().value());
        assertEquals(3, rows.get(1).line());
    }

    @Test
    void groupsComeFromASemicolonSeparatedCsvColumnOrAJsonArrayOrString() {
        List<DirectoryRow> fromCsv = csv("user_id,email,name,groups\np1,p1@example.org,P One,Staff; alumni\ns1,s1@example.org,S One,\n");
        assertEquals(GroupName.parseList("alumni;staff"), user(fromCsv.get(0)).groups());
        assertEquals(Set.of(), user(fromCsv.get(1)).groups());
        assertEquals(Set.of(), user(csv("user_id,email,name\np1,p1@example.org,P One\n").get(0)).groups(), "no column, no groups");

        List<DirectoryRow> fromJson = json("""
                [
                  {"id": "p1", "email": "p1@example.org", "name": "P One", "groups": ["staff", "Alumni"]},
                  {"id": "s1", "email": "s1@example.org", "name": "S One", "groups": "student;tutor"}
                ]
                """);
        assertEquals(GroupName.parseList("alumni;staff"), user(fromJson.get(0)).groups());
        assertEquals(GroupName.parseList("student;tutor"), user(fromJson.get(1)).groups());
        assertUnreadableAt(2, json("[\n{\"id\": \"p1\", \"email\": \"p1@example.org\", \"name\": \"P\", \"groups\": 7}]"));
        assertUnreadableAt(2, csv("user_id,email,name,groups\np1,p1@example.org,P One,a=b\n"));
    }

    @Test
    void theTutorialBotsDatabaseJsonGivesItsUsersAndTheirLinks() {
        List<DirectoryRow> rows = json("""
                {
                  "users": {
                    "s1001": {"email": "ann@uni.example.edu", "name": "Ann Lee"},
                    "s1002": {"email": "ben@uni.example.edu", "name": "Ben Okafor"}
                  },
                  "settings": {"prefix": "!"},
                  "discord": {
                    "80351110224678912": "s1001",
                    "80351110224678913": "S1002"
                  }
                }
                """);

        assertEquals(4, rows.size());
        assertEquals(new DirectoryRow.Link(8, new DiscordUserId(80351110224678912L), new DirectoryUserId("s1001")), rows.get(2));
        assertEquals(new DirectoryRow.Link(9, new DiscordUserId(80351110224678913L), new DirectoryUserId("s1002")), rows.get(3));
    }

    @Test
    void eachKindOfBadJsonRowIsNamedByItsLine() {
        assertUnreadableAt(3, json("[\n{\"id\":\"a\",\"email\":\"a@example.org\",\"name\":\"A\"},\n{\"id\":\"b\",\"email\":\"b@example.org\"}\n]"));
        assertUnreadableAt(2, json("[\n{\"id\":\"a\",\"email\":\"a@example.org\",\"name\": \"" + "x".repeat(5000) + "\"}]"));
        assertUnreadableAt(2, json("{\"users\": {\"a\": {\"email\":\"a@example.org\",\"name\":\"A\"}},\n\"discord\": {\"12x\": \"a\"}}"));
        assertUnreadableAt(2, json("[{\"id\":\"a\",\"email\":\"a@example.org\",\"name\":\"A\"}\n,,]"));
        assertUnreadableAt(1, json("\"just a string\""));
        assertUnreadableAt(1, json("{\"people\": []}"));
        assertUnreadableAt(2, json("[]\n[]"));
    }

    @Test
    void aFileReadIntoTheCoreImportsItsUsersAndLinks() {
        Stores stores = InMemoryStores.create();
        TenantId tenant = new TenantId("physics");
        stores.tenants().save(TenantSettings.defaults(tenant, "Physics"));
        try (Gatehouse gatehouse = Gatehouse.builder().stores(stores).publicBaseUrl(URI.create("https://verify.example.edu"))
                .mailer(email -> MailOutcome.sent()).build();
                Stream<DirectoryRow> rows = DirectoryFiles.rows(new StringReader("""
                        {"users": {"p1": {"email": "ada@uni.example.edu", "name": "Ada L."},
                                   "p2": {"email": "max@uni.example.edu", "name": "Max P."}},
                         "discord": {"555000000000000001": "p1"}}
                        """), Format.JSON)) {

            Object result = gatehouse.importDirectory().importRows(new ImportCommand(tenant, rows));

            assertEquals(new DirectoryImported(tenant, new ImportCounts(2, 0, 0, 1, 0)), result);
        }
    }
}
