package dev.gatehouse.app;

import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.slf4j.LoggerFactory;

/**
 * Starts Gatehouse. With no arguments (or {@code serve}) it runs the link pages, the Discord bot and the
 * housekeeping; any other first argument is an operator command, see {@code help}. A setting that can't work stops
 * the process at once with exit code 2 and a one-line reason, before anything is served.
 */
public final class GatehouseMain {
    private GatehouseMain() {
    }

    public static void main(String[] args) {
        frugalNetty();
        boolean help = Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help");
        if (args.length == 0 || (args[0].equals("serve") && !help)) {
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            if (serveOrFail(rest) != 0) {
                System.exit(2);
            }
            return;
        }
        System.exit(OperatorCli.run(args, System.out, System.err));
    }

    /** A JVM started without a heap limit sizes its heap from the machine's RAM: say so, and what the README runs. */
    private static void warnIfHeapUnbounded() {
        boolean limited = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize") || a.startsWith("-XX:MaxRAM"));
        if (!limited) {
            LoggerFactory.getLogger(GatehouseMain.class).info("no -Xmx given: the heap may grow to {} MB; the README runs "
                    + "Gatehouse with -XX:+UseSerialGC -Xmx128m (about 250 MB in all)", Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    /**
     * Netty's pooled allocator makes two arenas per core by default, each growing by 4 MB chunks; two arenas serve
     * the link pages' load as well (set before Netty loads; a {@code -D} given on the command line wins).
     */
    static void frugalNetty() {
        for (String arenas : new String[] {"io.netty.allocator.numHeapArenas", "io.netty.allocator.numDirectArenas"}) {
            if (System.getProperty(arenas) == null) {
                System.setProperty(arenas, "2");
            }
        }
    }

    /** Starts serving; on a setting that can't work, prints the one-line reason and returns 2. */
    static int serveOrFail(String[] args) {
        try {
            serve(args);
            return 0;
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(GatehouseMain.class).debug("start-up failed", e);
            System.err.println("Gatehouse could not start: " + StartupFailure.reason(e));
            return 2;
        }
    }

    private static void serve(String[] args) {
        RunningContext running = RunningContext.start(Micronaut.build(args).mainClass(GatehouseMain.class).banner(false),
                EmbeddedDatabase.Role.SERVER);
        try {
            EmbeddedServer server = running.context().getBean(EmbeddedServer.class);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "gatehouse-shutdown"));
            LoggerFactory.getLogger(GatehouseMain.class).info("Gatehouse is serving {}", server.getURL());
            warnIfHeapUnbounded();
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
    }
}
