package dev.gatehouse.app;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL Gatehouse starts for itself when no database is configured. Its data lives in a local folder and
 * is kept between runs, with durable commits (fsync, synchronous commit, full-page writes). Beside the data folder,
 * an owner-only folder {@code <data>.private} holds the superuser's random password, the Unix socket, the ownership
 * lock and the running instance's marker; the binaries are unpacked in an owner-only folder (the user's cache by
 * default), never in a shared temp folder. Connections need the password (scram-sha-256), also from 127.0.0.1, ::1
 * and the socket.
 *
 * <p>The process that starts the server owns it and holds {@code owner.lock} while it runs. The Gatehouse server
 * owns its database: an operator command finding the server's instance joins it, after checking through the
 * connection that it is that instance (its per-start id and the cluster's system identifier); an operator command
 * finding none starts one only for itself, which no one joins, and a server started meanwhile waits for the command
 * to finish and then starts its own.
 */
final class EmbeddedDatabase implements AutoCloseable {
    /** Who opens the database: the server, which owns it, or an operator command, which joins the server's. */
    enum Role { SERVER, COMMAND }

    static final String INSTANCE_SETTING = "gatehouse.instance_id";
    /** zonky remembers unpacked binaries per resolver, not per folder: one resolver per folder keeps them in ours. */
    private static final Map<Path, PgBinaryResolver> RESOLVERS = new ConcurrentHashMap<>();
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Unix socket paths longer than this don't fit sun_path (108 bytes with the terminator). */
    private static final int MAX_SOCKET_PATH = 100;
    private static final long POLL_MILLIS = 250;
    private static final Duration UNPROVEN_LIMIT = Duration.ofSeconds(60);
    private static final Duration WAIT_LOG_EVERY = Duration.ofSeconds(60);
    /** One channel per lock file for the whole JVM: on Linux, closing any channel of a file drops all its locks. */
    private static final Map<Path, FileChannel> LOCK_CHANNELS = new ConcurrentHashMap<>();

    private final Layout layout;
    private final Optional<EmbeddedPostgres> owned;
    private final Optional<FileLock> ownership;
    private final String jdbcUrl;
    private final String password;

    private EmbeddedDatabase(Layout layout, Optional<EmbeddedPostgres> owned, Optional<FileLock> ownership, int port,
            String password) {
        this.layout = layout;
        this.owned = owned;
        this.ownership = ownership;
        this.jdbcUrl = url(port);
        this.password = password;
    }

    /** The folders the embedded database uses: its data, the private folder beside it, and the binaries. */
    record Layout(Path data, Path privateFolder, Path binaries) {
        static Layout of(Path data, Optional<Path> binaries) {
            Path absolute = data.toAbsolutePath().normalize();
            Path privateFolder = absolute.resolveSibling(absolute.getFileName() + ".private");
            return new Layout(absolute, privateFolder, binaries.map(b -> b.toAbsolutePath().normalize()).orElseGet(Layout::userCache));
        }

        /** {@code $XDG_CACHE_HOME/gatehouse/postgres}, or {@code ~/.cache/gatehouse/postgres}. */
        static Path userCache() {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path cache = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".cache");
            return cache.resolve("gatehouse").resolve("postgres");
        }

        Path password() {
            return privateFolder.resolve("password");
        }

        Path marker() {
            return privateFolder.resolve("instance");
        }

        Path lock() {
            return privateFolder.resolve("owner.lock");
        }

        Path socketFolder() {
            return privateFolder.resolve("socket");
        }

        /** Where zonky unpacks: a folder inside the owner-only binaries folder (zonky opens its own to everyone). */
        Path unpacked() {
            return binaries.resolve("unpacked");
        }
    }

    /** What the owner writes once its server is up: which instance, whose, and where it listens. */
    record Marker(String instanceId, Role role, long pid, int port) {
        static Optional<Marker> read(Path file) {
            try {
                Properties p = new Properties();
                try (var in = Files.newInputStream(file)) {
                    p.load(in);
                }
                return Optional.of(new Marker(p.getProperty("instance"), Role.valueOf(p.getProperty("role")),
                        Long.parseLong(p.getProperty("pid")), Integer.parseInt(p.getProperty("port"))));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        void write(Path file) throws IOException {
            String text = "instance=" + instanceId + "\nrole=" + role + "\npid=" + pid + "\nport=" + port + "\n";
            writeOwnerOnly(file, text);
        }
    }

    /**
     * Opens the embedded database in {@code directory}: starts and owns it, joins the server's instance (operator
     * commands only), or waits for an operator command's instance to end. {@code binaries} overrides where the
     * PostgreSQL binaries are unpacked.
     */
    static EmbeddedDatabase open(Path directory, Optional<Path> binaries, Role role) {
        return open(directory, binaries, role, UNPROVEN_LIMIT);
    }

    /** As {@link #open(Path, Optional, Role)}, giving up on a server that doesn't prove its identity after {@code unprovenLimit}. */
    static EmbeddedDatabase open(Path directory, Optional<Path> binaries, Role role, Duration unprovenLimit) {
        Layout layout = Layout.of(directory, binaries);
        try {
            ensureOwnerOnlyFolder(layout.privateFolder());
            ensureOwnerOnlyFolder(layout.binaries());
            FileChannel channel = lockChannel(layout.lock());
            long started = System.nanoTime();
            long lastTold = 0;
            while (true) {
                Optional<FileLock> lock = tryLock(channel);
                if (lock.isPresent()) {
                    try {
                        return start(layout, role, lock.get());
                    } catch (RuntimeException | IOException e) {
                        lock.get().release();
                        throw e;
                    }
                }
                Optional<Marker> marker = Marker.read(layout.marker());
                if (marker.isPresent() && marker.get().role() == Role.SERVER) {
                    if (role == Role.SERVER) {
                        throw new IllegalStateException("another Gatehouse server (process " + marker.get().pid()
                                + ") already runs on the embedded database in " + layout.data() + "; only one server can use it. "
                                + "To run several instances, point DATASOURCES_DEFAULT_URL at a PostgreSQL server.");
                    }
                    Optional<EmbeddedDatabase> joined = join(layout, marker.get());
                    if (joined.isPresent()) {
                        return joined.get();
                    }
                    if (System.nanoTime() - started > unprovenLimit.toNanos()) {
                        throw new IllegalStateException("the embedded database in " + layout.data() + " is held by process "
                                + marker.get().pid() + ", but the server on port " + marker.get().port()
                                + " did not prove to be its instance; not connecting to it");
                    }
                }
                if (lastTold == 0 || System.nanoTime() - lastTold > WAIT_LOG_EVERY.toNanos()) {
                    lastTold = System.nanoTime();
                    LOG.warn(waitingMessage(layout, role, marker));
                }
                sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + layout.data() + ": " + e.getMessage(), e);
        }
    }

    private static String waitingMessage(Layout layout, Role role, Optional<Marker> marker) {
        String holder = marker.map(m -> (m.role() == Role.COMMAND ? "an operator command" : "the server") + " (process " + m.pid() + ")")
                .orElse("another process that is starting it");
        return role == Role.SERVER
                ? "The embedded database in " + layout.data() + " is in use by " + holder
                        + "; Gatehouse starts serving once that has finished."
                : "The embedded database in " + layout.data() + " is in use by " + holder + "; waiting for it.";
    }

    private static EmbeddedDatabase start(Layout layout, Role role, FileLock lock) throws IOException {
        Files.deleteIfExists(layout.marker());
        Path data = layout.data();
        if (!Files.isDirectory(data)) {
            createOwnerOnlyParents(data.getParent());
        }
        boolean fresh = !Files.exists(data.resolve("postgresql.conf"));
        Optional<String> kept = readPassword(layout.password());
        String password = kept.orElseGet(EmbeddedDatabase::newPassword);
        boolean upgrade = kept.isEmpty() && !fresh;
        if (kept.isEmpty() && fresh) {
            writeOwnerOnly(layout.password(), password + "\n");
        }
        String instanceId = HexFormat.of().formatHex(randomBytes(16));
        ensureOwnerOnlyFolder(layout.unpacked().getParent());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(layout.unpacked().toFile())
                .setPgBinaryResolver(RESOLVERS.computeIfAbsent(layout.unpacked(), folder -> DefaultPostgresBinaryResolver.INSTANCE::getPgBinary))
                .setPGStartupWait(Duration.ofSeconds(60))
                // zonky starts PostgreSQL with -F (fsync off) and synchronous_commit=off; later settings win
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("unix_socket_directories", socketFolder(layout))
                .setServerConfig("unix_socket_permissions", "0700")
                .setServerConfig(INSTANCE_SETTING, instanceId)
                // zonky runs initdb with "-A trust" and appends these as --key=value, which override it
                .setLocaleConfig("auth-local", "scram-sha-256")
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("pwfile", layout.password().toString())
                .setConnectConfig("password", password)
                .setDataDirectoryCustomizer(folder -> secure(layout, folder.toPath(), password, upgrade));
        EmbeddedPostgres postgres = builder.start();
        try {
            restrict(layout.unpacked(), OWNER_ONLY_FOLDER);
            new Marker(instanceId, role, ProcessHandle.current().pid(), postgres.getPort()).write(layout.marker());
            if (!proves(layout, postgres.getPort(), password, instanceId)) {
                throw new IllegalStateException("the PostgreSQL answering on port " + postgres.getPort() + " is not the one just started");
            }
        } catch (RuntimeException | IOException e) {
            postgres.close();
            throw e;
        }
        if (role == Role.SERVER) {
            LOG.warn("No database configured (datasources.default.url): using an embedded PostgreSQL with its data in {}. "
                    + "Fine for one server on one machine; for production point DATASOURCES_DEFAULT_URL at a real server.", data);
        } else {
            LOG.info("Started the embedded PostgreSQL in {} for this command only; it stops when the command ends", data);
        }
        return new EmbeddedDatabase(layout, Optional.of(postgres), Optional.of(lock), postgres.getPort(), password);
    }

    /**
     * Before the server starts: only password logins in pg_hba.conf; a data folder from an earlier version (trust,
     * no password kept) gets its superuser password set in single-user mode first, then the password is kept.
     */
    private static void secure(Layout layout, Path data, String password, boolean upgrade) {
        try {
            restrict(layout.unpacked(), OWNER_ONLY_FOLDER);
            if (upgrade) {
                LOG.info("Upgrading the embedded database in {} from trust to password authentication", data);
                setPasswordOffline(layout, data, password);
            }
            writeOwnerOnly(data.resolve("pg_hba.conf"), """
                    # Written by Gatehouse at every start: password logins only.
                    local   all   all                  scram-sha-256
                    host    all   all   127.0.0.1/32   scram-sha-256
                    host    all   all   ::1/128        scram-sha-256
                    """);
            if (upgrade) {
                writeOwnerOnly(layout.password(), password + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not secure the embedded database in " + data, e);
        }
    }

    private static void setPasswordOffline(Layout layout, Path data, String password) throws IOException {
        Path postgres = postgresBinary(layout.unpacked());
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgres.toString(), "--single", "-D", data.toString(), "-c", "fsync=on", "postgres"));
        String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(("ALTER ROLE postgres PASSWORD '" + verifier + "'\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("ERROR:")) {
                process.destroyForcibly();
                throw new IOException("setting the password in single-user mode failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting the password", e);
        }
    }

    /** zonky's unpacked {@code postgres}: the newest {@code PG-<digest>} folder under {@code unpacked}. */
    private static Path postgresBinary(Path unpacked) throws IOException {
        try (Stream<Path> folders = Files.list(unpacked)) {
            return folders.filter(f -> f.getFileName().toString().startsWith("PG-"))
                    .filter(f -> Files.isExecutable(f.resolve("bin/postgres")))
                    .max(Comparator.comparingLong(f -> f.toFile().lastModified()))
                    .map(f -> f.resolve("bin/postgres"))
                    .orElseThrow(() -> new IOException("no PostgreSQL binaries under " + unpacked));
        }
    }

    private static String socketFolder(Layout layout) throws IOException {
        ensureOwnerOnlyFolder(layout.socketFolder());
        String folder = layout.socketFolder().toString();
        if (folder.length() + "/.s.PGSQL.65535".length() > MAX_SOCKET_PATH) {
            LOG.info("The embedded database's socket folder path {} is too long for a Unix socket; it listens on 127.0.0.1 only", folder);
            return "";
        }
        return folder;
    }

    /** Joins the server's instance if the server on the marker's port proves to be it. */
    private static Optional<EmbeddedDatabase> join(Layout layout, Marker marker) {
        Optional<String> password = readPassword(layout.password());
        if (password.isEmpty() || !proves(layout, marker.port(), password.get(), marker.instanceId())) {
            return Optional.empty();
        }
        LOG.info("Using the Gatehouse server's embedded PostgreSQL (process {}) for {}", marker.pid(), layout.data());
        return Optional.of(new EmbeddedDatabase(layout, Optional.empty(), Optional.empty(), marker.port(), password.get()));
    }

    /**
     * Whether the server on {@code port} is the instance started with {@code instanceId} on this data folder: its
     * start-time id and its cluster's system identifier (the one in {@code global/pg_control}) must both match.
     */
    private static boolean proves(Layout layout, int port, String password, String instanceId) {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "5");
        try (Connection c = DriverManager.getConnection(url(port), properties); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT current_setting('" + INSTANCE_SETTING + "', true), "
                        + "(SELECT system_identifier::text FROM pg_control_system())")) {
            return r.next() && instanceId.equals(r.getString(1)) && systemIdentifier(layout.data()).equals(r.getString(2));
        } catch (SQLException | IOException e) {
            LOG.debug("the server on port {} did not prove to be the embedded database's instance: {}", port, e.getMessage());
            return false;
        }
    }

    /** The cluster's system identifier: the first field of {@code global/pg_control}, in the machine's byte order. */
    static String systemIdentifier(Path data) throws IOException {
        byte[] control = Files.readAllBytes(data.resolve("global").resolve("pg_control"));
        return Long.toUnsignedString(ByteBuffer.wrap(control, 0, 8).order(ByteOrder.nativeOrder()).getLong());
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2";
    }

    private static FileChannel lockChannel(Path lock) {
        return LOCK_CHANNELS.computeIfAbsent(lock, path -> {
            try {
                if (!Files.exists(path)) {
                    writeOwnerOnly(path, "");
                }
                return FileChannel.open(path, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("could not open " + path, e);
            }
        });
    }

    private static Optional<FileLock> tryLock(FileChannel channel) throws IOException {
        try {
            return Optional.ofNullable(channel.tryLock());
        } catch (OverlappingFileLockException heldInThisJvm) {
            return Optional.empty();
        }
    }

    private static Optional<String> readPassword(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() || lines.get(0).isBlank() ? Optional.empty() : Optional.of(lines.get(0).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String newPassword() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Writes the file owner-only, replacing it atomically. */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (POSIX) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        }
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Creates the folder (and missing parents) owner-only; an existing one must be ours, and is made owner-only. */
    private static void ensureOwnerOnlyFolder(Path folder) throws IOException {
        createOwnerOnlyParents(folder.getParent());
        if (!Files.isDirectory(folder)) {
            if (POSIX) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            } else {
                Files.createDirectory(folder);
            }
        }
        if (POSIX) {
            long owner = ((Number) Files.getAttribute(folder, "unix:uid")).longValue();
            long me = new UnixSystem().getUid();
            if (owner != me) {
                throw new IOException(folder + " belongs to user id " + owner + ", not to this process's user id " + me
                        + "; the embedded database keeps its secrets and binaries only in folders of its own user");
            }
            restrict(folder, OWNER_ONLY_FOLDER);
        }
    }

    /** Creates missing parent folders owner-only; existing ones are left as they are. */
    private static void createOwnerOnlyParents(Path folder) throws IOException {
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        createOwnerOnlyParents(folder.getParent());
        if (POSIX) {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        } else {
            Files.createDirectory(folder);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (POSIX && Files.exists(path)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded database", e);
        }
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String password() {
        return password;
    }

    Layout layout() {
        return layout;
    }

    /** Whether this process started the server (and stops it on close). */
    boolean owns() {
        return owned.isPresent();
    }

    @Override
    public void close() throws IOException {
        if (owned.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(layout.marker());
            owned.get().close();
        } finally {
            if (ownership.isPresent() && ownership.get().isValid()) {
                ownership.get().release();
            }
        }
    }
}
