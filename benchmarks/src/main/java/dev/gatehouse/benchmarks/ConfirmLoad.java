package dev.gatehouse.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The confirm against the durable-commit ceiling, over the packaged jar: creates a fresh database on the machine's
 * PostgreSQL (or lets the jar start its embedded one), creates a tenant and imports its directory with the operator
 * commands (timed: the import figure), binds a server and seeds pending sessions in SQL, starts the jar (timed: start
 * to the first 200) and then, for each concurrency, runs pgbench's confirm-shaped transaction (consume a session,
 * insert a link, queue the role and the nickname) and the HTTP confirm load (POST of the link page's Confirm button,
 * keep-alive JDK client) one after the other. Afterwards every confirm is checked in SQL: session confirmed, link to
 * the right directory user, role and nickname updates queued, audit row. Prints one table with the conditions.
 *
 * <p>Options: {@code --jar app/target/gatehouse.jar}, {@code --database server|embedded},
 * {@code --admin-url jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}, {@code --users 1000000},
 * {@code --seconds 10} per step, {@code --warm-up 30} (seconds of confirms at concurrency 4 before the first step, so
 * the JIT has compiled the hot paths), {@code --concurrency 1,4,16,64}, {@code --rounds 1}, {@code --java-options "..."}
 * (for the jar; by default those of the README's run command, {@value #README_JVM_OPTIONS}, so memory is measured
 * as a user who follows it runs the jar; {@code ""} for none).
 */
final class ConfirmLoad {
    static final String TENANT = "bench";
    static final long GUILD = 900_000_000_000_000_001L;
    static final long ROLE = 900_000_000_000_000_007L;
    private static final long FIRST_MEMBER = 100_000_000_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The JVM options of the README's run command: what a user who follows it gets. */
    static final String README_JVM_OPTIONS = "-XX:+UseSerialGC -Xmx128m";

    private final Map<String, String> options;
    private final Path work;

    private ConfirmLoad(Map<String, String> options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("gatehouse-bench");
    }

    static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(Map.of("--jar", "app/target/gatehouse.jar", "--database", "server",
                "--admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "--users", "1000000",
                "--seconds", "10", "--warm-up", "30", "--concurrency", "1,4,16,64", "--rounds", "1", "--java-options", README_JVM_OPTIONS), args);
        new ConfirmLoad(options).run();
    }

    private int seconds() {
        return Integer.parseInt(options.get("--seconds"));
    }

    private int[] concurrencies() {
        return Arrays.stream(options.get("--concurrency").split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    }

    private void run() throws Exception {
        Path jar = Path.of(options.get("--jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -B package -DskipTests)");
        }
        Database database = options.get("--database").equals("embedded") ? new Embedded(work.resolve("postgres"))
                : new Server(options.get("--admin-url"));
        int users = Integer.parseInt(options.get("--users"));
        int rounds = Integer.parseInt(options.get("--rounds"));
        int sessions = Math.min(users, 200_000);
        try (database) {
            Map<String, String> environment = new LinkedHashMap<>(database.settings());
            int port = freePort();
            environment.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
            environment.put("GATEHOUSE_WEB_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
            environment.put("GATEHOUSE_MANAGEMENT_PORT", Integer.toString(freePort()));
            Operator operator = new Operator(jar, environment, work);

            operator.succeed("tenant", "create", TENANT, "--name", "Bench University");
            Path csv = writeDirectory(work, users);
            long importStart = System.nanoTime();
            operator.succeed("import", TENANT, csv.toString());
            double importSeconds = (System.nanoTime() - importStart) / 1e9;
            Files.delete(csv);
            operator.succeed("guild", "bind", Long.toString(GUILD), TENANT);

            App app = new App(jar, environment, work.resolve("app.log"), options.get("--java-options"));
            double startSeconds = app.startAndAwaitFirst200(port);
            long idleRss = app.rssKiB();
            List<String> tokens;
            try (Connection c = database.connect()) {
                configureGuild(c);
                tokens = seedSessions(c, sessions);
                createCeiling(c, sessions);
            }
            app.restart(port);
            ConfirmClient client = new ConfirmClient(List.of(URI.create("http://127.0.0.1:" + port)), tokens);
            client.warmUp(4, Duration.ofSeconds(Integer.parseInt(options.get("--warm-up"))));
            List<String[]> rows = new ArrayList<>();
            long peakRss = app.rssKiB();
            for (int round = 0; round < rounds; round++) {
                for (int concurrency : concurrencies()) {
                    String loadBefore = loadAverage();
                    Pgbench.Result ceiling = Pgbench.run(database, work, concurrency, seconds());
                    ConfirmClient.Result confirms = client.run(concurrency, Duration.ofSeconds(seconds()), List.of(app), database);
                    peakRss = Math.max(peakRss, confirms.peakRssKiB());
                    rows.add(new String[] {Integer.toString(concurrency), ceiling.describe(), confirms.describe(),
                            percent(confirms.perSecond() / ceiling.tps()), confirms.costs(), loadBefore + " → " + loadAverage()});
                }
            }
            long finalRss = app.rssKiB();
            String heap = app.heapSettings();
            try {
                print(rows, users, importSeconds, startSeconds, idleRss, peakRss, finalRss, heap, database);
                try (Connection c = database.connect()) {
                    report(checkEveryConfirm(c, client.confirmedTokens()));
                }
            } finally {
                app.stop();
            }
        }
    }

    // ---- seeding --------------------------------------------------------------------------------------

    static Path writeDirectory(Path work, int users) throws IOException {
        Path csv = work.resolve("directory.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("user_id,email,name\n");
            for (int i = 0; i < users; i++) {
                out.write("u" + i + ",u" + i + "@bench.example.edu,Member " + i + "\n");
            }
        }
        return csv;
    }

    /** The bound server gives a role and sets nicknames, so each confirm queues both. */
    static void configureGuild(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE guilds SET verified_role_id = ?, set_nickname = true WHERE guild_id = ?")) {
            s.setLong(1, ROLE);
            s.setLong(2, GUILD);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("the server was not bound");
            }
        }
    }

    /** Pending sessions of members 0..n-1 for directory users u0..u(n-1); returns their tokens, as emailed. */
    static List<String> seedSessions(Connection c, int n) throws SQLException {
        List<String> tokens = new ArrayList<>(n);
        MessageDigest sha256 = sha256();
        Instant now = Instant.now();
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO sessions (session_id, tenant_id, guild_id, guild_name, requester_id, requester_name, directory_user_id,
                                      token_hash, created_at, expires_at, state)
                VALUES (?, ?, ?, 'Bench Lectures', ?, ?, ?, ?, ?, ?, 'PENDING')""")) {
            for (int i = 0; i < n; i++) {
                byte[] raw = new byte[32];
                RANDOM.nextBytes(raw);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
                tokens.add(token);
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, TENANT);
                insert.setLong(3, GUILD);
                insert.setLong(4, FIRST_MEMBER + i);
                insert.setString(5, "member" + i);
                insert.setString(6, "u" + i);
                insert.setString(7, HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII))));
                insert.setTimestamp(8, java.sql.Timestamp.from(now));
                insert.setTimestamp(9, java.sql.Timestamp.from(now.plus(Duration.ofHours(3))));
                insert.addBatch();
                if (i % 5_000 == 4_999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        return tokens;
    }

    /** Tables shaped like Gatehouse's for pgbench's transaction, with as many pending sessions. */
    private static void createCeiling(Connection c, int n) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_sessions (LIKE sessions INCLUDING ALL)");
            s.execute("ALTER TABLE bench_sessions ADD COLUMN n bigint UNIQUE");
            s.execute("CREATE TABLE bench_links (LIKE links INCLUDING ALL)");
            s.execute("CREATE TABLE bench_updates (LIKE member_updates INCLUDING ALL)");
            s.execute("CREATE SEQUENCE bench_next");
            s.execute("""
                    INSERT INTO bench_sessions (session_id, tenant_id, guild_id, guild_name, requester_id, requester_name,
                                                directory_user_id, token_hash, created_at, expires_at, state, n)
                    SELECT gen_random_uuid(), '%s', %d, 'Bench Lectures', %d + i, 'member' || i, 'u' || i,
                           encode(sha256(('t' || i)::bytea), 'hex'), now(), now() + interval '3 hours', 'PENDING', i
                    FROM generate_series(1, %d) i
                    """.formatted(TENANT, GUILD, FIRST_MEMBER, Math.max(n * 4, 400_000)));
            s.execute("ANALYZE");
        }
    }

    // ---- the check ------------------------------------------------------------------------------------

    /** Every token answered "confirmed" has its session, link, two updates and audit row; nothing else was confirmed. */
    static String checkEveryConfirm(Connection c, List<String> confirmed) throws SQLException {
        return checkEveryConfirm(c, confirmed, java.util.Set.of(), java.util.Set.of());
    }

    /**
     * As {@link #checkEveryConfirm(Connection, List)}, where a member's role grant or nickname change also counts when it
     * is no longer queued because the outbox relay took it (a fleet's outbox drains while it runs).
     */
    static String checkEveryConfirm(Connection c, List<String> confirmed, java.util.Set<Long> rolesSent,
                                    java.util.Set<Long> nicknamesSent) throws SQLException {
        MessageDigest sha256 = sha256();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE answered (token_hash text PRIMARY KEY)");
            s.execute("CREATE TEMPORARY TABLE roles_sent (member_id bigint PRIMARY KEY)");
            s.execute("CREATE TEMPORARY TABLE nicknames_sent (member_id bigint PRIMARY KEY)");
        }
        for (var sent : List.of(java.util.Map.entry("roles_sent", rolesSent), java.util.Map.entry("nicknames_sent", nicknamesSent))) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + sent.getKey() + " VALUES (?)")) {
                for (long member : sent.getValue()) {
                    insert.setLong(1, member);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO answered VALUES (?)")) {
            for (String token : confirmed) {
                insert.setString(1, HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII))));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                WITH a AS (SELECT s.* FROM sessions s JOIN answered USING (token_hash)),
                linked AS (SELECT count(*) AS n FROM a JOIN links l ON l.tenant_id = a.tenant_id
                           AND l.discord_user_id = a.requester_id AND l.directory_user_id = a.directory_user_id),
                queued AS (SELECT count(*) AS n FROM a
                           WHERE (a.requester_id IN (SELECT member_id FROM member_updates WHERE change_kind = 'GRANT_ROLE' AND role_id = %d)
                                  OR a.requester_id IN (SELECT member_id FROM roles_sent))
                             AND (a.requester_id IN (SELECT member_id FROM member_updates WHERE change_kind = 'SET_NICKNAME')
                                  OR a.requester_id IN (SELECT member_id FROM nicknames_sent))),
                audited AS (SELECT count(*) AS n FROM a JOIN (SELECT DISTINCT tenant_id, detail FROM audit_events
                                                             WHERE action = 'verification.confirmed') e
                            ON e.tenant_id = a.tenant_id
                           AND e.detail = 'Discord user ' || a.requester_id || ' verified as ' || a.directory_user_id || ' by email')
                SELECT (SELECT count(*) FROM a), (SELECT count(*) FROM a WHERE state = 'CONFIRMED'), linked.n, queued.n, audited.n,
                       (SELECT count(*) FROM sessions WHERE state = 'CONFIRMED'), (SELECT count(*) FROM links)
                FROM linked, queued, audited
                """.formatted(ROLE))) {
            rs.next();
            long answered = confirmed.size();
            String figures = "%d answered \"confirmed\": %d sessions found, %d confirmed, %d linked to the right user, %d with role and"
                    + " nickname queued%s, %d audited; %d sessions confirmed and %d links in all";
            String text = figures.formatted(answered, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    rolesSent.isEmpty() && nicknamesSent.isEmpty() ? "" : " or taken off the queue by the relay", rs.getLong(5), rs.getLong(6), rs.getLong(7));
            boolean all = rs.getLong(1) == answered && rs.getLong(2) == answered && rs.getLong(3) == answered
                    && rs.getLong(4) == answered && rs.getLong(5) == answered && rs.getLong(6) == answered && rs.getLong(7) == answered;
            return (all ? "every confirm checked: " : "CHECK FAILED: ") + text;
        }
    }

    // ---- the report -----------------------------------------------------------------------------------

    private void print(List<String[]> rows, int users, double importSeconds, double startSeconds, long idleRss, long peakRss,
                       long finalRss, String heap, Database database) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("\n## Confirm against the durable-commit ceiling (").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(")\n\n");
        out.append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(cpuModel())
                .append("; database: ").append(database.describe()).append("; ").append(users).append(" directory users; ")
                .append(seconds()).append(" s per step after ").append(options.get("--warm-up")).append(" s of warm-up; load average (1 min) before → after each step\n\n");
        out.append("| concurrency | pgbench ceiling | Gatehouse confirms | Gatehouse / ceiling | CPU per confirm | load |\n");
        out.append("| --- | --- | --- | --- | --- | --- |\n");
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        out.append("\n");
        out.append("| | |\n| --- | --- |\n");
        out.append("| import of ").append(users).append(" directory users (operator command, JVM start included) | ")
                .append("%.1f s".formatted(importSeconds)).append(" |\n");
        out.append("| start of the jar to the first 200 of /health | ").append("%.1f s".formatted(startSeconds)).append(" |\n");
        out.append("| RSS idle / peak under load / after the load | %d / %d / %d MB |\n".formatted(idleRss / 1024, peakRss / 1024,
                finalRss / 1024));
        out.append("| the jar's JVM | ").append(heap).append(", connection pool 10, 8 request threads (application.yml) |\n");
        report(out.toString());
        System.out.println("(also in " + work.resolve("report.md") + "; the jar's log is " + work.resolve("app.log") + ")");
    }

    private void report(String text) throws IOException {
        System.out.println(text);
        Files.writeString(work.resolve("report.md"), text + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static String percent(double ratio) {
        return Math.round(ratio * 100) + " %";
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** CPU seconds (user + system) a process has used, from {@code /proc}; 0 once it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    // ---- the database ---------------------------------------------------------------------------------

    /** Where the jar keeps its data, and how the benchmark reaches it. */
    abstract static class Database implements AutoCloseable {
        abstract Map<String, String> settings();

        abstract Connection connect() throws SQLException;

        /** pgbench's connection: host, port, user, database, password (may be empty). */
        abstract String[] pgbenchTarget() throws SQLException;

        abstract String describe() throws SQLException;

        /** CPU seconds used so far by the server's backends serving this database (reads pg_stat_activity). */
        double backendCpuSeconds(Connection c) throws SQLException {
            double total = 0;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    total += cpuSeconds(rs.getLong(1));
                }
            }
            return total;
        }

        String version(Connection c) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                return "PostgreSQL " + rs.getString(1).split(" ")[0];
            }
        }

        @Override
        public abstract void close();
    }

    /** A fresh database on the machine's server, dropped at the end. */
    static final class Server extends Database {
        private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]*)(\\?.*)?");
        private final String adminUrl;
        private final String name = "gatehouse_bench_" + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 4);
        private final Matcher parts;

        Server(String adminUrl) throws SQLException {
            this.adminUrl = adminUrl;
            this.parts = URL.matcher(adminUrl);
            if (!parts.matches()) {
                throw new IllegalArgumentException("--admin-url must be jdbc:postgresql://host[:port]/database[?user=...]");
            }
            try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
        }

        String url() {
            return "jdbc:postgresql://" + parts.group(1) + (parts.group(2) == null ? "" : ":" + parts.group(2)) + "/" + name
                    + (parts.group(4) == null ? "" : parts.group(4));
        }

        @Override
        Map<String, String> settings() {
            return Map.of("DATASOURCES_DEFAULT_URL", url());
        }

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url());
        }

        @Override
        String[] pgbenchTarget() {
            String user = Optional.ofNullable(parts.group(4)).flatMap(q -> Arrays.stream(q.substring(1).split("&"))
                    .filter(p -> p.startsWith("user=")).findFirst().map(p -> p.substring(5))).orElse("postgres");
            return new String[] {parts.group(1), parts.group(2) == null ? "5432" : parts.group(2), user, name, ""};
        }

        @Override
        String describe() throws SQLException {
            try (Connection c = connect()) {
                return version(c) + " server at " + parts.group(1);
            }
        }

        @Override
        public void close() {
            try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("could not drop " + name + ": " + e.getMessage());
            }
        }
    }

    /** The jar's embedded PostgreSQL, in a fresh directory, reached through the marker and password it leaves. */
    static final class Embedded extends Database {
        private final Path directory;

        Embedded(Path directory) {
            this.directory = directory;
        }

        @Override
        Map<String, String> settings() {
            return Map.of("GATEHOUSE_EMBEDDED_DATABASE_DIRECTORY", directory.toString());
        }

        private Path secrets() {
            return directory.resolveSibling(directory.getFileName() + ".private");
        }

        private String port() throws SQLException {
            Properties marker = new Properties();
            try (var in = Files.newInputStream(secrets().resolve("instance"))) {
                marker.load(in);
            } catch (IOException e) {
                throw new SQLException("the embedded database is not running (no instance marker)", e);
            }
            return marker.getProperty("port");
        }

        private String password() throws SQLException {
            try {
                return Files.readAllLines(secrets().resolve("password"), StandardCharsets.UTF_8).get(0).strip();
            } catch (IOException e) {
                throw new SQLException("no password of the embedded database", e);
            }
        }

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/postgres", "postgres", password());
        }

        @Override
        String[] pgbenchTarget() throws SQLException {
            return new String[] {"127.0.0.1", port(), "postgres", "postgres", password()};
        }

        @Override
        String describe() throws SQLException {
            try (Connection c = connect()) {
                return version(c) + " embedded (the jar's own)";
            }
        }

        /** Deletes the data the jar's embedded server left (the jar stopped it when it stopped). */
        @Override
        public void close() {
            for (Path folder : List.of(directory, secrets())) {
                if (!Files.exists(folder)) {
                    continue;
                }
                try (var paths = Files.walk(folder)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    System.err.println("could not delete " + folder + ": " + e.getMessage());
                }
            }
        }
    }

    // ---- the jar --------------------------------------------------------------------------------------

    /** Operator commands: the same jar, run to completion. */
    record Operator(Path jar, Map<String, String> environment, Path work) {
        void succeed(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
            command.addAll(List.of(args));
            Path log = work.resolve("operator.log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", args) + " failed; see " + log + ":\n" + Files.readString(log));
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar serving, as {@code java -jar} with the default settings. */
    static final class App {
        private final Path jar;
        private final Map<String, String> environment;
        private final Path log;
        private final List<String> javaOptions;
        private final List<String> properties;
        private Process process;

        App(Path jar, Map<String, String> environment, Path log, String javaOptions) {
            this(jar, environment, log, javaOptions, List.of());
        }

        /** With more JVM properties after the options (a fleet's instances: how they reach the fake Discord). */
        App(Path jar, Map<String, String> environment, Path log, String javaOptions, List<String> properties) {
            this.jar = jar;
            this.environment = environment;
            this.log = log;
            this.javaOptions = javaOptions.isBlank() ? List.of() : List.of(javaOptions.strip().split("\\s+"));
            this.properties = List.copyOf(properties);
        }

        /** Starts the jar; returns the seconds from launch to the first 200 of {@code /health}. */
        double startAndAwaitFirst200(int port) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(java()));
            command.addAll(javaOptions);
            command.addAll(properties);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            long start = System.nanoTime();
            process = builder.start();
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "stop-the-jar"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build();
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(180)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the jar exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("the jar did not answer /health within 180 s; see " + log);
        }

        /** Restarts, so the server's caches hold what was seeded in SQL. */
        void restart(int port) throws IOException, InterruptedException {
            stop();
            startAndAwaitFirst200(port);
        }

        long pid() {
            return process.pid();
        }

        long rssKiB() {
            try {
                return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                        .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
            } catch (IOException e) {
                return 0;
            }
        }

        /** The heap the jar's JVM chose, read with jcmd while it runs. */
        String heapSettings() {
            try {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(process.pid()), "VM.flags").redirectErrorStream(true).start();
                String flags = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                jcmd.waitFor(20, TimeUnit.SECONDS);
                return flag(flags, "MaxHeapSize").map(v -> "max heap " + Long.parseLong(v) / (1024 * 1024) + " MB").orElse("max heap ?")
                        + flag(flags, "InitialHeapSize").map(v -> ", initial " + Long.parseLong(v) / (1024 * 1024) + " MB").orElse("")
                        + (flags.contains("UseSerialGC") ? ", Serial GC" : flags.contains("UseG1GC") ? ", G1" : "")
                        + (javaOptions.isEmpty() ? " (defaults)" : " (" + String.join(" ", javaOptions) + ")");
            } catch (IOException | InterruptedException e) {
                return "heap unknown";
            }
        }

        private static Optional<String> flag(String flags, String name) {
            Matcher m = Pattern.compile("-XX:" + name + "=(\\d+)").matcher(flags);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        /** {@code kill -9}: no shutdown, no lease released. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    // ---- the two loads --------------------------------------------------------------------------------

    /** pgbench with the confirm-shaped durable transaction, on the same server and database. */
    static final class Pgbench {
        private static final String SCRIPT = """
                BEGIN;
                UPDATE bench_sessions SET state = 'CONFIRMED'
                    WHERE n = (SELECT nextval('bench_next')) AND state = 'PENDING' AND expires_at > now()
                    RETURNING tenant_id, requester_id, directory_user_id, guild_id \\gset
                INSERT INTO bench_links (tenant_id, discord_user_id, directory_user_id, linked_at, origin)
                    VALUES (:tenant_id, :requester_id, :directory_user_id, now(), 'EMAIL');
                INSERT INTO bench_updates (update_id, guild_id, member_id, change_kind, role_id, nickname, reason, created_at, due_at)
                    VALUES (gen_random_uuid(), :guild_id, :requester_id, 'GRANT_ROLE', %d, NULL, 'Gatehouse: verified', now(), now()),
                           (gen_random_uuid(), :guild_id, :requester_id, 'SET_NICKNAME', NULL, 'Member', 'Gatehouse: verified', now(), now());
                END;
                """.formatted(ROLE);

        record Result(double tps, double latencyMs) {
            String describe() {
                return "%,.0f tps (mean %.1f ms)".formatted(tps, latencyMs);
            }
        }

        static Result run(Database database, Path work, int clients, int seconds) throws Exception {
            Path script = work.resolve("confirm.sql");
            Files.writeString(script, SCRIPT);
            String[] target = database.pgbenchTarget();
            List<String> command = List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(clients), "-j",
                    Integer.toString(Math.min(clients, 2)), "-T", Integer.toString(seconds), "-f", script.toString(),
                    "-h", target[0], "-p", target[1], "-U", target[2], target[3]);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (!target[4].isEmpty()) {
                builder.environment().put("PGPASSWORD", target[4]);
            }
            Process pgbench;
            try {
                pgbench = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("pgbench is missing: install PostgreSQL's client tools (Debian: postgresql-contrib)", e);
            }
            String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            pgbench.waitFor();
            Matcher tps = Pattern.compile("tps = ([\\d.]+)").matcher(output);
            Matcher latency = Pattern.compile("latency average = ([\\d.]+) ms").matcher(output);
            if (pgbench.exitValue() != 0 || !tps.find() || !latency.find()) {
                throw new IllegalStateException("pgbench failed:\n" + output);
            }
            return new Result(Double.parseDouble(tps.group(1)), Double.parseDouble(latency.group(1)));
        }
    }

    /** The link page's Confirm button, posted by keep-alive clients, each token once. */
    static final class ConfirmClient {
        /** The confirmed page's mark: its main element's tone. */
        private static final String CONFIRMED_PAGE = "<main class=\"ok\">";
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final List<URI> bases;
        private final List<String> tokens;
        private final AtomicInteger next = new AtomicInteger();
        private final List<String> confirmed = java.util.Collections.synchronizedList(new ArrayList<>());

        /** Posts the i-th token to the (i mod n)-th base address: round robin over a fleet's instances. */
        ConfirmClient(List<URI> bases, List<String> tokens) {
            if (bases.isEmpty()) {
                throw new IllegalArgumentException("no base address");
            }
            this.bases = List.copyOf(bases);
            this.tokens = tokens;
        }

        List<String> confirmedTokens() {
            return List.copyOf(confirmed);
        }

        record Result(int confirms, int failures, double seconds, long[] latenciesNanos, double appCpu, double databaseCpu,
                      double clientCpu, long peakRssKiB) {
            double perSecond() {
                return confirms / seconds;
            }

            private double percentileMs(double p) {
                if (latenciesNanos.length == 0) {
                    return Double.NaN;
                }
                return latenciesNanos[Math.min(latenciesNanos.length - 1, (int) Math.ceil(p * latenciesNanos.length) - 1)] / 1e6;
            }

            String describe() {
                return "%,.0f/s (p50 %.1f ms, p99 %.1f ms%s)".formatted(perSecond(), percentileMs(0.50), percentileMs(0.99),
                        failures == 0 ? "" : ", " + failures + " FAILED");
            }

            String costs() {
                double n = Math.max(1, confirms);
                return "app %.2f ms, PostgreSQL %.2f ms, client %.2f ms".formatted(appCpu * 1000 / n, databaseCpu * 1000 / n,
                        clientCpu * 1000 / n);
            }
        }

        void warmUp(int concurrency, Duration duration) throws Exception {
            load(concurrency, duration);
        }

        /** CPU is summed over the apps; the peak RSS is the largest of any one. */
        Result run(int concurrency, Duration duration, List<App> apps, Database database) throws Exception {
            try (Connection c = database.connect()) {
                double app0 = apps.stream().mapToDouble(a -> cpuSeconds(a.pid())).sum();
                double db0 = database.backendCpuSeconds(c);
                double client0 = clientCpuSeconds();
                java.util.concurrent.atomic.AtomicLong peakRss = new java.util.concurrent.atomic.AtomicLong(
                        apps.stream().mapToLong(App::rssKiB).max().orElse(0));
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peakRss.accumulateAndGet(apps.stream().mapToLong(App::rssKiB).max().orElse(0), Math::max);
                        try {
                            Thread.sleep(250);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "rss-sampler");
                sampler.setDaemon(true);
                sampler.start();
                long start = System.nanoTime();
                Loaded loaded = load(concurrency, duration);
                double seconds = (System.nanoTime() - start) / 1e9;
                sampler.interrupt();
                double appCpu = apps.stream().mapToDouble(a -> cpuSeconds(a.pid())).sum() - app0;
                double dbCpu = database.backendCpuSeconds(c) - db0;
                double clientCpu = clientCpuSeconds() - client0;
                long[] latencies = loaded.latencies();
                Arrays.sort(latencies);
                return new Result(loaded.confirms(), loaded.failures(), seconds, latencies, appCpu, dbCpu, clientCpu, peakRss.get());
            }
        }

        private static double clientCpuSeconds() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        }

        private record Loaded(int confirms, int failures, long[] latencies) {
        }

        private Loaded load(int concurrency, Duration duration) throws Exception {
            long end = System.nanoTime() + duration.toNanos();
            List<Thread> workers = new ArrayList<>();
            List<long[]> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger confirms = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            Map<String, Integer> failedWith = new java.util.concurrent.ConcurrentSkipListMap<>();
            java.util.concurrent.atomic.AtomicBoolean exhausted = new java.util.concurrent.atomic.AtomicBoolean();
            for (int w = 0; w < concurrency; w++) {
                Thread worker = new Thread(() -> {
                    long[] mine = new long[1 << 16];
                    int count = 0;
                    while (System.nanoTime() < end) {
                        int i = next.getAndIncrement();
                        if (i >= tokens.size()) {
                            exhausted.set(true);
                            break;
                        }
                        String token = tokens.get(i);
                        HttpRequest post = HttpRequest.newBuilder(bases.get(i % bases.size()).resolve("/verify/" + token))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
                            long took = System.nanoTime() - t0;
                            if (response.statusCode() == 200 && response.body().contains(CONFIRMED_PAGE)) {
                                confirmed.add(token);
                                confirms.incrementAndGet();
                                if (count == mine.length) {
                                    mine = Arrays.copyOf(mine, count * 2);
                                }
                                mine[count++] = took;
                            } else {
                                failures.incrementAndGet();
                                failedWith.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
                            }
                        } catch (IOException e) {
                            failures.incrementAndGet();
                            failedWith.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    latencies.add(Arrays.copyOf(mine, count));
                }, "confirm-client-" + w);
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (exhausted.get()) {
                System.err.println("ran out of seeded sessions: the figures cover less than the whole step (more --users or fewer --seconds)");
            }
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
            if (!failedWith.isEmpty()) {
                System.err.println("at concurrency " + concurrency + " not confirmed (status or exception: count): " + failedWith);
            }
            return new Loaded(confirms.get(), failures.get(), all);
        }
    }

}
