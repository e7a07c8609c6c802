package dev.gatehouse.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: on its own it prints its usage, as a usage error. */
abstract class CommandGroup implements Callable<Integer> {
    final OperatorCli cli;

    @Spec
    CommandSpec spec;

    CommandGroup(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        cli.err().println("Error: '" + spec.qualifiedName() + "' needs a command.");
        spec.commandLine().usage(cli.err());
        return OperatorCli.USAGE;
    }
}
