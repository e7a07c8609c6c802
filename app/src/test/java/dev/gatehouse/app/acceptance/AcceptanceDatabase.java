package dev.gatehouse.app.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL a packaged app runs on, and a way for the test to read its rows: either the app's embedded default
 * (its data directory under {@code target/acceptance}), or a fresh database on the machine's server, dropped after.
 */
public abstract sealed class AcceptanceDatabase implements AutoCloseable {
    /** The system property naming the server for {@link #onServer()}: a JDBC URL of a database whose user may create databases. */
    public static final String SERVER_PROPERTY = "gatehouse.acceptance.postgres";
    private static final String DEFAULT_SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    /** The environment variables pointing the app (and operator commands) at this database. */
    public abstract Map<String, String> settings();

    /** Releases the database (drops it, or stops a server the app left behind). */
    @Override
    public abstract void close();

    /** A new connection to the app's database, for reading rows. */
    public abstract Connection connect() throws SQLException;

    /** The app's embedded PostgreSQL, started by the app itself with its data in a fresh directory. */
    public static AcceptanceDatabase embedded(String name) {
        Path directory = PackagedApp.artifacts().resolve(name + "-postgres");
        deleteRecursively(directory);
        deleteRecursively(directory.resolveSibling(directory.getFileName() + ".private"));
        return new Embedded(directory);
    }

    /**
     * A fresh database on the machine's PostgreSQL server ({@value #SERVER_PROPERTY}, by default 127.0.0.1:5432 as
     * {@code postgres}). If the server can't be reached the test fails when {@code CI=true} and is skipped otherwise.
     */
    public static AcceptanceDatabase onServer(String name) {
        String admin = System.getProperty(SERVER_PROPERTY, DEFAULT_SERVER);
        String database = "gatehouse_acceptance_" + name.toLowerCase().replaceAll("[^a-z0-9]", "") + "_"
                + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            String message = "no PostgreSQL server at " + admin + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true, so the server-database acceptance tests may not be skipped: " + message);
            }
            Assumptions.abort(message);
        }
        return new Server(admin, admin.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database), database);
    }

    /** The app's own embedded PostgreSQL. */
    static final class Embedded extends AcceptanceDatabase {
        private final Path directory;

        Embedded(Path directory) {
            this.directory = directory;
        }

        @Override
        public Map<String, String> settings() {
            return Map.of("GATEHOUSE_EMBEDDED_DATABASE_DIRECTORY", directory.toString());
        }

        /**
         * Connects to the embedded server the app started: its port is in the instance marker and its password beside
         * it, in the owner-only folder {@code <directory>.private}.
         */
        @Override
        public Connection connect() throws SQLException {
            Path secrets = directory.resolveSibling(directory.getFileName() + ".private");
            try {
                java.util.Properties marker = new java.util.Properties();
                try (var in = Files.newInputStream(secrets.resolve("instance"))) {
                    marker.load(in);
                }
                String password = Files.readAllLines(secrets.resolve("password"), StandardCharsets.UTF_8).get(0).strip();
                return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + marker.getProperty("port") + "/postgres",
                        "postgres", password);
            } catch (IOException | RuntimeException e) {
                throw new SQLException("the embedded PostgreSQL in " + directory + " is not running: " + e.getMessage(), e);
            }
        }

        /** The data folder. */
        public Path directory() {
            return directory;
        }

        /** The running postmaster, from its {@code postmaster.pid}. */
        public Optional<ProcessHandle> postmasterProcess() {
            return postmaster().flatMap(lines -> ProcessHandle.of(Long.parseLong(lines.get(0).strip())))
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        }

        private Optional<List<String>> postmaster() {
            try {
                Path file = directory.resolve("postmaster.pid");
                List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
                return lines.size() >= 4 ? Optional.of(lines) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** Stops a PostgreSQL the app left behind (after a kill -9 its server outlives it). */
        @Override
        public void close() {
            postmaster().flatMap(lines -> ProcessHandle.of(Long.parseLong(lines.get(0).strip())))
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(ProcessHandle::destroy);
        }
    }

    /** A database of its own on the machine's server. */
    static final class Server extends AcceptanceDatabase {
        private final String admin;
        private final String url;
        private final String name;

        Server(String admin, String url, String name) {
            this.admin = admin;
            this.url = url;
            this.name = name;
        }

        @Override
        public Map<String, String> settings() {
            return Map.of("DATASOURCES_DEFAULT_URL", url);
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public void close() {
            try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop " + name, e);
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
