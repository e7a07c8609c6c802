package dev.gatehouse.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An operator command ({@code java -jar gatehouse.jar tenant create …}) run as its own process, as an operator types it. */
public final class OperatorCommand {
    private static final long TIMEOUT_SECONDS = 120;

    private OperatorCommand() {
    }

    /** What a command printed and how it exited. */
    public record Result(List<String> args, int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "`" + String.join(" ", args) + "` exited " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs the command with these settings (environment variables) and returns what it did. */
    public static Result run(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(PackagedApp.java()));
        command.addAll(PackagedApp.SHARED_MACHINE_TUNING);
        command.addAll(List.of("-jar", PackagedApp.jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(PackagedApp.cleanEnvironment(environment));
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("`" + String.join(" ", args) + "` did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(List.of(args), process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs the command, asserts exit code 0, and returns its standard output. */
    public static String succeed(Map<String, String> environment, String... args) {
        Result result = run(environment, args);
        assertEquals(0, result.exitCode(), result::toString);
        return result.out();
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
