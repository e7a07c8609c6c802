package dev.gatehouse.app;

import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerTenants.TenantList;
import dev.gatehouse.core.port.in.AdministerTenants.TenantOverview;
import dev.gatehouse.core.port.out.MemberUpdates.OutboxDepth;
import dev.gatehouse.persistence.SecretMaintenance;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code status}: tenants, servers, directory sizes, links, the secrets key and the outbox. */
@Command(name = "status", description = "Show tenants, servers, directory sizes, links and the outbox.")
final class StatusCommand implements Callable<Integer> {
    private final OperatorCli cli;

    StatusCommand(OperatorCli cli) {
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
            for (TenantSettings tenant : list.tenants()) {
                if (gatehouse.tenants().describe(tenant.id()) instanceof TenantOverview overview) {
                    TenantReplies.overview(overview, cli.out());
                    if (tenant.method() == VerificationMethod.OIDC) {
                        TenantReplies.providerCheck(tenant, cli.out());
                    }
                }
            }
            cli.out().println(context.getBean(SecretMaintenance.class).currentKeyId()
                    .map(id -> "Secrets: hand-off secrets are encrypted with key " + id)
                    .orElse("Secrets: no secrets key configured (hand-off secrets can't be stored)"));
            OutboxDepth depth = gatehouse.outbox().depth();
            cli.out().printf("Outbox: %d member updates waiting%s%n", depth.pending(),
                    depth.oldestAge().map(age -> ", oldest " + age.toSeconds() + " s").orElse(""));
            return OperatorCli.OK;
        });
    }
}
