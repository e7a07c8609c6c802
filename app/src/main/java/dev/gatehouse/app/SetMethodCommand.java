package dev.gatehouse.app;

import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.TenantChange;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.Texts;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.port.in.AdministerTenants.ChangeTenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tenant method}: how the tenant's members verify. */
@Command(name = "method", description = {"Set how the tenant's members verify.",
    "'email': an emailed link (the default). 'handoff': on the organisation's own site, which calls back with a",
    "token signed with the shared secret (32+ characters; kept if not given again)."})
final class SetMethodCommand implements Callable<Integer> {
    private final OperatorCli cli;

    @Parameters(index = "0", paramLabel = "<id>", description = "The tenant.")
    TenantId tenant;

    @Parameters(index = "1", paramLabel = "<method>", description = "email or handoff.")
    String method;

    @Option(names = "--site-url", paramLabel = "<url>", description = "handoff: where members are sent.")
    String siteUrl;

    @Option(names = "--secret-file", paramLabel = "<file>", description = "handoff: the shared secret, the file's first line.")
    Path secretFile;

    @Option(names = "--secret-env", paramLabel = "<variable>", description = "handoff: the shared secret, from this environment variable.")
    String secretVariable;

    @Option(names = "--lifetime", paramLabel = "<minutes>", description = "handoff: how long a hand-off works.")
    Long lifetimeMinutes;

    SetMethodCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TenantChange change = change();
        return cli.withGatehouse((gatehouse, context) -> TenantReplies.changed(
                gatehouse.tenants().change(new ChangeTenant(tenant, List.of(change))), cli.out(), cli.err(), updated -> {
                    if (updated.method() == VerificationMethod.EMAIL_LINK) {
                        cli.out().printf("Tenant %s: members verify by an emailed link.%n", tenant);
                    } else {
                        HandoffSettings h = updated.handoff();
                        cli.out().printf("Tenant %s: members verify on %s; secret %s; hand-offs live %d min. The site posts its "
                                + "callback to <public base URL>/handoff/%s/callback.%n", tenant,
                                h.siteUrl().map(Object::toString).orElse("(NO SITE URL YET)"), TenantReplies.secretState(h),
                                h.lifetime().toMinutes(), tenant);
                    }
                }));
    }

    private TenantChange change() {
        if (method.equals("email")) {
            if (siteUrl != null || secretFile != null || secretVariable != null || lifetimeMinutes != null) {
                throw new OperatorCli.UsageException("--site-url, --secret-file, --secret-env and --lifetime apply to 'handoff' only");
            }
            return new TenantChange.EmailMethod();
        }
        if (!method.equals("handoff")) {
            throw new OperatorCli.UsageException("the method is 'email' or 'handoff', got '" + Texts.preview(method) + "'");
        }
        Optional<HandoffSecret> secret = readSecret();
        return OperatorCli.parse(() -> new TenantChange.HandoffMethod(
                Optional.ofNullable(siteUrl).map(HandoffSettings::parseSiteUrl), secret,
                Optional.ofNullable(lifetimeMinutes).map(Duration::ofMinutes)));
    }

    /** The shared secret from a file (first line) or an environment variable, never from the command line itself. */
    private Optional<HandoffSecret> readSecret() {
        if (secretFile != null && secretVariable != null) {
            throw new OperatorCli.UsageException("give the secret with --secret-file or --secret-env, not both");
        }
        if (secretFile != null) {
            try {
                List<String> lines = Files.readAllLines(secretFile);
                String secret = lines.isEmpty() ? "" : lines.get(0).strip();
                return Optional.of(OperatorCli.parse(() -> new HandoffSecret(secret)));
            } catch (IOException e) {
                throw new OperatorCli.UsageException("can't read the secret file " + secretFile + ": " + e.getMessage());
            }
        }
        if (secretVariable != null) {
            String value = System.getenv(secretVariable);
            if (value == null) {
                throw new OperatorCli.UsageException("the environment variable " + secretVariable + " is not set");
            }
            return Optional.of(OperatorCli.parse(() -> new HandoffSecret(value.strip())));
        }
        return Optional.empty();
    }
}
