package dev.gatehouse.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code serve}: the link pages, the Discord bot and the housekeeping; what the jar does without a command. */
@Command(name = "serve", description = "Run the link pages and the Discord bot (the default when no command is given).")
final class ServeCommand implements Callable<Integer> {
    @Unmatched
    List<String> micronautArguments = new ArrayList<>();

    @Override
    public Integer call() {
        return GatehouseMain.serveOrFail(micronautArguments.toArray(String[]::new));
    }
}
