package dev.gatehouse.app;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.in.AdministerGuild.BindResult;
import dev.gatehouse.core.port.in.AdministerGuild.Bound;
import dev.gatehouse.core.port.in.AdministerGuild.BoundToAnotherTenant;
import dev.gatehouse.core.port.in.AdministerGuild.Rebinding;
import dev.gatehouse.core.port.in.AdministerGuild.TenantNotFound;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code guild bind}: a Discord server verifies against a tenant's directory. */
@Command(name = "bind", description = {"Bind a Discord server to a tenant.",
    "A server bound to another tenant moves only with --move (its members' links stay with the old tenant)."})
final class BindGuildCommand implements Callable<Integer> {
    private final OperatorCli cli;

    @Parameters(index = "0", paramLabel = "<guild-id>", description = "The Discord server id.")
    GuildId guild;

    @Parameters(index = "1", paramLabel = "<tenant>", description = "The tenant.")
    TenantId tenant;

    @Option(names = "--move", negatable = true, description = "Move the server if it is bound to another tenant.")
    boolean move;

    BindGuildCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return cli.withGatehouse((gatehouse, context) -> {
            BindResult result = gatehouse.administration().bind(new BindCommand(guild, tenant, Authority.OPERATOR,
                    move ? Rebinding.MOVE_TO_NEW_TENANT : Rebinding.KEEP_CURRENT_TENANT));
            if (result instanceof Bound bound) {
                cli.out().printf("Server %s is bound to tenant %s. Next, in Discord: /gatehouse setup to choose the verified role.%n",
                        bound.settings().guild(), bound.settings().tenant());
                return OperatorCli.OK;
            }
            if (result instanceof TenantNotFound) {
                cli.err().println("Error: " + TenantReplies.noTenant(tenant));
                return OperatorCli.FAILED;
            }
            if (result instanceof BoundToAnotherTenant other) {
                cli.err().printf("Error: server %s is bound to tenant %s; nothing was changed. To move it to %s (its members' "
                        + "links stay with %s), run: guild bind %s %s --move%n", guild, other.current(), tenant, other.current(),
                        guild, tenant);
                return OperatorCli.FAILED;
            }
            return TenantReplies.unavailable(cli.err());
        });
    }
}
