package dev.gatehouse.app;

import io.micronaut.runtime.Micronaut;
import java.util.Arrays;

/**
 * Starts Gatehouse. With no arguments (or {@code serve}) it runs the link pages, the Discord bot and the
 * housekeeping; any other first argument is an operator command, see {@code help}.
 */
public final class GatehouseMain {
    private GatehouseMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("serve")) {
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            Micronaut.build(rest).mainClass(GatehouseMain.class).banner(false).start();
            return;
        }
        System.exit(OperatorCli.run(args, System.out, System.err));
    }
}
