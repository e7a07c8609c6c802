package dev.gatehouse.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kill -9} of the packaged jar and its embedded PostgreSQL together, in the middle of a stream of confirms:
 * after a restart every confirmation that was answered 200 is a link.
 */
@ExtendWith(PrintLogsOnFailure.class)
class EmbeddedDatabaseCrashIT {
    private static final String TENANT = "crash";
    private static final int MEMBERS = 3_000;
    private static final int CLIENTS = 8;
    private static final long FIRST_MEMBER = 840_000_000_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void everyAcknowledgedConfirmationIsALinkAfterAKillOfAppAndDatabase() throws Exception {
        AcceptanceDatabase.Embedded database = (AcceptanceDatabase.Embedded) AcceptanceDatabase.embedded("embedded-crash");
        try (PackagedApp app = PackagedApp.create("embedded-crash", database.settings(), List.of("-Xmx384m"))) {
            Path csv = PackagedApp.artifacts().resolve("embedded-crash.csv");
            StringBuilder rows = new StringBuilder("user_id,email,name\n");
            for (int i = 0; i < MEMBERS; i++) {
                rows.append("m-").append(i).append(",m").append(i).append("@uni.example.edu,Member ").append(i).append('\n');
            }
            Files.writeString(csv, rows, StandardCharsets.UTF_8);
            OperatorCommand.succeed(app.environment(), "tenant", "create", TENANT, "--name", "Crash Club");
            OperatorCommand.succeed(app.environment(), "import", TENANT, csv.toString());
            app.start();

            List<String> tokens = pendingSessions(database);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < MEMBERS; i = next.getAndIncrement()) {
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.url("/verify/" + tokens.get(i)))
                                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200) {
                                acknowledged.add(i);
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < 700 && System.nanoTime() < deadline) {
                PackagedApp.sleep(20);
            }

            List<ProcessHandle> postgres = new ArrayList<>();
            ProcessHandle postmaster = database.postmasterProcess().orElseThrow(() -> new AssertionError("no postmaster running"));
            postmaster.descendants().forEach(postgres::add);
            postgres.add(postmaster);
            postgres.forEach(ProcessHandle::destroyForcibly);
            app.kill();
            int sent = Math.min(next.get(), MEMBERS);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
            for (ProcessHandle p : postgres) {
                p.onExit().get(30, TimeUnit.SECONDS);
            }
            Set<Integer> acked = Set.copyOf(acknowledged);
            assertTrue(acked.size() >= 700, "enough confirmations were acknowledged before the kill: " + acked.size());
            assertTrue(acked.size() < MEMBERS, "the kill came in the middle of the load");

            app.start();
            Set<String> linked = linkedUsers(database);
            int lost = 0;
            for (int i : acked) {
                if (!linked.contains("m-" + i)) {
                    lost++;
                }
            }
            System.out.printf("kill -9 of app and embedded PostgreSQL: %d confirms sent, %d answered 200, %d links after the restart "
                    + "(%d acknowledged but lost), %d requests failed (in flight at the kill or sent after it)%n", sent, acked.size(), linked.size(), lost, failed.get());
            assertEquals(0, lost, "acknowledged confirmations lost");
            assertTrue(linked.size() >= acked.size());
        } finally {
            database.close();
        }
    }

    /** One pending session per member, stored as Gatehouse stores them (only the token's SHA-256); returns the tokens. */
    private static List<String> pendingSessions(AcceptanceDatabase database) throws Exception {
        List<String> tokens = new ArrayList<>();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Instant now = Instant.now();
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO sessions (session_id, tenant_id, guild_id, guild_name, requester_id, requester_name, directory_user_id,
                                      token_hash, created_at, expires_at, state)
                VALUES (?, ?, 1, 'Crash Club', ?, ?, ?, ?, ?, ?, 'PENDING')""")) {
            for (int i = 0; i < MEMBERS; i++) {
                byte[] raw = new byte[32];
                RANDOM.nextBytes(raw);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
                tokens.add(token);
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, TENANT);
                insert.setLong(3, FIRST_MEMBER + i);
                insert.setString(4, "member" + i);
                insert.setString(5, "m-" + i);
                insert.setString(6, HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII))));
                insert.setTimestamp(7, Timestamp.from(now));
                insert.setTimestamp(8, Timestamp.from(now.plus(Duration.ofHours(1))));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return tokens;
    }

    private static Set<String> linkedUsers(AcceptanceDatabase database) throws Exception {
        Set<String> linked = ConcurrentHashMap.newKeySet();
        try (Connection c = database.connect(); PreparedStatement q = c.prepareStatement("SELECT directory_user_id FROM links WHERE tenant_id = ?")) {
            q.setString(1, TENANT);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    linked.add(r.getString(1));
                }
            }
        }
        return linked;
    }
}
