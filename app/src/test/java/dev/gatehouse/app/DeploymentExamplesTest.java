package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment examples under {@code app/deploy} run the jar as the README does and match the app's real settings:
 * ports, health paths, fleet mode, and a stop timeout that covers the graceful shard hand-over.
 */
class DeploymentExamplesTest {
    private static final Path DEPLOY = Path.of("deploy");
    private static final Path UNIT = DEPLOY.resolve("systemd/gatehouse@.service");
    private static final Path MANIFESTS = DEPLOY.resolve("kubernetes/gatehouse.yaml");
    /** The default lease expiry: even if a hand-over failed, the shard is free again after it. */
    private static final Duration LEASE_EXPIRY = Duration.ofSeconds(20);

    @TempDir
    Path scratch;

    private static String readme() throws IOException {
        return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    }

    /** The JVM options of the README's run command, e.g. {@code -XX:+UseSerialGC -Xmx128m}. */
    private static List<String> readmeJvmOptions() throws IOException {
        Matcher run = Pattern.compile("java ((?:-\\S+ )+)-jar app/target/gatehouse\\.jar").matcher(readme());
        assertTrue(run.find(), "the README's run command");
        return List.of(run.group(1).strip().split(" "));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> applicationYml() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.yml"))) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object setting(Map<String, Object> yml, String path) {
        Object at = yml;
        for (String key : path.split("\\.")) {
            at = ((Map<String, Object>) at).get(key);
        }
        return at;
    }

    /** What a stop must allow: the requests' grace period, then the hand-over, bounded by the lease expiry. */
    private static Duration handOver() throws IOException {
        String grace = (String) setting(applicationYml(), "micronaut.lifecycle.graceful-shutdown.grace-period");
        return Duration.ofSeconds(Long.parseLong(grace.replace("s", ""))).plus(LEASE_EXPIRY);
    }

    private static Map<String, List<String>> unit() throws IOException {
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String line : Files.readAllLines(UNIT, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("[")) {
                continue;
            }
            int equals = line.indexOf('=');
            directives.computeIfAbsent(line.substring(0, equals), k -> new ArrayList<>()).add(line.substring(equals + 1));
        }
        return directives;
    }

    @Test
    void theSystemdTemplateRunsTheJarAsTheReadmeDoesInFleetModeAndWaitsForTheHandOver() throws IOException {
        Map<String, List<String>> unit = unit();
        List<String> exec = List.of(unit.get("ExecStart").get(0).split(" "));
        assertTrue(exec.get(0).endsWith("/java"), exec.toString());
        assertEquals(readmeJvmOptions(), exec.subList(1, exec.size() - 2), "the README's memory options");
        assertEquals("-jar", exec.get(exec.size() - 2));
        assertTrue(exec.get(exec.size() - 1).endsWith("/gatehouse.jar"), exec.toString());
        assertTrue(unit.get("Environment").contains("GATEHOUSE_FLEET_ENABLED=true"), unit.toString());
        assertTrue(unit.get("Environment").stream().anyMatch(e -> e.startsWith("GATEHOUSE_FLEET_INSTANCE_ID=") && e.contains("%i")),
                "one instance id per template instance: " + unit);
        assertTrue(unit.get("EnvironmentFile").stream().anyMatch(f -> f.contains("%i")), "per-instance ports: " + unit);
        assertEquals(List.of("SIGTERM"), unit.get("KillSignal"));
        Duration stop = Duration.ofSeconds(Long.parseLong(unit.get("TimeoutStopSec").get(0)));
        assertTrue(stop.compareTo(handOver()) >= 0, "stop timeout " + stop + " covers " + handOver());
        assertEquals(List.of("2"), unit.get("RestartPreventExitStatus"), "a setting that can't work is not restarted");
    }

    @Test
    void systemdAcceptsTheTemplate() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        if (!Files.isExecutable(analyze)) {
            System.out.println("systemd-analyze is not installed: the unit was checked by parsing only");
            return;
        }
        Path template = Files.copy(UNIT, scratch.resolve("gatehouse@.service"));
        Path instance = Files.createSymbolicLink(scratch.resolve("gatehouse@1.service"), template);
        Process verify = new ProcessBuilder(analyze.toString(), "verify", instance.toString()).redirectErrorStream(true).start();
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS), "systemd-analyze finished");
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, verify.exitValue(), said);
        assertEquals("", said.strip(), "systemd-analyze verify complains");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesDeploymentProbesTheRealPortsAndPathsAndRunsInFleetMode() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (InputStream in = Files.newInputStream(MANIFESTS)) {
            new Yaml().loadAll(in).forEach(document -> documents.add((Map<String, Object>) document));
        }
        Map<String, Object> deployment = documents.stream().filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> config = documents.stream().filter(d -> "ConfigMap".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> pod = (Map<String, Object>) setting(deployment, "spec.template.spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        Map<String, Object> yml = applicationYml();

        List<String> command = (List<String>) container.get("command");
        assertEquals("java", command.get(0));
        assertEquals(readmeJvmOptions(), command.subList(1, command.size() - 2), "the README's memory options");
        assertEquals("-jar", command.get(command.size() - 2));

        Map<String, Integer> ports = new LinkedHashMap<>();
        ((List<Map<String, Object>>) container.get("ports")).forEach(p -> ports.put((String) p.get("name"), (Integer) p.get("containerPort")));
        assertEquals(setting(yml, "micronaut.server.port"), ports.get("http"));
        assertEquals(setting(yml, "gatehouse.management.port"), ports.get("management"));

        assertEquals("/manage/health", setting(container, "readinessProbe.httpGet.path"));
        assertEquals("management", setting(container, "readinessProbe.httpGet.port"));
        assertEquals(setting(yml, "endpoints.all.path") + "health", setting(container, "readinessProbe.httpGet.path"));
        assertEquals("/health", setting(container, "livenessProbe.httpGet.path"));
        assertEquals("http", setting(container, "livenessProbe.httpGet.port"));

        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        ((List<Map<String, Object>>) container.get("env")).forEach(e -> env.put((String) e.get("name"), e));
        assertEquals("true", env.get("GATEHOUSE_FLEET_ENABLED").get("value"));
        assertEquals("metadata.name", setting(env.get("GATEHOUSE_FLEET_INSTANCE_ID"), "valueFrom.fieldRef.fieldPath"));
        assertEquals("0.0.0.0", env.get("GATEHOUSE_MANAGEMENT_HOST").get("value"), "the kubelet reaches the management port");
        assertEquals(String.valueOf(ports.get("http")), env.get("MICRONAUT_SERVER_PORT").get("value"));
        assertEquals(String.valueOf(ports.get("management")), env.get("GATEHOUSE_MANAGEMENT_PORT").get("value"));
        Map<String, Object> shared = (Map<String, Object>) config.get("data");
        assertTrue(((String) shared.get("DATASOURCES_DEFAULT_URL")).startsWith("jdbc:postgresql://"), "a shared PostgreSQL");
        assertTrue(env.containsKey("DATASOURCES_DEFAULT_PASSWORD") && env.containsKey("GATEHOUSE_DISCORD_TOKEN"), env.toString());

        String readme = readme();
        List<String> names = new ArrayList<>(env.keySet());
        names.addAll(shared.keySet());
        for (String name : names) {
            assertTrue(readme.contains(name) || readme.contains(name.substring(0, name.lastIndexOf('_'))) && readme.contains(
                    "`" + name.substring(name.lastIndexOf('_')) + "`"), name + " is a setting the README documents");
        }

        Duration grace = Duration.ofSeconds(((Number) pod.get("terminationGracePeriodSeconds")).longValue());
        assertTrue(grace.compareTo(handOver()) >= 0, "termination grace " + grace + " covers " + handOver());
    }
}
