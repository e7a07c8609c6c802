package dev.gatehouse.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code help [command…]}: the usage of any command, however deep ({@code help tenant create}). */
@Command(name = "help", description = "Show the usage of a command (help tenant create).")
final class HelpCommand implements Callable<Integer> {
    private final OperatorCli cli;

    @Parameters(paramLabel = "<command>", arity = "0..*", description = "The command, in words.")
    List<String> words = new ArrayList<>();

    @Spec
    CommandSpec spec;

    HelpCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        CommandLine command = spec.parent().commandLine();
        for (String word : words) {
            CommandLine next = command.getSubcommands().get(word);
            if (next == null) {
                cli.err().println("Unknown command: " + String.join(" ", words));
                cli.err().println("Run '" + spec.parent().qualifiedName() + " --help' for the commands.");
                return OperatorCli.USAGE;
            }
            command = next;
        }
        command.usage(cli.out());
        return OperatorCli.OK;
    }
}
