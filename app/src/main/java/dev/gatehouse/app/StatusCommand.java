package dev.gatehouse.app;

import dev.gatehouse.core.model.FleetMember;
import dev.gatehouse.core.model.ShardLease;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerTenants.TenantList;
import dev.gatehouse.core.port.in.AdministerTenants.TenantOverview;
import dev.gatehouse.core.port.in.CoordinateShards.FleetView;
import dev.gatehouse.core.port.in.InspectFleet;
import dev.gatehouse.core.port.out.MemberUpdates.OutboxDepth;
import dev.gatehouse.persistence.SecretMaintenance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code status}: tenants, servers, directory sizes, links, the secrets key, the outbox and the fleet. */
@Command(name = "status", description = "Show tenants, servers, directory sizes, links, the outbox and the fleet.")
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
            printFleet(context.getBean(InspectFleet.class).fleet());
            return OperatorCli.OK;
        });
    }

    /** The fleet sharing the bot token, when there is one: instances with their heartbeats, then every shard's owner. */
    private void printFleet(FleetView fleet) {
        if (fleet.members().isEmpty() && fleet.leases().isEmpty()) {
            return;
        }
        cli.out().printf("Fleet: %d instances, %d shards%n", fleet.members().size(), fleet.shardCount());
        for (FleetMember member : fleet.members()) {
            List<Integer> shards = fleet.leases().stream().filter(lease -> lease.owner().equals(member.instance()))
                    .map(ShardLease::shard).sorted().toList();
            cli.out().printf("  instance %s: last heartbeat %s (%d s ago), shards %s%n", member.instance().value(),
                    member.lastHeartbeat(), ago(member.lastHeartbeat(), fleet.at()),
                    shards.isEmpty() ? "none" : shards.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        for (int shard = 0; shard < fleet.shardCount(); shard++) {
            int index = shard;
            cli.out().println(fleet.lease(shard)
                    .map(lease -> String.format("  shard %d: %s, lease renewed %d s ago", index, lease.owner().value(),
                            ago(lease.renewedAt(), fleet.at())))
                    .orElse("  shard " + shard + ": no owner"));
        }
    }

    private static long ago(Instant then, Instant now) {
        return Math.max(0, Duration.between(then, now).toSeconds());
    }
}
