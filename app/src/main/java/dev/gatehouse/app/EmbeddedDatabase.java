package dev.gatehouse.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL Gatehouse starts for itself when no database is configured: its data lives in a local
 * folder and is kept between runs. If another Gatehouse process (the server, while an operator command
 * runs) already serves that folder, this one connects to it instead of starting a second server.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final Optional<EmbeddedPostgres> owned;
    private final String jdbcUrl;

    private EmbeddedDatabase(Optional<EmbeddedPostgres> owned, String jdbcUrl) {
        this.owned = owned;
        this.jdbcUrl = jdbcUrl;
    }

    static EmbeddedDatabase openOrJoin(Path directory) {
        Path data = directory.toAbsolutePath().normalize();
        Optional<Integer> runningPort = runningServerPort(data);
        if (runningPort.isPresent()) {
            LOG.info("Using the embedded PostgreSQL already running on port {} for {}", runningPort.get(), data);
            return new EmbeddedDatabase(Optional.empty(), url(runningPort.get()));
        }
        try {
            Files.createDirectories(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .start();
            LOG.warn("No database configured (datasources.default.url): using an embedded PostgreSQL with its data in {}. "
                    + "Fine for trying Gatehouse out; for production point DATASOURCES_DEFAULT_URL at a real server.", data);
            return new EmbeddedDatabase(Optional.of(postgres), url(postgres.getPort()));
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL in " + data + ": " + e.getMessage(), e);
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** The port in a live postmaster.pid (line 4), if a server is accepting connections there. */
    private static Optional<Integer> runningServerPort(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            int port = Integer.parseInt(lines.get(3).strip());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 1000);
                return Optional.of(port);
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() throws IOException {
        if (owned.isPresent()) {
            owned.get().close();
        }
    }
}
