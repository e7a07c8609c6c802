package dev.gatehouse.app;

import dev.gatehouse.persistence.SecretKeyRing;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code secrets new-key}: a fresh key, printed alone on standard output. */
@Command(name = "new-key", description = "Print a fresh secrets key (base64 of 32 random bytes).")
final class NewKeyCommand implements Callable<Integer> {
    private final OperatorCli cli;

    NewKeyCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        String key = SecretKeyRing.newKey();
        cli.out().println(key);
        cli.err().println("Key id " + SecretKeyRing.keyIdOf(key) + ". Use it as GATEHOUSE_SECRETS_KEY or as the first line of the "
                + "file named by GATEHOUSE_SECRETS_KEY_FILE; keep it out of the database's backups.");
        return OperatorCli.OK;
    }
}
