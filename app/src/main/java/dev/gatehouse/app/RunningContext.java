package dev.gatehouse.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A started application context plus, when no database is configured, the embedded PostgreSQL it runs on.
 * The embedded database must exist before the context starts, because the data source and Micronaut Data
 * read {@code datasources.default.*} at start; so the configuration is read first, and the database's URL
 * is added as a property source only when none is configured. The server opens it as its owner, an operator
 * command as a guest (see {@link EmbeddedDatabase}). With it and no secrets key configured, the key file beside its
 * data directory is made at first start and used ({@link SecretsKeyFile}).
 */
final class RunningContext implements AutoCloseable {
    static final String URL = "datasources.default.url";
    static final String EMBEDDED_DIRECTORY = "gatehouse.embedded-database.directory";
    static final String DEFAULT_EMBEDDED_DIRECTORY = "data/postgres";

    private final ApplicationContext context;
    private final Optional<EmbeddedDatabase> embedded;

    private RunningContext(ApplicationContext context, Optional<EmbeddedDatabase> embedded) {
        this.context = context;
        this.embedded = embedded;
    }

    static RunningContext start(ApplicationContextBuilder builder, EmbeddedDatabase.Role role) {
        ApplicationContext context = builder.build();
        Environment environment = context.getEnvironment();
        environment.start();
        Optional<EmbeddedDatabase> embedded = Optional.empty();
        Optional<Path> keyFile = SecretsKeyFile.embeddedDefault(environment);
        if (keyFile.isPresent()) {
            SecretsKeyFile.createIfMissing(keyFile.get());
            environment.addPropertySource(PropertySource.of("gatehouse-secrets-key-file", Map.of(SecretsKeyFile.KEY_FILE,
                    keyFile.get().toString())));
        }
        if (environment.getProperty(URL, String.class).filter(url -> !url.isBlank()).isEmpty()) {
            String directory = environment.getProperty(EMBEDDED_DIRECTORY, String.class).orElse(DEFAULT_EMBEDDED_DIRECTORY);
            Optional<Path> binaries = environment.getProperty("gatehouse.embedded-database.binaries-directory", String.class)
                    .filter(b -> !b.isBlank()).map(Path::of);
            EmbeddedDatabase database = EmbeddedDatabase.open(Path.of(directory), binaries, role);
            embedded = Optional.of(database);
            environment.addPropertySource(PropertySource.of("gatehouse-embedded-database", Map.of(
                    URL, database.jdbcUrl(),
                    "datasources.default.username", "postgres",
                    "datasources.default.password", database.password())));
        }
        try {
            context.start();
        } catch (RuntimeException e) {
            try {
                context.stop();
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            closeQuietly(embedded);
            throw e;
        }
        return new RunningContext(context, embedded);
    }

    ApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        try {
            if (context.isRunning()) {
                context.close();
            }
        } finally {
            closeQuietly(embedded);
        }
    }

    private static void closeQuietly(Optional<EmbeddedDatabase> database) {
        try {
            if (database.isPresent()) {
                database.get().close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
        }
    }
}
