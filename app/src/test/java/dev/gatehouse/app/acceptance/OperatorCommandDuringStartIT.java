package dev.gatehouse.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator imports a directory with no server running, then starts the server: the server waits for the
 * import's own database to stop, then starts its own and keeps serving after the import has ended.
 */
@ExtendWith(PrintLogsOnFailure.class)
class OperatorCommandDuringStartIT {
    private static final int MEMBERS = 1_000_000;

    @Test
    void theServerKeepsServingAfterAnImportThatStartedTheDatabaseEnds() throws Exception {
        AcceptanceDatabase.Embedded database = (AcceptanceDatabase.Embedded) AcceptanceDatabase.embedded("import-then-serve");
        try (PackagedApp app = PackagedApp.create("import-then-serve", database.settings(), List.of("-Xmx384m"))) {
            OperatorCommand.succeed(app.environment(), "tenant", "create", "big", "--name", "Big University");
            Path csv = PackagedApp.artifacts().resolve("import-then-serve.csv");
            try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                out.write("user_id,email,name\n");
                for (int i = 0; i < MEMBERS; i++) {
                    out.write("s-" + i + ",s" + i + "@uni.example.edu,Student " + i + "\n");
                }
            }
            CompletableFuture<OperatorCommand.Result> importing = CompletableFuture.supplyAsync(
                    () -> OperatorCommand.run(app.environment(), "import", "big", csv.toString()));
            Path marker = database.directory().resolveSibling(database.directory().getFileName() + ".private").resolve("instance");
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!(Files.exists(marker) && Files.readString(marker).contains("role=COMMAND")) && System.nanoTime() < deadline) {
                assertTrue(!importing.isDone(), () -> "the import ended before its database was seen: " + importing.join());
                PackagedApp.sleep(50);
            }
            assertTrue(Files.readString(marker).contains("role=COMMAND"), "the import started a database of its own");

            app.startProcess();
            OperatorCommand.Result imported = importing.get(10, TimeUnit.MINUTES);
            assertEquals(0, imported.exitCode(), imported::toString);
            assertTrue(imported.out().contains("1000000 added"), imported::toString);
            assertTrue(app.logText().contains("is in use by an operator command"), "the server said it waited:\n" + app.logTail(40));

            app.awaitHealthy(Duration.ofSeconds(120));
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int answers = 0;
            while (System.nanoTime() < until) {
                int status = PackagedApp.get(app.management("health")).map(r -> r.statusCode()).orElse(-1);
                assertEquals(200, status, "the server's health, which checks its database, is up");
                answers++;
                PackagedApp.sleep(200);
            }
            String status = OperatorCommand.succeed(app.environment(), "status");
            assertTrue(status.contains("big"), status);
            assertEquals(404, PackagedApp.get(app.url("/verify/" + "B".repeat(43))).map(r -> r.statusCode()).orElse(-1),
                    "still serving links after a command joined and left (404 for an unknown link, not 503)");
            assertEquals(200, PackagedApp.get(app.management("health")).map(r -> r.statusCode()).orElse(-1));
            assertTrue(app.isRunning());
            System.out.println("import then serve: the server waited for the import, then answered " + answers + " requests from its own database");
        } finally {
            database.close();
        }
    }
}
