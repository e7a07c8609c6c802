package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.app.directory.LinksCsv;
import dev.gatehouse.persistence.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands against a real database: what they do, and how they refuse bad input. */
class OperatorCliTest {
    private static TestDatabase database;
    private static Map<String, Object> settings;

    @TempDir
    Path files;

    @BeforeAll
    static void database() {
        database = TestDatabase.createEmpty();
        settings = Map.of("datasources.default.url", database.jdbcUrl(), "gatehouse.secrets.key", database.secretsKey());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    private record Run(int status, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = OperatorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), settings);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String content) throws IOException {
        Path path = files.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    @Test
    void exportedCellsThatASpreadsheetWouldRunAsFormulasStartWithAQuote() throws IOException {
        assertEquals(0, cli("tenant", "create", "sheets", "--name", "Sheets").status());
        Path seed = file("formulas.json", """
                {"users": {"=1+2": {"email": "a@uni.example.edu", "name": "A"},
                           "+sum(a1:a9)": {"email": "b@uni.example.edu", "name": "B"},
                           "-2+3": {"email": "c@uni.example.edu", "name": "C"},
                           "@sum(1,2)": {"email": "d@uni.example.edu", "name": "D"},
                           "a=b": {"email": "e@uni.example.edu", "name": "E"}},
                 "discord": {"555000000000000001": "=1+2", "555000000000000002": "+sum(a1:a9)", "555000000000000003": "-2+3",
                             "555000000000000004": "@sum(1,2)", "555000000000000005": "a=b"}}
                """);
        Run imported = cli("import", "sheets", seed.toString());
        assertEquals(0, imported.status(), imported.err());
        Path export = files.resolve("formulas.csv");

        assertEquals(0, cli("export-links", "sheets", "--output", export.toString()).status());

        String csv = Files.readString(export);
        for (String cell : new String[] {",'=1+2,", ",'+sum(a1:a9),", ",'-2+3,", ",\"'@sum(1,2)\",", ",a=b,"}) {
            assertTrue(csv.contains(cell), cell + " in\n" + csv);
        }
        assertEquals("'\tx", LinksCsv.cell("\tx"));
        assertEquals("\"'\rx\"", LinksCsv.cell("\rx"));
        assertEquals("plain", LinksCsv.cell("plain"));
    }

    @Test
    void anOperatorCreatesATenantBindsAServerImportsAndExports() throws IOException {
        assertEquals(0, cli("tenant", "create", "physics", "--name", "Physics Dept", "--link-lifetime", "10").status());
        assertTrue(cli("tenant", "list").out().contains("physics\tPhysics Dept"));
        Run bind = cli("guild", "bind", "123456789012345678", "physics");
        assertEquals(0, bind.status(), bind.err());
        assertTrue(bind.out().contains("/gatehouse setup"));

        Path seed = file("database.json", """
                {"users": {"p1": {"email": "ada@uni.example.edu", "name": "Ada L."},
                           "p2": {"email": "max@uni.example.edu", "name": "Max P."}},
                 "discord": {"555000000000000001": "p1"}}
                """);
        Run imported = cli("import", "physics", seed.toString());
        assertEquals(0, imported.status(), imported.err());
        assertTrue(imported.out().contains("2 added") && imported.out().contains("1 links imported"), imported.out());

        Path export = files.resolve("links.csv");
        assertEquals(0, cli("export-links", "physics", "--output", export.toString()).status());
        assertEquals("discord_user_id,user_id,linked_at,origin\n", Files.readString(export).lines().findFirst().orElseThrow() + "\n");
        assertTrue(Files.readString(export).contains("555000000000000001,p1,"), Files.readString(export));

        Run status = cli("status");
        assertTrue(status.out().contains("Tenant physics (Physics Dept): 2 directory users, 1 linked members, 1 servers"), status.out());
        assertTrue(status.out().contains("verified role NOT SET"), status.out());
    }

    @Test
    void aBrokenRowRejectsTheWholeFileWithItsLineNumberAndChangesNothing() throws IOException {
        cli("tenant", "create", "chem", "--name", "Chemistry");
        StringBuilder csv = new StringBuilder("user_id,email,name\n");
        for (int i = 1; i <= 5; i++) {
            csv.append("c").append(i).append(",c").append(i).append("@uni.example.edu,Chem ").append(i).append('\n');
        }
        csv.append("c6,not-an-email,Chem 6\n");
        Run run = cli("import", "chem", file("chem.csv", csv.toString()).toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("line 7") && run.err().contains("Nothing was imported"), run.err());
        assertTrue(cli("status").out().contains("Tenant chem (Chemistry): 0 directory users"));
    }

    @Test
    void badInputGetsAClearErrorAndAUsageExitCode() throws IOException {
        Run badTenant = cli("tenant", "create", "Has Spaces", "--name", "X");
        assertEquals(2, badTenant.status());
        assertTrue(badTenant.err().contains("tenant id must be"), badTenant.err());

        Run noName = cli("tenant", "create", "ok");
        assertEquals(2, noName.status());
        assertTrue(noName.err().contains("--name"), noName.err());

        Run badGuild = cli("guild", "bind", "12abc", "ok");
        assertEquals(2, badGuild.status());
        assertTrue(badGuild.err().contains("digits only"), badGuild.err());

        Run unknownTenant = cli("guild", "bind", "42", "nobody");
        assertEquals(1, unknownTenant.status());
        assertTrue(unknownTenant.err().contains("no tenant nobody"), unknownTenant.err());

        Run missingFile = cli("import", "nobody", files.resolve("missing.csv").toString());
        assertEquals(1, missingFile.status());

        Run unknownOption = cli("tenant", "create", "ok", "--name", "Ok", "--colour", "blue");
        assertEquals(2, unknownOption.status());
        assertTrue(unknownOption.err().contains("Unknown option") && unknownOption.err().contains("'--colour'"), unknownOption.err());

        Run unknownCommand = cli("frobnicate");
        assertEquals(2, unknownCommand.status());
        assertTrue(unknownCommand.err().contains("Unknown command"));
        assertTrue(cli("tenant", "list").out().lines().noneMatch(l -> l.startsWith("ok\t")), "nothing was created");
    }

    @Test
    void anOperatorLimitsHowLongAVerificationHolds() {
        Run created = cli("tenant", "create", "uni", "--name", "Uni");
        assertTrue(created.out().contains("verifications hold forever"), created.out());

        Run yearly = cli("tenant", "create", "uni", "--name", "Uni", "--verification-lifetime", "06-30");
        assertEquals(0, yearly.status(), yearly.err());
        assertTrue(yearly.out().contains("verifications hold until the end of 30 June each year (reminder 7 days before)"), yearly.out());
        Run minute = cli("tenant", "create", "uni", "--name", "Uni", "--verification-lifetime", "1m", "--verification-reminder", "30s");
        assertEquals(0, minute.status(), minute.err());
        assertTrue(minute.out().contains("verifications hold 1 minute (reminder 30 seconds before)"), minute.out());
        assertTrue(cli("tenant", "describe", "uni").out().contains("verifications hold 1 minute"));

        Run reminderTooLong = cli("tenant", "create", "uni", "--name", "Uni", "--verification-lifetime", "1d",
                "--verification-reminder", "2d");
        assertEquals(2, reminderTooLong.status());
        assertTrue(reminderTooLong.err().contains("must be shorter than the verification lifetime"), reminderTooLong.err());
        Run nonsense = cli("tenant", "create", "uni", "--name", "Uni", "--verification-lifetime", "a year");
        assertEquals(2, nonsense.status());
        assertTrue(nonsense.err().contains("unknown verification lifetime 'a year'"), nonsense.err());
        Run noDate = cli("tenant", "create", "uni", "--name", "Uni", "--verification-lifetime", "02-30");
        assertEquals(2, noDate.status());
        assertTrue(noDate.err().contains("no such date '02-30'"), noDate.err());
        assertTrue(cli("tenant", "describe", "uni").out().contains("verifications hold 1 minute"), "nothing changed");

        Run forever = cli("tenant", "create", "uni", "--name", "Uni", "--verification-lifetime", "forever");
        assertTrue(forever.out().contains("verifications hold forever"), forever.out());
    }

    @Test
    void anOperatorSetsATenantsDefaultLanguageAndTimeZone() {
        Run created = cli("tenant", "create", "uni-de", "--name", "Uni Bonn");
        assertTrue(created.out().contains("emails in en unless the member's language is known, times in UTC"), created.out());

        Run german = cli("tenant", "create", "uni-de", "--name", "Uni Bonn", "--language", "de", "--time-zone", "Europe/Berlin");
        assertEquals(0, german.status(), german.err());
        assertTrue(german.out().contains("emails in de unless the member's language is known, times in Europe/Berlin"), german.out());
        assertTrue(cli("tenant", "describe", "uni-de").out().contains("emails in de"));

        Run klingon = cli("tenant", "create", "uni-de", "--name", "Uni Bonn", "--language", "tlh");
        assertEquals(2, klingon.status());
        assertTrue(klingon.err().contains("unsupported language 'tlh'") && klingon.err().contains("pt-BR"), klingon.err());
        Run nowhere = cli("tenant", "create", "uni-de", "--name", "Uni Bonn", "--time-zone", "Mars/Olympus");
        assertEquals(2, nowhere.status());
        assertTrue(nowhere.err().contains("unknown time zone 'Mars/Olympus'"), nowhere.err());
        assertTrue(cli("tenant", "describe", "uni-de").out().contains("times in Europe/Berlin"), "nothing changed");
    }

    @Test
    void syncOptionsWithoutSyncAreAUsageErrorAndChangeNothing() throws IOException {
        Path csv = file("opts.csv", "user_id,email,name\no1,o1@uni.example.edu,O One\n");

        Run dryRunAlone = cli("import", "nobody", csv.toString(), "--dry-run");
        assertEquals(2, dryRunAlone.status());
        assertTrue(dryRunAlone.err().contains("need --sync"), dryRunAlone.err());

        Run badPercent = cli("import", "nobody", csv.toString(), "--sync", "--max-removal-percent", "150");
        assertEquals(2, badPercent.status());
        assertTrue(badPercent.err().contains("from 0 to 100"), badPercent.err());
    }

    @Test
    void anOperatorSetsHowLongATenantKeepsFinishedRecords() {
        Run created = cli("tenant", "create", "bio", "--name", "Biology");
        assertTrue(created.out().contains("records kept 30 days"), created.out());

        Run shorter = cli("tenant", "create", "bio", "--name", "Biology", "--retention-days", "7");
        assertEquals(0, shorter.status(), shorter.err());
        assertTrue(shorter.out().contains("records kept 7 days"), shorter.out());
        assertTrue(cli("status").out().contains("records kept 7 days"));

        Run tooShort = cli("tenant", "create", "bio", "--name", "Biology", "--retention-days", "0");
        assertEquals(2, tooShort.status());
        assertTrue(tooShort.err().contains("records are kept between 1 and 3650 days"), tooShort.err());
        Run notANumber = cli("tenant", "create", "bio", "--name", "Biology", "--retention-days", "a month");
        assertEquals(2, notANumber.status());
        assertTrue(cli("status").out().contains("records kept 7 days"), "nothing changed");
    }

    @Test
    void aNewSecretsKeyIsPrintedAlone() {
        Run key = cli("secrets", "new-key");
        assertEquals(0, key.status());
        String printed = key.out().strip();
        assertEquals(32, java.util.Base64.getDecoder().decode(printed).length);
        assertTrue(key.err().contains("Key id "), key.err());
    }

    @Test
    void anOperatorSwitchesATenantToTheHandoffAndSetsItsQuestion() throws IOException {
        assertEquals(0, cli("tenant", "create", "acme", "--name", "Acme Members").status());
        Path secret = file("handoff.secret", "a-random-secret-of-at-least-32-characters\n");

        Run handoff = cli("tenant", "method", "acme", "handoff", "--site-url", "https://members.acme.example/discord",
                "--secret-file", secret.toString(), "--lifetime", "20");
        assertEquals(0, handoff.status(), handoff.err());
        assertTrue(handoff.out().contains("https://members.acme.example/discord") && handoff.out().contains("secret set")
                && handoff.out().contains("20 min") && handoff.out().contains("/handoff/acme/callback"), handoff.out());
        assertTrue(!handoff.out().contains("a-random-secret"), "the secret is never printed");

        Run question = cli("tenant", "question", "acme", "--text", "What is the meaning of life?", "--answers", "42| forty-two |");
        assertEquals(0, question.status(), question.err());
        assertTrue(question.out().contains("accepts 2 answer(s)"), question.out());

        Run status = cli("status");
        assertTrue(status.out().contains("verifies by hand-off to https://members.acme.example/discord (secret set)"), status.out());
        assertTrue(status.out().contains("question: \"What is the meaning of life?\" (2 answers)"), status.out());
        assertTrue(!status.out().contains("a-random-secret"), status.out());

        assertEquals(0, cli("tenant", "question", "acme", "--clear").status());
        assertEquals(0, cli("tenant", "method", "acme", "email").status());
        String acme = tenantBlock(cli("status").out(), "acme");
        assertTrue(acme.contains("verifies by emailed link; question: none"), acme);
    }

    @Test
    void badHandoffAndQuestionSettingsAreRefusedAndChangeNothing() throws IOException {
        assertEquals(0, cli("tenant", "create", "beta", "--name", "Beta").status());
        Path shortSecret = file("short.secret", "too-short");

        Run tooShort = cli("tenant", "method", "beta", "handoff", "--site-url", "https://beta.example", "--secret-file", shortSecret.toString());
        Run badUrl = cli("tenant", "method", "beta", "handoff", "--site-url", "ftp://beta.example/x");
        Run badMethod = cli("tenant", "method", "beta", "carrier-pigeon");
        Run noTenant = cli("tenant", "method", "nobody", "email");
        Run missingFile = cli("tenant", "method", "beta", "handoff", "--secret-file", files.resolve("missing").toString());
        Run noAnswers = cli("tenant", "question", "beta", "--text", "Why?");
        Run longQuestion = cli("tenant", "question", "beta", "--text", "q".repeat(46), "--answers", "a");

        for (Run run : new Run[] {tooShort, badUrl, badMethod, noTenant, missingFile, noAnswers, longQuestion}) {
            assertEquals(2, run.status(), run.out() + run.err());
        }
        assertTrue(tooShort.err().contains("at least 32 characters"), tooShort.err());
        assertTrue(badUrl.err().contains("http(s)"), badUrl.err());
        assertTrue(badMethod.err().contains("'email', 'handoff' or 'oidc'"), badMethod.err());
        assertTrue(noTenant.err().contains("no tenant nobody"), noTenant.err());
        assertTrue(missingFile.err().contains("can't read the secret file"), missingFile.err());
        assertTrue(noAnswers.err().contains("--answers"), noAnswers.err());
        assertTrue(longQuestion.err().contains("45"), longQuestion.err());
        String beta = tenantBlock(cli("status").out(), "beta");
        assertTrue(beta.contains("verifies by emailed link; question: none"), beta);
    }

    @Test
    void everySwitchCanBeTurnedOffAgain() {
        Run on = cli("tenant", "create", "flags", "--name", "Flags", "--reveal-unknown-ids", "--allow-relink", "--guild-admins-may-bind");
        assertEquals(0, on.status(), on.err());
        assertTrue(on.out().contains("unknown ids revealed, relink allowed, servers bound by server admins too"), on.out());

        Run off = cli("tenant", "create", "flags", "--name", "Flags", "--no-reveal-unknown-ids", "--no-allow-relink",
                "--no-guild-admins-may-bind");
        assertEquals(0, off.status(), off.err());
        assertTrue(off.out().contains("unknown ids hidden, relink refused, servers bound by the operator only"), off.out());

        Run untouched = cli("tenant", "create", "flags", "--name", "Flags", "--allow-relink");
        assertTrue(untouched.out().contains("unknown ids hidden, relink allowed, servers bound by the operator only"),
                "switches not given stay as they are: " + untouched.out());
    }

    @Test
    void aTenantIsDeletedOnlyOnceItsServersAreUnbound() throws IOException {
        assertEquals(0, cli("tenant", "create", "gone", "--name", "Going Away").status());
        assertEquals(0, cli("guild", "bind", "700000000000000001", "gone").status());
        assertEquals(0, cli("guild", "bind", "700000000000000002", "gone").status());
        assertEquals(0, cli("import", "gone", file("gone.csv", "user_id,email,name\ng1,g1@uni.example.edu,G One\n").toString()).status());

        Run refused = cli("tenant", "delete", "gone");
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("700000000000000001, 700000000000000002") && refused.err().contains("guild unbind"),
                refused.err());
        assertTrue(cli("tenant", "list").out().contains("gone\tGoing Away"), "nothing was deleted");

        for (String guild : new String[] {"700000000000000001", "700000000000000002"}) {
            Run unbound = cli("guild", "unbind", guild);
            assertEquals(0, unbound.status(), unbound.err());
            assertTrue(unbound.out().contains("no longer bound to tenant gone"), unbound.out());
        }
        Run again = cli("guild", "unbind", "700000000000000001");
        assertEquals(1, again.status());
        assertTrue(again.err().contains("not bound to any tenant"), again.err());

        Run deleted = cli("tenant", "delete", "gone");
        assertEquals(0, deleted.status(), deleted.err());
        assertTrue(deleted.out().contains("Deleted tenant gone with 1 directory users and 0 links"), deleted.out());
        assertTrue(cli("tenant", "list").out().lines().noneMatch(l -> l.startsWith("gone\t")));
        assertEquals(1, cli("tenant", "describe", "gone").status());
    }

    @Test
    void aBoundServerMovesToAnotherTenantOnlyWithMove() {
        assertEquals(0, cli("tenant", "create", "old-home", "--name", "Old Home").status());
        assertEquals(0, cli("tenant", "create", "new-home", "--name", "New Home").status());
        assertEquals(0, cli("guild", "bind", "710000000000000001", "old-home").status());

        Run refused = cli("guild", "bind", "710000000000000001", "new-home");
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("bound to tenant old-home") && refused.err().contains("--move"), refused.err());
        assertTrue(describe("old-home").contains("server 710000000000000001"), "the server stayed");

        Run moved = cli("guild", "bind", "710000000000000001", "new-home", "--move");
        assertEquals(0, moved.status(), moved.err());
        assertTrue(describe("new-home").contains("server 710000000000000001"));
        assertTrue(describe("old-home").contains("0 servers"));
    }

    @Test
    void aLongImportReportsItsProgressInPlainLinesWhenNotOnATerminal() throws IOException {
        assertEquals(0, cli("tenant", "create", "big", "--name", "Big").status());
        StringBuilder csv = new StringBuilder("user_id,email,name\n");
        for (int i = 1; i <= 25_000; i++) {
            csv.append('b').append(i).append(",b").append(i).append("@uni.example.edu,B ").append(i).append('\n');
        }

        Run imported = cli("import", "big", file("big.csv", csv.toString()).toString());

        assertEquals(0, imported.status(), imported.err());
        List<String> progress = imported.err().lines().toList();
        assertEquals(3, progress.size(), imported.err());
        assertTrue(progress.get(0).startsWith("Read 10000 rows ("), progress.get(0));
        assertTrue(progress.get(1).startsWith("Read 20000 rows ("), progress.get(1));
        assertTrue(progress.get(2).matches("Read 25000 rows \\(\\d+ rows/s\\)"), progress.get(2));
        assertTrue(imported.out().contains("25000 added"), imported.out());
        assertTrue(!imported.err().contains("\r"), "no bar redrawn in place off a terminal");
    }

    @Test
    void aCsvWithoutANeededColumnIsRejectedNamingIt() throws IOException {
        assertEquals(0, cli("tenant", "create", "cols", "--name", "Columns").status());

        Run run = cli("import", "cols", file("cols.csv", "user_id,mail_box,name\nc1,c1@uni.example.edu,C One\n").toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("line 1: the header row has no email column"), run.err());
    }

    @Test
    void lineBreaksInQuotedCellsAreReadAsPartOfTheCell() throws IOException {
        assertEquals(0, cli("tenant", "create", "multi", "--name", "Multi-line").status());
        String header = "user_id,email,name,notes\r\n";
        String twoLineCell = "m1,m1@uni.example.edu,M One,\"first line\r\nsecond line\"\r\n";

        Run good = cli("import", "multi", file("good.csv", header + twoLineCell + "m2,m2@uni.example.edu,M Two,\"a\nb\"\r\n").toString());
        Run bad = cli("import", "multi", file("bad.csv", header + twoLineCell + "m3,not-an-email,M Three,\r\n").toString());

        assertEquals(0, good.status(), good.err());
        assertTrue(good.out().contains("2 added"), good.out());
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("line 4:"), "the row after a two-line cell starts on line 4: " + bad.err());
    }

    @Test
    void aPersonsDataIsExportedAsJsonThenErasedAndBadRequestsChangeNothing() throws IOException {
        assertEquals(0, cli("tenant", "create", "gdpr", "--name", "Erasure").status());
        assertEquals(0, cli("import", "gdpr", file("gdpr.csv", "user_id,email,name\ng1,g1@uni.example.edu,Gia One\n").toString()).status());

        Run both = cli("user", "export", "gdpr", "--user", "g1", "--discord-user", "123456789012345678");
        Run neither = cli("user", "erase", "gdpr");
        Run unknownTenant = cli("user", "export", "nope", "--user", "g1");
        Run export = cli("user", "export", "gdpr", "--user", "G1");

        assertEquals(2, both.status(), both.err());
        assertEquals(2, neither.status(), neither.err());
        assertEquals(1, unknownTenant.status(), unknownTenant.err());
        assertEquals(0, export.status(), export.err());
        assertTrue(export.out().contains("\"email\" : \"g1@uni.example.edu\"") && export.out().contains("\"link\" : null"), export.out());

        Run erase = cli("user", "erase", "gdpr", "--user", "g1");
        assertEquals(0, erase.status(), erase.err());
        assertTrue(erase.out().startsWith("Erased: the directory row, 0 sessions"), erase.out());
        Run again = cli("user", "erase", "gdpr", "--discord-user", "123456789012345678");
        assertEquals(1, again.status());
        assertTrue(again.err().contains("holds nothing about that person"), again.err());
    }

    @Test
    void aPersonsExportShowsTheLanguageKeptWithTheirLink() throws Exception {
        assertEquals(0, cli("tenant", "create", "lang", "--name", "Languages").status());
        assertEquals(0, cli("import", "lang", file("lang.csv", "user_id,email,name\nl1,l1@uni.example.edu,Lia One\n").toString()).status());
        try (java.sql.Connection c = database.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO links (tenant_id, discord_user_id, directory_user_id, linked_at, origin, language)
                    VALUES ('lang', 223456789012345678, 'l1', now(), 'EMAIL', 'pt-BR')
                    """);
        }

        Run export = cli("user", "export", "lang", "--user", "l1");

        assertEquals(0, export.status(), export.err());
        assertTrue(export.out().contains("\"origin\" : \"EMAIL\"") && export.out().contains("\"language\" : \"pt-BR\""), export.out());
    }

    private static String describe(String tenant) {
        Run run = cli("tenant", "describe", tenant);
        assertEquals(0, run.status(), run.err());
        return run.out();
    }

    /** The lines of {@code status} about one tenant. */
    private static String tenantBlock(String status, String tenant) {
        int start = status.indexOf("Tenant " + tenant + " ");
        assertTrue(start >= 0, status);
        int end = status.indexOf("\nTenant ", start + 1);
        return status.substring(start, end < 0 ? status.length() : end);
    }
}
