package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help and usage errors come from the parser alone: no context, no database. */
class OperatorCliHelpTest {
    private static final List<String> COMMANDS = List.of("", "serve", "tenant", "tenant create", "tenant method", "tenant question",
            "tenant list", "tenant describe", "tenant delete", "guild", "guild bind", "guild unbind", "import", "export-links",
            "secrets", "secrets new-key", "secrets rotate", "secrets re-encrypt", "status");

    @TempDir
    Path folder;

    private record Run(int status, String out, String err, long millis) {
    }

    private Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long started = System.nanoTime();
        int status = OperatorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(RunningContext.EMBEDDED_DIRECTORY, database().toString()));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Where a command would put the embedded database if it started one. */
    private Path database() {
        return folder.resolve("data").resolve("postgres");
    }

    private static String[] words(String command, String... more) {
        List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void everyCommandAnswersDashHAndDashDashHelpWithoutStartingADatabase() {
        for (String command : COMMANDS) {
            for (String flag : List.of("-h", "--help")) {
                Run help = cli(words(command, flag));
                assertEquals(0, help.status(), command + " " + flag + ":\n" + help.err());
                assertTrue(help.out().contains("Usage: java -jar gatehouse.jar"), help.out());
                assertTrue(help.out().contains("-h, --help"), command + " " + flag + ":\n" + help.out());
                System.out.printf("%s %s: %d ms%n", command.isEmpty() ? "(no command)" : command, flag, help.millis());
            }
        }
        assertTrue(cli("help").out().contains("export-links"));
        assertTrue(cli("help", "import").out().contains("--format"));
        assertTrue(cli("help", "tenant", "create").out().contains("--retention-days"));
        assertEquals(2, cli("help", "tenant", "frobnicate").status());
        assertFalse(Files.exists(folder.resolve("data")), "no database was started");
    }

    @Test
    void helpNamesEverySwitchWithItsNegation() {
        String create = cli("tenant", "create", "--help").out();
        for (String option : List.of("--[no-]reveal-unknown-ids", "--[no-]allow-relink", "--[no-]guild-admins-may-bind", "--[no-]verbose")) {
            assertTrue(create.contains(option), option + " in\n" + create);
        }
        assertTrue(cli("guild", "bind", "--help").out().contains("--[no-]move"));
    }

    @Test
    void aTypoIsAUsageErrorAtOnceWithASuggestion() {
        Run typo = cli("stauts");
        assertEquals(2, typo.status());
        assertTrue(typo.err().contains("Unknown command: stauts"), typo.err());
        assertTrue(typo.err().contains("status"), "suggests the command meant:\n" + typo.err());
        System.out.printf("typo'd command answered in %d ms%n", typo.millis());

        Run subcommand = cli("tenant", "craete", "x");
        assertEquals(2, subcommand.status());
        assertTrue(subcommand.err().contains("Unknown command: craete"), subcommand.err());
        assertFalse(Files.exists(folder.resolve("data")), "no database was started");
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyDatabaseStarts() {
        Run badTenant = cli("tenant", "create", "Has Spaces", "--name", "X");
        assertEquals(2, badTenant.status());
        assertTrue(badTenant.err().contains("tenant id must be"), badTenant.err());
        Run badGuild = cli("guild", "bind", "12abc", "ok");
        assertEquals(2, badGuild.status());
        assertTrue(badGuild.err().contains("digits only"), badGuild.err());
        Run noName = cli("tenant", "create", "ok");
        assertEquals(2, noName.status());
        assertTrue(noName.err().contains("--name"), noName.err());
        Run badMethod = cli("tenant", "method", "ok", "carrier-pigeon");
        assertEquals(2, badMethod.status());
        assertTrue(badMethod.err().contains("'email', 'handoff' or 'oidc'"), badMethod.err());
        Run notANumber = cli("tenant", "create", "ok", "--name", "Ok", "--retention-days", "a month");
        assertEquals(2, notANumber.status());
        Run badFormat = cli("import", "ok", "x.csv", "--format", "xml");
        assertEquals(2, badFormat.status());
        Run missingFile = cli("import", "ok", folder.resolve("missing.csv").toString());
        assertEquals(1, missingFile.status());
        assertTrue(missingFile.err().contains("no such file"), missingFile.err());
        Run nowhere = cli("export-links", "ok", "--output", folder.resolve("no").resolve("links.csv").toString());
        assertEquals(2, nowhere.status());
        assertTrue(nowhere.err().contains("no folder"), nowhere.err());
        Run noCommand = cli("tenant");
        assertEquals(2, noCommand.status());
        assertEquals(2, cli().status());
        assertFalse(Files.exists(folder.resolve("data")), "no database was started");
    }
}
