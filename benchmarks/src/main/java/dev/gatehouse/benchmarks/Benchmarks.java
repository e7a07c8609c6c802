package dev.gatehouse.benchmarks;

import java.util.Arrays;

/**
 * The benchmarks' entry point: {@code java -jar benchmarks/target/benchmarks.jar <what>}, where what is
 * {@code jmh [JMH options]} (the gate and the core's hot paths; JMH's own options follow), {@code confirm} (the
 * confirm against the pgbench ceiling over the packaged jar, with start-up, import and memory), {@code sync} (the
 * directory sync), {@code fleet} (1 to 3 jars sharing the shards of one fake Discord: confirms/s, gate decisions/s,
 * takeover time) or {@code all} (confirm and JMH).
 * Reports; never asserts.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Options.Refused e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        String what = args.length == 0 ? "all" : args[0];
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        switch (what) {
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            case "confirm" -> ConfirmLoad.main(rest);
            case "sync" -> SyncLoad.main(rest);
            case "fleet" -> FleetLoad.main(rest);
            case "all" -> {
                ConfirmLoad.main(rest);
                org.openjdk.jmh.Main.main(new String[] {"-prof", "gc"});
            }
            default -> {
                System.err.println("usage: java -jar benchmarks.jar [jmh [JMH options] | confirm [options] | sync [options] | fleet [options] | all]");
                System.exit(2);
            }
        }
    }
}
