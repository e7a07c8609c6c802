package dev.gatehouse.app;

import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Gatehouse. With no arguments (or {@code serve}) it runs the link pages, the Discord bot and the
 * housekeeping; any other first argument is an operator command, see {@code help}.
 */
public final class GatehouseMain {
    private static final Logger LOG = LoggerFactory.getLogger(GatehouseMain.class);
    private GatehouseMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("serve")) {
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            RunningContext running;
            try {
                running = RunningContext.start(Micronaut.build(rest).mainClass(GatehouseMain.class).banner(false),
                    EmbeddedDatabase.Role.SERVER);
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                LOG.error("Gatehouse could not start: {}", e.getMessage());
                System.exit(1);
                return;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "gatehouse-shutdown"));
            EmbeddedServer server = running.context().getBean(EmbeddedServer.class);
            server.start();
            LOG.info("Gatehouse is serving {}", server.getURL());
            return;
        }
        System.exit(OperatorCli.run(args, System.out, System.err));
    }
}
