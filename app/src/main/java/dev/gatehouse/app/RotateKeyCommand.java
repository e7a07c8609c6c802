package dev.gatehouse.app;

import dev.gatehouse.persistence.SecretKeyRing;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code secrets rotate}: a new current key in the key file, or a new key to configure; no database needed. */
@Command(name = "rotate", description = {"Make a new current secrets key.",
    "Puts it first in the key file (older keys stay, for decryption), or prints one to configure;",
    "then restart the server and run secrets re-encrypt."})
final class RotateKeyCommand implements Callable<Integer> {
    private final OperatorCli cli;

    RotateKeyCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Environment environment = ApplicationContext.builder().properties(cli.properties()).deduceEnvironment(false).build().getEnvironment();
        environment.start();
        try {
            Optional<Path> file = SecretsKeyFile.of(environment);
            if (file.isPresent()) {
                if (SecretsKeyFile.embeddedDefault(environment).isPresent()) {
                    SecretsKeyFile.createIfMissing(file.get());
                }
                String id = SecretsKeyFile.rotate(file.get());
                cli.out().printf("Key %s is now the current key in %s; the older keys stay there to decrypt what they encrypted.%n"
                        + "Next: restart the server (and anything else that reads this file), then run 'secrets re-encrypt'. "
                        + "After that the older keys can be deleted from the file.%n", id, file.get());
                return OperatorCli.OK;
            }
            String key = SecretKeyRing.newKey();
            boolean configured = environment.getProperty(SecretsKeyFile.KEY, String.class).filter(k -> !k.isBlank()).isPresent();
            cli.out().println(key);
            cli.err().printf("That is a new key (id %s). Next: %sset GATEHOUSE_SECRETS_KEY to it, restart the server, then run "
                    + "'secrets re-encrypt'%s.%n", SecretKeyRing.keyIdOf(key),
                    configured ? "add the current GATEHOUSE_SECRETS_KEY to GATEHOUSE_SECRETS_PREVIOUS_KEYS (comma-separated), " : "",
                    configured ? "; after that GATEHOUSE_SECRETS_PREVIOUS_KEYS can be emptied" : "");
            return OperatorCli.OK;
        } catch (IOException e) {
            cli.err().println("Error: can't rotate the secrets key file: " + e.getMessage() + ". Nothing was changed.");
            return OperatorCli.FAILED;
        } catch (IllegalArgumentException e) {
            cli.err().println("Error: " + e.getMessage() + ". Nothing was changed.");
            return OperatorCli.FAILED;
        } finally {
            environment.stop();
        }
    }
}
