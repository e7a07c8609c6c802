package dev.gatehouse.app;

import picocli.CommandLine.Command;

/** {@code secrets …}: the key that encrypts hand-off secrets at rest. */
@Command(name = "secrets", description = "Make, rotate and apply the key that encrypts hand-off secrets.",
        subcommands = {NewKeyCommand.class, RotateKeyCommand.class, ReencryptCommand.class})
final class SecretsCommands extends CommandGroup {
    SecretsCommands(OperatorCli cli) {
        super(cli);
    }
}
