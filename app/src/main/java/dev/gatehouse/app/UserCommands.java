package dev.gatehouse.app;

import picocli.CommandLine.Command;

/** {@code user …}: one person of a tenant's directory. */
@Command(name = "user", description = "One person of a tenant: remove them from the directory, export or erase their data.",
        subcommands = {RemoveUserCommand.class, PersonCommands.Export.class, PersonCommands.Erase.class})
final class UserCommands extends CommandGroup {
    UserCommands(OperatorCli cli) {
        super(cli);
    }
}
