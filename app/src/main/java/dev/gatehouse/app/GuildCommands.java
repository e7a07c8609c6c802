package dev.gatehouse.app;

import picocli.CommandLine.Command;

/** {@code guild …}: binding Discord servers to tenants. */
@Command(name = "guild", description = "Bind a Discord server to a tenant, or end its binding.",
        subcommands = {BindGuildCommand.class, UnbindGuildCommand.class})
final class GuildCommands extends CommandGroup {
    GuildCommands(OperatorCli cli) {
        super(cli);
    }
}
