package dev.gatehouse.app;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.AdministerTenants.DeleteResult;
import dev.gatehouse.core.port.in.AdministerTenants.TenantDeleted;
import dev.gatehouse.core.port.in.AdministerTenants.TenantNotFound;
import dev.gatehouse.core.port.in.AdministerTenants.TenantStillBound;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tenant delete}: a tenant with its directory and links, once no server is bound to it. */
@Command(name = "delete", description = {"Delete a tenant with its directory and links.",
    "Its sessions, hand-offs and wrong answers go too. Refused while servers are bound to it: unbind them first."})
final class DeleteTenantCommand implements Callable<Integer> {
    private final OperatorCli cli;

    @Parameters(index = "0", paramLabel = "<id>", description = "The tenant.")
    TenantId tenant;

    DeleteTenantCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return cli.withGatehouse((gatehouse, context) -> {
            DeleteResult result = gatehouse.tenants().delete(tenant);
            if (result instanceof TenantDeleted deleted) {
                cli.out().printf("Deleted tenant %s with %d directory users and %d links.%n", tenant, deleted.directoryUsers(),
                        deleted.links());
                return OperatorCli.OK;
            }
            if (result instanceof TenantStillBound bound) {
                String servers = bound.servers().stream().map(GuildId::toString).collect(Collectors.joining(", "));
                cli.err().printf("Error: tenant %s still has servers bound: %s. Nothing was deleted; unbind them first "
                        + "(guild unbind <guild-id>).%n", tenant, servers);
                return OperatorCli.FAILED;
            }
            if (result instanceof TenantNotFound) {
                cli.err().printf("Error: no tenant %s.%n", tenant);
                return OperatorCli.FAILED;
            }
            return TenantReplies.unavailable(cli.err());
        });
    }
}
