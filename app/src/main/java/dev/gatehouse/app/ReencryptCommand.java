package dev.gatehouse.app;

import dev.gatehouse.persistence.SecretMaintenance;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code secrets re-encrypt}: every hand-off secret under the current key. */
@Command(name = "re-encrypt", description = "Encrypt every hand-off secret with the current key.")
final class ReencryptCommand implements Callable<Integer> {
    private final OperatorCli cli;

    ReencryptCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return cli.withGatehouse((gatehouse, context) -> {
            SecretMaintenance.Reencryption done = context.getBean(SecretMaintenance.class).reencryptAll();
            cli.out().printf("Re-encrypted %d hand-off secrets with key %s; %d already used it.%n", done.reencrypted(), done.keyId(),
                    done.alreadyCurrent());
            if (!done.unreadable().isEmpty()) {
                done.unreadable().forEach((tenant, reason) -> cli.err().printf("Error: tenant %s: hand-off secret can't be decrypted: "
                        + "%s. It was left as it is.%n", tenant, reason));
                return OperatorCli.FAILED;
            }
            cli.out().println("Every hand-off secret now uses key " + done.keyId() + "; older keys are no longer needed.");
            return OperatorCli.OK;
        });
    }
}
