package dev.gatehouse.app;

import picocli.CommandLine.Command;

/** {@code tenant …}: the operator's tenants. */
@Command(name = "tenant", description = "Create, change, list, describe and delete tenants.",
        subcommands = {CreateTenantCommand.class, SetMethodCommand.class, SetQuestionCommand.class, ListTenantsCommand.class,
            DescribeTenantCommand.class, DeleteTenantCommand.class})
final class TenantCommands extends CommandGroup {
    TenantCommands(OperatorCli cli) {
        super(cli);
    }
}
