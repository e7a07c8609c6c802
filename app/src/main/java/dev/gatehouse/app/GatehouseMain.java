package dev.gatehouse.app;

import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Gatehouse. With no arguments (or {@code serve}) it runs the link pages, the Discord bot and the
 * housekeeping; any other first argument is an operator command, see {@code help}. A setting that can't work stops
 * the process at once with exit code 2 and a one-line reason, before anything is served.
 */
public final class GatehouseMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatehouseMain.class);
    private GatehouseMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("serve")) {
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            try {
                serve(rest);
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("start-up failed", e);
                System.err.println("Gatehouse could not start: " + StartupFailure.reason(e));
                System.exit(2);
            }
            return;
        }
        System.exit(OperatorCli.run(args, System.out, System.err));
    }

    private static void serve(String[] args) {
        RunningContext running = RunningContext.start(Micronaut.build(args).mainClass(GatehouseMain.class).banner(false),
                EmbeddedDatabase.Role.SERVER);
        try {
            EmbeddedServer server = running.context().getBean(EmbeddedServer.class);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "gatehouse-shutdown"));
            LOG.info("Gatehouse is serving {}", server.getURL());
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
    }
}
