package dev.gatehouse.app;

import dev.gatehouse.core.model.ClientSecret;
import dev.gatehouse.core.model.DirectoryAuthority;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.OidcSettings;
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
    "token signed with the shared secret (32+ characters; kept if not given again). 'oidc': members sign in with",
    "the organisation's OpenID Connect provider; register <public base URL>/sign-in/callback as its redirect URI.",
    "Settings not given again are kept."})
final class SetMethodCommand implements Callable<Integer> {
    private final OperatorCli cli;

    @Parameters(index = "0", paramLabel = "<id>", description = "The tenant.")
    TenantId tenant;

    @Parameters(index = "1", paramLabel = "<method>", description = "email, handoff or oidc.")
    String method;

    @Option(names = "--site-url", paramLabel = "<url>", description = "handoff: where members are sent.")
    String siteUrl;

    @Option(names = "--secret-file", paramLabel = "<file>", description = "handoff: the shared secret, the file's first line.")
    Path secretFile;

    @Option(names = "--secret-env", paramLabel = "<variable>", description = "handoff: the shared secret, from this environment variable.")
    String secretVariable;

    @Option(names = "--lifetime", paramLabel = "<minutes>", description = "handoff: how long a hand-off works.")
    Long lifetimeMinutes;

    @Option(names = "--issuer", paramLabel = "<url>", description = "oidc: the provider's issuer URL (discovery at <url>/.well-known/openid-configuration).")
    String issuer;

    @Option(names = "--client-id", paramLabel = "<id>", description = "oidc: the client id registered at the provider.")
    String clientId;

    @Option(names = "--client-secret-file", paramLabel = "<file>", description = "oidc: the client secret, the file's first line.")
    Path clientSecretFile;

    @Option(names = "--client-secret-env", paramLabel = "<variable>", description = "oidc: the client secret, from this environment variable.")
    String clientSecretVariable;

    @Option(names = "--scopes", paramLabel = "<scopes>", description = "oidc: scopes, space- or comma-separated; must include openid (default: openid profile email).")
    String scopes;

    @Option(names = "--claim", paramLabel = "<claim>", description = "oidc: the ID token claim naming the directory user: preferred_username (default), email, sub, or another.")
    String claim;

    @Option(names = "--directory", paramLabel = "required|authority", description = "oidc: 'required' (default): the claim must name a directory user; 'authority': the provider decides, the name comes from its name claim.")
    String directory;

    @Option(names = "--groups-claim", paramLabel = "<claim>", description = "oidc: the claim carrying groups (kept for the provider-as-authority mode; default groups).")
    String groupsClaim;

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
                    } else if (updated.method() == VerificationMethod.OIDC) {
                        cli.out().printf("Tenant %s: members verify by %s. Register the redirect URI <public base URL>/sign-in/callback "
                                + "at the provider; 'status' checks discovery.%n", tenant, TenantReplies.describeMethod(updated));
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
        boolean handoffOptions = siteUrl != null || secretFile != null || secretVariable != null || lifetimeMinutes != null;
        boolean oidcOptions = issuer != null || clientId != null || clientSecretFile != null || clientSecretVariable != null
                || scopes != null || claim != null || directory != null || groupsClaim != null;
        if (!method.equals("handoff") && handoffOptions) {
            throw new OperatorCli.UsageException("--site-url, --secret-file, --secret-env and --lifetime apply to 'handoff' only");
        }
        if (!method.equals("oidc") && oidcOptions) {
            throw new OperatorCli.UsageException("--issuer, --client-id, --client-secret-file, --client-secret-env, --scopes, --claim, "
                    + "--directory and --groups-claim apply to 'oidc' only");
        }
        if (method.equals("email")) {
            return new TenantChange.EmailMethod();
        }
        if (method.equals("oidc")) {
            return oidcChange();
        }
        if (!method.equals("handoff")) {
            throw new OperatorCli.UsageException("the method is 'email', 'handoff' or 'oidc', got '" + Texts.preview(method) + "'");
        }
        Optional<HandoffSecret> secret = readSecret();
        return OperatorCli.parse(() -> new TenantChange.HandoffMethod(
                Optional.ofNullable(siteUrl).map(HandoffSettings::parseSiteUrl), secret,
                Optional.ofNullable(lifetimeMinutes).map(Duration::ofMinutes)));
    }

    private TenantChange oidcChange() {
        Optional<DirectoryAuthority> authority = Optional.ofNullable(directory).map(d -> switch (d) {
            case "required" -> DirectoryAuthority.DIRECTORY_REQUIRED;
            case "authority" -> DirectoryAuthority.PROVIDER;
            default -> throw new OperatorCli.UsageException("--directory is 'required' or 'authority', got '" + Texts.preview(d) + "'");
        });
        Optional<String> secret = readText(clientSecretFile, clientSecretVariable, "--client-secret-file", "--client-secret-env");
        return OperatorCli.parse(() -> new TenantChange.OidcMethod(Optional.ofNullable(issuer).map(OidcSettings::parseIssuer),
                Optional.ofNullable(clientId), secret.map(ClientSecret::new), Optional.ofNullable(scopes).map(OidcSettings::parseScopes),
                Optional.ofNullable(claim).map(String::strip), authority, Optional.ofNullable(groupsClaim).map(String::strip)));
    }

    /** A secret from a file (first line) or an environment variable, never from the command line itself. */
    private static Optional<String> readText(Path file, String variable, String fileOption, String variableOption) {
        if (file != null && variable != null) {
            throw new OperatorCli.UsageException("give the secret with " + fileOption + " or " + variableOption + ", not both");
        }
        if (file != null) {
            try {
                List<String> lines = Files.readAllLines(file);
                return Optional.of(lines.isEmpty() ? "" : lines.get(0).strip());
            } catch (IOException e) {
                throw new OperatorCli.UsageException("can't read the secret file " + file + ": " + e.getMessage());
            }
        }
        if (variable != null) {
            String value = System.getenv(variable);
            if (value == null) {
                throw new OperatorCli.UsageException("the environment variable " + variable + " is not set");
            }
            return Optional.of(value.strip());
        }
        return Optional.empty();
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
