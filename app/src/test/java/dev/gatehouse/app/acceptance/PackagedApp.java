package dev.gatehouse.app.acceptance;

import dev.gatehouse.app.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code gatehouse.jar} run as its own process, the way the README says ({@code java -jar}), configured
 * only through environment variables and standard JVM properties. Its output goes to a log file under
 * {@code target/acceptance/}; {@link PrintLogsOnFailure} prints it when a test fails. Restarts keep the same port,
 * settings and data.
 */
public final class PackagedApp implements AutoCloseable {
    /** The system property naming the jar under test; failsafe sets it to {@code target/gatehouse.jar}. */
    public static final String JAR_PROPERTY = "gatehouse.jar";
    /**
     * JVM options that change no behaviour, only cost: C1 only and the serial collector halve the CPU a short-lived
     * JVM burns on a shared 2-core machine.
     */
    static final List<String> SHARED_MACHINE_TUNING = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** The JVM options of the README's run command ({@code java -XX:+UseSerialGC -Xmx128m -jar ...}). */
    static final List<String> README_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx128m");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** The apps of the running test class, for printing their logs on failure. */
    static final List<PackagedApp> ALL = new CopyOnWriteArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Map<String, String> environment;
    private final List<String> jvmArguments;
    private final int port;
    private final int managementPort;
    private final Path log;
    private Process process;
    private int starts;

    private PackagedApp(String name, Map<String, String> environment, List<String> jvmArguments, int port, int managementPort) {
        this.name = name;
        this.environment = environment;
        this.jvmArguments = jvmArguments;
        this.port = port;
        this.managementPort = managementPort;
        this.log = artifacts().resolve(name + ".log");
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ALL.add(this);
    }

    /**
     * A not yet started app on a free port, with these settings as environment variables (besides the port and the
     * public base URL, which this sets) and these extra JVM properties.
     */
    public static PackagedApp create(String name, Map<String, String> settings, List<String> jvmArguments) {
        int port = freePort();
        Map<String, String> environment = new LinkedHashMap<>(settings);
        environment.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        environment.putIfAbsent("GATEHOUSE_WEB_PUBLIC_BASE_URL", "http://localhost:" + port);
        int managementPort = freePort();
        environment.put("GATEHOUSE_MANAGEMENT_PORT", Integer.toString(managementPort));
        return new PackagedApp(name, environment, List.copyOf(jvmArguments), port, managementPort);
    }

    /** The jar under test, from the system property {@value #JAR_PROPERTY}; fails if it is missing. */
    public static Path jar() {
        String property = System.getProperty(JAR_PROPERTY);
        if (property == null || property.isBlank()) {
            throw new AssertionError("set -D" + JAR_PROPERTY + " to the packaged jar (failsafe does this after `package`)");
        }
        Path jar = Path.of(property).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the packaged jar " + jar + " does not exist: run `./mvnw package` (or verify) first");
        }
        return jar;
    }

    /** Where the suite writes logs and data: {@code target/acceptance} of the module. */
    public static Path artifacts() {
        Path dir = Path.of("target", "acceptance").toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The {@code java} of the JVM running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A process environment holding only what a shell gives every program (PATH, HOME, temp dir, locale) plus these
     * variables, so no setting leaks in from the machine running the tests.
     */
    static Map<String, String> cleanEnvironment(Map<String, String> variables) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String keep : List.of("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "USER")) {
            Optional.ofNullable(System.getenv(keep)).ifPresent(v -> environment.put(keep, v));
        }
        environment.putAll(variables);
        return environment;
    }

    /** Starts the process and waits until {@code /health} answers 200; fails with the log if it doesn't. */
    public PackagedApp start() {
        startProcess();
        awaitHealthy(START_TIMEOUT);
        return this;
    }

    /** Starts the process without waiting for it to serve. */
    public PackagedApp startProcess() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(README_JVM_OPTIONS);
        command.addAll(SHARED_MACHINE_TUNING);
        command.addAll(jvmArguments);
        command.add("-jar");
        command.add(jar().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(cleanEnvironment(environment));
        try {
            starts++;
            Files.writeString(log, "\n===== start #" + starts + " at " + Instant.now() + ": " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        return this;
    }

    /** Waits until {@code /health} (the link pages' health) answers 200; fails with the log if the process dies first. */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before serving:\n" + logTail(80));
            }
            if (get(url("/health")).map(r -> r.statusCode() == 200).orElse(false)) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError(name + " did not answer /health within " + timeout + ":\n" + logTail(80));
    }

    /** Stops the app as an operator or service manager does (SIGTERM) and waits; returns its exit code. */
    public int stop() {
        if (process == null) {
            return 0;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(name + " did not stop within 60 s of SIGTERM:\n" + logTail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    /** Kills the app without warning (SIGKILL, like {@code kill -9} or a power cut) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops (SIGTERM) and starts again on the same port, settings and data. */
    public PackagedApp restart() {
        stop();
        return start();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The link pages' base address. */
    public URI baseUrl() {
        return URI.create("http://localhost:" + port);
    }

    /** An address on the link pages' server, e.g. {@code /health}. */
    public URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A management endpoint, e.g. {@code health} or {@code prometheus}: the only place that knows where they live. */
    public URI management(String endpoint) {
        return URI.create("http://127.0.0.1:" + managementPort + "/manage/" + endpoint);
    }

    /** The settings the app runs with, as environment variables (for operator commands on the same database). */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** A GET with a 5 s timeout; empty if nothing answered. */
    public static Optional<HttpResponse<String>> get(URI uri) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public Path log() {
        return log;
    }

    /** The last lines of the log. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The whole log so far. */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (isRunning()) {
            stop();
        }
        ALL.remove(this);
    }

    static int freePort() {
        return FreePorts.next();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
