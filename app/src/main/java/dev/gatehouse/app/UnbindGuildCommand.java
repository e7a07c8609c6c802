package dev.gatehouse.app;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.port.in.AdministerGuild.UnbindResult;
import dev.gatehouse.core.port.in.AdministerGuild.Unbound;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code guild unbind}: a server stops verifying against its tenant. */
@Command(name = "unbind", description = "End a Discord server's binding; its members keep their links in the tenant.")
final class UnbindGuildCommand implements Callable<Integer> {
    private final OperatorCli cli;

    @Parameters(index = "0", paramLabel = "<guild-id>", description = "The Discord server id.")
    GuildId guild;

    UnbindGuildCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return cli.withGatehouse((gatehouse, context) -> {
            UnbindResult result = gatehouse.administration().unbind(guild);
            if (result instanceof Unbound unbound) {
                cli.out().printf("Server %s is no longer bound to tenant %s; its members keep their links there.%n", guild,
                        unbound.previous().tenant());
                return OperatorCli.OK;
            }
            if (result instanceof GuildNotSetUp) {
                cli.err().printf("Error: server %s is not bound to any tenant.%n", guild);
                return OperatorCli.FAILED;
            }
            return TenantReplies.unavailable(cli.err());
        });
    }
}
