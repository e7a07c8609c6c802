package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.ClientSecret;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.OidcSettings;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Hand-off secrets are encrypted at rest with a key from configuration; a dump of the database holds no usable secret. */
class SecretsAtRestTest {
    private static final TenantId ACME = new TenantId("acme");
    private static final HandoffSecret SECRET = new HandoffSecret("acme-shares-this-secret-with-gatehouse-0123456789");

    private static TenantSettings handoffTenant() {
        return TenantSettings.defaults(ACME, "Acme").withMethod(VerificationMethod.SITE_HANDOFF)
                .withHandoff(HandoffSettings.none().withSiteUrl(URI.create("https://members.acme.example/discord")).withSecret(SECRET));
    }

    @Test
    void aDumpOfEveryColumnOfEveryTableHoldsNoFormOfTheSecret() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Stores stores = db.startContext().getBean(Stores.class);
            stores.tenants().save(handoffTenant());
            assertEquals(Optional.of(SECRET), stores.tenants().find(ACME).orElseThrow().handoff().secret());

            byte[] dump = dumpEveryTable(db);

            for (String form : forms(SECRET.reveal())) {
                assertFalse(contains(dump, form.getBytes(StandardCharsets.UTF_8)), "the dump holds the secret as " + form);
            }
            assertFalse(contains(dump, db.secretsKey().getBytes(StandardCharsets.UTF_8)), "the dump holds the key");
            if (!TestDatabase.embedded()) {
                byte[] pgDump = pgDump(db);
                assertTrue(new String(pgDump, StandardCharsets.UTF_8).contains("handoff_secret_sealed"), "pg_dump ran");
                for (String form : forms(SECRET.reveal())) {
                    assertFalse(contains(pgDump, form.getBytes(StandardCharsets.UTF_8)), "pg_dump holds the secret as " + form);
                }
            }
        }
    }

    @Test
    void withTheDumpAloneTheCiphertextOpensWithNoOtherKey() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            db.startContext().getBean(Stores.class).tenants().save(handoffTenant());
            String keyId;
            byte[] sealed;
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT handoff_secret, handoff_secret_key_id, handoff_secret_sealed FROM tenants")) {
                assertTrue(r.next());
                assertEquals(null, r.getString(1), "no plaintext column value");
                keyId = r.getString(2);
                sealed = r.getBytes(3);
            }

            assertEquals(SecretKeyRing.keyIdOf(db.secretsKey()), keyId);
            SecretKeyRing guess = SecretKeyRing.of(List.of(SecretKeyRing.newKey()));
            assertInstanceOf(SecretKeyRing.Opening.Unopenable.class, guess.open(PgTenants.secretContext("acme"), keyId, sealed));
            SecretKeyRing right = SecretKeyRing.of(List.of(db.secretsKey()));
            assertInstanceOf(SecretKeyRing.Opening.Unopenable.class, right.open(PgTenants.secretContext("other"), keyId, sealed),
                    "the ciphertext is bound to its tenant");
            assertInstanceOf(SecretKeyRing.Opening.Opened.class, right.open(PgTenants.secretContext("acme"), keyId, sealed));
        }
    }

    @Test
    void plaintextSecretsFromBeforeTheUpgradeAreEncryptedAtTheFirstStart() throws SQLException {
        try (TestDatabase db = TestDatabase.createEmpty()) {
            Flyway.configure(getClass().getClassLoader()).dataSource(db.dataSource()).locations("classpath:db/migration")
                    .target("2").load().migrate();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("""
                        INSERT INTO tenants (tenant_id, display_name, session_lifetime, unknown_user_reply, relink_policy,
                                             guild_binding, per_discord_user, per_directory_user, per_tenant, denial_block,
                                             method, handoff_site_url, handoff_secret)
                        VALUES ('acme', 'Acme', interval '15 minutes', 'SAME_AS_KNOWN', 'REFUSE', 'OPERATOR_ONLY',
                                '3/PT15M', '3/PT1H', '', interval '24 hours', 'SITE_HANDOFF',
                                'https://members.acme.example/discord', '%s')
                        """.formatted(SECRET.reveal()));
            }

            Stores stores = db.startContext().getBean(Stores.class);

            assertEquals(Optional.of(SECRET), stores.tenants().find(ACME).orElseThrow().handoff().secret());
            for (String form : forms(SECRET.reveal())) {
                assertFalse(contains(dumpEveryTable(db), form.getBytes(StandardCharsets.UTF_8)), "the dump holds the secret as " + form);
            }
        }
    }

    @Test
    void withASecretStoredAndNoKeyConfiguredTheStoresRefuseToStartWithAOneLineReason() {
        try (TestDatabase db = TestDatabase.create()) {
            db.startContext().getBean(Stores.class).tenants().save(handoffTenant());

            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> db.startContext(Map.of("gatehouse.secrets.key", "")).getBean(Stores.class));

            SecretKeyUnavailableException reason = causeOf(failure, SecretKeyUnavailableException.class);
            assertTrue(reason.getMessage().startsWith("tenant acme has a hand-off secret but no secrets key is configured: set "
                    + "GATEHOUSE_SECRETS_KEY"), reason.getMessage());
            assertFalse(reason.getMessage().contains("\n"));
        }
    }

    @Test
    void withoutAKeyATenantWithoutSecretStillWorksButANewSecretIsRefusedAndNothingIsWritten() {
        try (TestDatabase db = TestDatabase.create()) {
            Stores stores = db.startContext(Map.of("gatehouse.secrets.key", "")).getBean(Stores.class);
            stores.tenants().save(TenantSettings.defaults(ACME, "Acme"));

            SecretKeyUnavailableException refused = assertThrows(SecretKeyUnavailableException.class,
                    () -> stores.tenants().save(handoffTenant()));

            assertTrue(refused.getMessage().contains("GATEHOUSE_SECRETS_KEY"), refused.getMessage());
            assertEquals(VerificationMethod.EMAIL_LINK, stores.tenants().find(ACME).orElseThrow().method());
        }
    }

    private static final ClientSecret CLIENT_SECRET = new ClientSecret("the-identity-providers-client-secret-0042");

    private static TenantSettings oidcTenant() {
        return TenantSettings.defaults(ACME, "Acme").withMethod(VerificationMethod.OIDC)
                .withOidc(OidcSettings.none().withIssuer(URI.create("https://login.acme.example/realms/staff"))
                        .withClientId("gatehouse").withSecret(CLIENT_SECRET));
    }

    @Test
    void aClientSecretIsStoredEncryptedAndSurvivesAKeyRotationAndReencryption() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            String oldKey = db.secretsKey();
            db.startContext().getBean(Stores.class).tenants().save(oidcTenant());
            byte[] dump = dumpEveryTable(db);
            for (String form : forms(CLIENT_SECRET.reveal())) {
                assertFalse(contains(dump, form.getBytes(StandardCharsets.UTF_8)), "the dump holds the client secret as " + form);
            }
            String newKey = SecretKeyRing.newKey();

            ApplicationContext rotated = db.startContext(Map.of("gatehouse.secrets.key", newKey, "gatehouse.secrets.previous-keys", oldKey));
            assertEquals(Optional.of(CLIENT_SECRET), rotated.getBean(Stores.class).tenants().find(ACME).orElseThrow().oidc().secret());
            assertEquals(1, rotated.getBean(SecretMaintenance.class).reencryptAll().reencrypted());

            Stores newKeyOnly = db.startContext(Map.of("gatehouse.secrets.key", newKey)).getBean(Stores.class);
            assertEquals(Optional.of(CLIENT_SECRET), newKeyOnly.tenants().find(ACME).orElseThrow().oidc().secret());
        }
    }

    @Test
    void rotationThenReencryptionKeepsTheSecretAndLetsTheOldKeyGo() {
        try (TestDatabase db = TestDatabase.create()) {
            String oldKey = db.secretsKey();
            db.startContext().getBean(Stores.class).tenants().save(handoffTenant());
            String newKey = SecretKeyRing.newKey();

            ApplicationContext rotated = db.startContext(Map.of("gatehouse.secrets.key", newKey, "gatehouse.secrets.previous-keys", oldKey));
            assertEquals(Optional.of(SECRET), rotated.getBean(Stores.class).tenants().find(ACME).orElseThrow().handoff().secret());
            SecretMaintenance.Reencryption done = rotated.getBean(SecretMaintenance.class).reencryptAll();
            assertEquals(new SecretMaintenance.Reencryption(SecretKeyRing.keyIdOf(newKey), 1, 0, Map.of()), done);
            assertEquals(0, rotated.getBean(SecretMaintenance.class).reencryptAll().reencrypted(), "nothing left to re-encrypt");

            Stores newKeyOnly = db.startContext(Map.of("gatehouse.secrets.key", newKey)).getBean(Stores.class);
            assertEquals(Optional.of(SECRET), newKeyOnly.tenants().find(ACME).orElseThrow().handoff().secret());
        }
    }

    @Test
    void aWrongKeyIsReportedAsASecretProblemAndSavingTheTenantKeepsTheStoredSecret() {
        try (TestDatabase db = TestDatabase.create()) {
            db.startContext().getBean(Stores.class).tenants().save(handoffTenant());
            String wrongKey = SecretKeyRing.newKey();

            Stores wrong = db.startContext(Map.of("gatehouse.secrets.key", wrongKey)).getBean(Stores.class);
            HandoffSettings seen = wrong.tenants().find(ACME).orElseThrow().handoff();
            assertEquals(Optional.empty(), seen.secret());
            assertEquals(Optional.of("it was encrypted with key " + SecretKeyRing.keyIdOf(db.secretsKey())
                    + ", which is not among the configured keys"), seen.secretProblem());
            SecretMaintenance.Reencryption refused = db.startContext(Map.of("gatehouse.secrets.key", wrongKey))
                    .getBean(SecretMaintenance.class).reencryptAll();
            assertEquals(List.of(ACME), List.copyOf(refused.unreadable().keySet()));
            wrong.tenants().save(wrong.tenants().find(ACME).orElseThrow().withDisplayName("Acme Corp"));

            Stores right = db.startContext().getBean(Stores.class);
            TenantSettings back = right.tenants().find(ACME).orElseThrow();
            assertEquals("Acme Corp", back.displayName());
            assertEquals(Optional.of(SECRET), back.handoff().secret());
        }
    }

    /** The secret as typed, in hex and in base64 (with and without padding, also URL-safe). */
    private static List<String> forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>();
        forms.add(secret);
        forms.add(secret.substring(0, 20));
        forms.add(HexFormat.of().formatHex(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        return forms;
    }

    /** Every value of every column of every table in the schema, as text and (for binary columns) as raw bytes. */
    private static byte[] dumpEveryTable(TestDatabase db) throws SQLException {
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            assertTrue(tables.contains("tenants"), tables.toString());
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData meta = r.getMetaData();
                    while (r.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            String text = r.getString(i);
                            dump.writeBytes((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
                            if (meta.getColumnTypeName(i).equals("bytea") && r.getBytes(i) != null) {
                                dump.writeBytes(r.getBytes(i));
                            }
                            dump.write('\t');
                        }
                    }
                }
            }
        }
        return dump.toByteArray();
    }

    private static byte[] pgDump(TestDatabase db) throws Exception {
        Process process = new ProcessBuilder("pg_dump", "--host", db.host(), "--port", Integer.toString(db.port()),
                "--username", "postgres", "--no-password", "--data-only", db.name()).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertEquals(0, process.waitFor(), new String(out, StandardCharsets.UTF_8));
        return out;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }
}
