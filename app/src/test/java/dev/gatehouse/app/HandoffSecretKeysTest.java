package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.port.in.RequestVerification;
import dev.gatehouse.core.port.in.RequestVerification.HandoffReady;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.persistence.SecretKeyRing;
import dev.gatehouse.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's view of the secrets keys, with the real app on PostgreSQL: a key file, rotation and re-encryption
 * with hand-off callbacks working throughout, a wrong key reported by status with callbacks refused cleanly, no
 * key with an external database refused at start in one line, and the embedded default's own key file.
 */
class HandoffSecretKeysTest {
    private static final String SECRET = "acme-and-gatehouse-share-this-long-secret";
    private static final OrganisationSite SITE = new OrganisationSite(SECRET);
    private static final GuildId GUILD = new GuildId(830_000_000_000_000_001L);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path files;
    private TestDatabase database;
    private Path keyFile;
    private Map<String, Object> settings;
    private ApplicationContext app;

    @BeforeEach
    void tenantWithAHandoffSecret() throws IOException {
        database = TestDatabase.createEmpty();
        keyFile = files.resolve("gatehouse.keys");
        Files.writeString(keyFile, "# test keys\n" + SecretKeyRing.newKey() + "\n", StandardCharsets.UTF_8);
        settings = new HashMap<>();
        settings.put("datasources.default.url", database.jdbcUrl());
        settings.put("gatehouse.secrets.key-file", keyFile.toString());
        Path secret = files.resolve("handoff.secret");
        Files.writeString(secret, SECRET + "\n", StandardCharsets.UTF_8);
        ok(cli("tenant", "create", "acme", "--name", "Acme Members"));
        ok(cli("tenant", "method", "acme", "handoff", "--site-url", "https://members.acme.example/discord", "--secret-file",
                secret.toString()));
        ok(cli("guild", "bind", GUILD.toString(), "acme"));
    }

    @AfterEach
    void stop() {
        stopApp();
        database.close();
    }

    @Test
    void rotationThenReencryptionKeepsCallbacksWorkingAndLetsTheOldKeyGo() throws Exception {
        String firstKey = SecretKeyRing.keyLines(Files.readAllLines(keyFile)).get(0);
        startApp();
        assertEquals(200, handoffAndCallback(1001).statusCode());

        Run rotated = ok(cli("secrets", "rotate"));
        assertTrue(rotated.out().contains("is now the current key in " + keyFile), rotated.out());
        List<String> keys = SecretKeyRing.keyLines(Files.readAllLines(keyFile));
        assertEquals(List.of(firstKey), keys.subList(1, 2));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        startApp();
        assertEquals(200, handoffAndCallback(1002).statusCode(), "the old key still decrypts before re-encryption");

        Run reencrypted = ok(cli("secrets", "re-encrypt"));
        assertTrue(reencrypted.out().contains("Re-encrypted 1 hand-off secrets with key " + SecretKeyRing.keyIdOf(keys.get(0))),
                reencrypted.out());
        assertEquals(SecretKeyRing.keyIdOf(keys.get(0)), storedKeyId());

        Files.writeString(keyFile, keys.get(0) + "\n", StandardCharsets.UTF_8);
        startApp();
        assertEquals(200, handoffAndCallback(1003).statusCode(), "the new key alone opens the re-encrypted secret");
        assertTrue(ok(cli("status")).out().contains("hand-off secrets are encrypted with key " + SecretKeyRing.keyIdOf(keys.get(0))));
    }

    @Test
    void aWrongKeyIsReportedByStatusAndItsCallbacksAreRefusedCleanly() throws Exception {
        String storedId = storedKeyId();
        startApp();
        HandoffReady ready = handoff(1001);
        Files.writeString(keyFile, SecretKeyRing.newKey() + "\n", StandardCharsets.UTF_8);

        Run status = ok(cli("status"));
        assertTrue(status.out().contains("(secret CAN'T BE DECRYPTED)"), status.out());
        assertTrue(status.out().contains("hand-off secret can't be decrypted: it was encrypted with key " + storedId
                + ", which is not among the configured keys"), status.out());
        Run reencrypt = cli("secrets", "re-encrypt");
        assertEquals(OperatorCli.FAILED, reencrypt.status());
        assertTrue(reencrypt.err().contains("tenant acme: hand-off secret can't be decrypted"), reencrypt.err());

        startApp();
        HttpResponse<String> refused = callback(ready, 1001);
        assertEquals(404, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("not_enabled"), refused.body());
        assertFalse(refused.body().contains("Exception") || refused.body().contains("at dev."), refused.body());
        assertEquals(storedId, storedKeyId(), "the stored secret is left as it was");
    }

    @Test
    void anExternalDatabaseHoldingASecretWithNoKeyConfiguredRefusesToStartInOneLine() {
        settings.remove("gatehouse.secrets.key-file");

        Run status = cli("status");
        assertEquals(OperatorCli.FAILED, status.status());
        assertEquals(1, status.err().lines().count(), status.err());
        assertTrue(status.err().startsWith("Error: Gatehouse could not start: tenant acme has a hand-off secret but no secrets "
                + "key is configured: set GATEHOUSE_SECRETS_KEY"), status.err());

        RuntimeException failure = assertThrows(RuntimeException.class, () -> RunningContext.start(builder(), EmbeddedDatabase.Role.SERVER).close());
        String reason = StartupFailure.reason(failure);
        assertTrue(reason.startsWith("tenant acme has a hand-off secret but no secrets key is configured"), reason);
        assertFalse(reason.contains("\n"), reason);
    }

    @Test
    void theEmbeddedDefaultMakesAnOwnerOnlyKeyFileBesideItsDataAndStoresNoPlaintext() throws Exception {
        Path data = files.resolve("embedded").resolve("postgres");
        Map<String, Object> embedded = Map.of("gatehouse.embedded-database.directory", data.toString());
        Path secret = files.resolve("handoff.secret");

        ok(cli(embedded, "tenant", "create", "acme", "--name", "Acme Members"));
        ok(cli(embedded, "tenant", "method", "acme", "handoff", "--site-url", "https://members.acme.example/discord",
                "--secret-file", secret.toString()));

        Path keys = files.resolve("embedded").resolve(SecretsKeyFile.FILE_NAME);
        assertTrue(Files.isRegularFile(keys));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertEquals(1, SecretKeyRing.keyLines(Files.readAllLines(keys)).size());
        assertTrue(ok(cli(embedded, "status")).out().contains("(secret set)"));
        assertFalse(Files.readString(keys).contains(SECRET));
    }

    private HandoffReady handoff(long member) {
        RequestVerification request = app.getBean(RequestVerification.class);
        return assertInstanceOf(HandoffReady.class, request.request(new RequestCommand(GUILD, "Acme Members",
                new DiscordAccount(new DiscordUserId(member), "member" + member), Optional.empty(), Optional.empty())));
    }

    private HttpResponse<String> handoffAndCallback(long member) throws Exception {
        return callback(handoff(member), member);
    }

    private HttpResponse<String> callback(HandoffReady ready, long member) throws Exception {
        String link = ready.link().toString();
        JWTClaimsSet claims = SITE.receive(link.substring(link.indexOf("jwt=") + 4));
        String token = SITE.callback(claims, "A-" + member, Instant.now(), Duration.ofMinutes(2));
        int port = app.getBean(EmbeddedServer.class).getPort();
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/handoff/acme/callback"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build();
        return HTTP.send(post, HttpResponse.BodyHandlers.ofString());
    }

    private String storedKeyId() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT handoff_secret, handoff_secret_key_id FROM tenants WHERE tenant_id = 'acme'")) {
            assertTrue(r.next());
            assertEquals(null, r.getString(1));
            return r.getString(2);
        }
    }

    private ApplicationContextBuilder builder() {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("micronaut.server.port", 0);
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            properties.put("gatehouse.management.port", free.getLocalPort());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ApplicationContext.builder().properties(properties).deduceEnvironment(false);
    }

    private void startApp() {
        stopApp();
        app = builder().start();
        app.getBean(EmbeddedServer.class).start();
    }

    private void stopApp() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run ok(Run run) {
        assertEquals(0, run.status(), run.err());
        return run;
    }

    private Run cli(String... args) {
        return cli(settings, args);
    }

    private static Run cli(Map<String, Object> properties, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = OperatorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), properties);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
