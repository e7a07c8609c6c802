package dev.gatehouse.app;

import dev.gatehouse.core.port.in.AdministerTenants.TenantList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tenant list}: every tenant's id and name. */
@Command(name = "list", description = "List tenants.")
final class ListTenantsCommand implements Callable<Integer> {
    private final OperatorCli cli;

    ListTenantsCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return cli.withGatehouse((gatehouse, context) -> {
            if (!(gatehouse.tenants().list() instanceof TenantList list)) {
                return TenantReplies.unavailable(cli.err());
            }
            if (list.tenants().isEmpty()) {
                TenantReplies.noTenantsYet(cli.out());
            }
            list.tenants().forEach(t -> cli.out().printf("%s\t%s%n", t.id(), t.displayName()));
            return OperatorCli.OK;
        });
    }
}
