package dev.gatehouse.app;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.AdministerTenants.DescribeResult;
import dev.gatehouse.core.port.in.AdministerTenants.TenantNotFound;
import dev.gatehouse.core.port.in.AdministerTenants.TenantOverview;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tenant describe}: one tenant's settings, directory, links and servers. */
@Command(name = "describe", description = "Show a tenant's settings, directory size, links and servers.")
final class DescribeTenantCommand implements Callable<Integer> {
    private final OperatorCli cli;

    @Parameters(index = "0", paramLabel = "<id>", description = "The tenant.")
    TenantId tenant;

    DescribeTenantCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return cli.withGatehouse((gatehouse, context) -> {
            DescribeResult result = gatehouse.tenants().describe(tenant);
            if (result instanceof TenantOverview overview) {
                cli.out().println(TenantReplies.summary(overview.settings()));
                TenantReplies.overview(overview, cli.out());
                return OperatorCli.OK;
            }
            if (result instanceof TenantNotFound) {
                cli.err().println("Error: " + TenantReplies.noTenant(tenant));
                return OperatorCli.FAILED;
            }
            return TenantReplies.unavailable(cli.err());
        });
    }
}
