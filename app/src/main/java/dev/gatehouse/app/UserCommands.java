package dev.gatehouse.app;

import picocli.CommandLine.Command;

/** {@code user …}: one person of a tenant's directory. */
@Command(name = "user", description = "Remove one person from a tenant's directory.", subcommands = {RemoveUserCommand.class})
final class UserCommands extends CommandGroup {
    UserCommands(OperatorCli cli) {
        super(cli);
    }
}
