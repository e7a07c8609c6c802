package dev.gatehouse.app;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.ImportDirectory.NoSuchDirectoryUser;
import dev.gatehouse.core.port.in.ImportDirectory.RemoveByOperator;
import dev.gatehouse.core.port.in.ImportDirectory.RemoveUserResult;
import dev.gatehouse.core.port.in.ImportDirectory.TenantNotFound;
import dev.gatehouse.core.port.in.ImportDirectory.UserRemoved;
import dev.gatehouse.core.port.in.InvalidUserId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code user remove}: one person out of the directory, as a sync without them would. */
@Command(name = "remove", description = {"Remove one person from a tenant's directory.",
    "Their link ends, and their roles and nickname are removed in every server of the tenant."})
final class RemoveUserCommand implements Callable<Integer> {
    private final OperatorCli cli;

    @Parameters(index = "0", paramLabel = "<tenant>", description = "The tenant.")
    TenantId tenant;

    @Parameters(index = "1", paramLabel = "<user-id>", description = "The person's user id in the directory.")
    String userId;

    RemoveUserCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return cli.withGatehouse((gatehouse, context) -> {
            RemoveUserResult result = gatehouse.importDirectory().removeUser(new RemoveByOperator(tenant, userId));
            if (result instanceof UserRemoved removed) {
                cli.out().printf("Removed %s (%s) from %s%s.%n", removed.user().id(), removed.user().name().value(), tenant,
                        removed.link().map(l -> "; the link of Discord user " + l.discordUser() + " ended").orElse(""));
                return OperatorCli.OK;
            }
            if (result instanceof NoSuchDirectoryUser) {
                cli.err().printf("Error: tenant %s has no user %s. Nothing was changed.%n", tenant, userId);
                return OperatorCli.FAILED;
            }
            if (result instanceof InvalidUserId invalid) {
                cli.err().println("Error: " + invalid.reason() + ".");
                return OperatorCli.USAGE;
            }
            if (result instanceof TenantNotFound) {
                cli.err().println("Error: " + TenantReplies.noTenant(tenant));
                return OperatorCli.FAILED;
            }
            return TenantReplies.unavailable(cli.err());
        });
    }
}
