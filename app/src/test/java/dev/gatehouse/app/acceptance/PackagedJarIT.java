package dev.gatehouse.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar holds what the app needs at run time: each check loads and initialises, in a class loader holding
 * only the jar (parent: the platform class loader, so nothing of the test class path leaks in), what the app looks
 * up by {@link ServiceLoader} or static initialisation. A dependency scoped {@code test} by mistake (as
 * {@code javacord-core} once was) fails here, not in production.
 */
class PackagedJarIT {
    private static URLClassLoader jar;

    @BeforeAll
    static void openTheJarAlone() throws Exception {
        jar = new URLClassLoader("gatehouse.jar", new URL[] {PackagedApp.jar().toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void close() throws Exception {
        jar.close();
    }

    @Test
    void theManifestStartsGatehouseMain() throws Exception {
        try (JarFile file = new JarFile(PackagedApp.jar().toFile())) {
            assertEquals("dev.gatehouse.app.GatehouseMain", file.getManifest().getMainAttributes().getValue("Main-Class"));
        }
        Class.forName("dev.gatehouse.app.GatehouseMain", true, jar);
    }

    @Test
    void javacordFindsItsImplementationAndTransports() throws Exception {
        inJar(() -> {
            Class.forName("org.javacord.api.util.internal.DelegateFactory", true, jar);
            Object builder = jar.loadClass("org.javacord.api.DiscordApiBuilder").getConstructor().newInstance();
            Class.forName("okhttp3.OkHttpClient", true, jar);
            Class.forName("com.neovisionaries.ws.client.WebSocketFactory", true, jar);
            return builder;
        });
    }

    @Test
    void thePostgresqlDriverRegistersItself() throws Exception {
        List<String> drivers = new ArrayList<>();
        ServiceLoader.load(java.sql.Driver.class, jar).forEach(d -> drivers.add(d.getClass().getName()));
        assertTrue(drivers.contains("org.postgresql.Driver"), drivers::toString);
        Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", true, jar);
        Class.forName("org.flywaydb.database.postgresql.PostgreSQLDatabaseType", true, jar);
    }

    @Test
    void jakartaMailHasAnSmtpTransport() throws Exception {
        Object transport = inJar(() -> {
            Class<?> session = jar.loadClass("jakarta.mail.Session");
            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            Object instance = session.getMethod("getInstance", Properties.class).invoke(null, properties);
            return session.getMethod("getTransport", String.class).invoke(instance, "smtp");
        });
        assertEquals("org.eclipse.angus.mail.smtp.SMTPTransport", transport.getClass().getName());
    }

    @Test
    void slf4jLogsThroughLogback() throws Exception {
        Object factory = inJar(() -> jar.loadClass("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null));
        assertEquals("ch.qos.logback.classic.LoggerContext", factory.getClass().getName());
    }

    @Test
    void micronautFindsAndLoadsTheAppsBeanDefinitions() throws Exception {
        Set<String> beans = inJar(() -> {
            Class<?> reference = jar.loadClass("io.micronaut.inject.BeanDefinitionReference");
            Object loader = jar.loadClass("io.micronaut.core.io.service.SoftServiceLoader")
                    .getMethod("load", Class.class, ClassLoader.class).invoke(null, reference, jar);
            List<Object> references = new ArrayList<>();
            loader.getClass().getMethod("collectAll", java.util.Collection.class).invoke(loader, references);
            Set<String> names = new TreeSet<>();
            for (Object ref : references) {
                String type = (String) reference.getMethod("getBeanDefinitionName").invoke(ref);
                if (type.startsWith("dev.gatehouse") || type.startsWith("io.micronaut.http.server.netty")) {
                    Object definition = reference.getMethod("load").invoke(ref);
                    names.add(((Class<?>) definition.getClass().getMethod("getBeanType").invoke(definition)).getName());
                }
            }
            return names;
        });
        for (String needed : List.of("dev.gatehouse.app.DiscordRunner", "dev.gatehouse.app.Housekeeping",
                "dev.gatehouse.app.GatehouseMetrics", "io.micronaut.http.server.netty.NettyEmbeddedServer")) {
            assertTrue(beans.contains(needed), () -> needed + " is not among the jar's beans: " + beans);
        }
        assertTrue(beans.stream().anyMatch(b -> b.startsWith("dev.gatehouse.web.")), beans::toString);
        assertTrue(beans.stream().anyMatch(b -> b.startsWith("dev.gatehouse.persistence.")), beans::toString);
    }

    /** Runs the check with the jar as context class loader, as the app's own threads have it, unwrapping reflection. */
    private static <T> T inJar(Callable<T> check) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(jar);
        try {
            return check.call();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw new AssertionError(e.getCause());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
