package dev.gatehouse.app;

import dev.gatehouse.core.model.GuildBindingPolicy;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.HandoffSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.RelinkPolicy;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.Texts;
import dev.gatehouse.core.model.UnknownUserReply;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.model.VerificationQuestion;
import dev.gatehouse.core.port.in.AdministerGuild;
import dev.gatehouse.core.port.in.AdministerGuild.Authority;
import dev.gatehouse.core.port.in.AdministerGuild.BindCommand;
import dev.gatehouse.core.port.out.MemberUpdates.OutboxDepth;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.persistence.DirectoryImporter;
import dev.gatehouse.persistence.DirectoryImporter.ImportCounts;
import dev.gatehouse.persistence.DirectoryImporter.ImportResult;
import dev.gatehouse.persistence.SecretKeyRing;
import dev.gatehouse.persistence.SecretKeyUnavailableException;
import dev.gatehouse.persistence.SecretMaintenance;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Operator commands, run from the same jar: create tenants, bind servers, import a directory, export
 * links, show status. Each says clearly what was wrong with bad input and changes nothing then.
 */
final class OperatorCli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: java -jar gatehouse.jar <command> [arguments]

              serve                                  run the link pages and the Discord bot (the default)
              tenant create <id> --name <name> [--link-lifetime <minutes>] [--reveal-unknown-ids]
                                 [--allow-relink] [--guild-admins-may-bind] [--retention-days <days>]
                                                     create a tenant (or change its settings); finished
                                                     links, hand-offs and wrong answers are deleted after
                                                     the retention (default 30 days)
              tenant method <id> email               members verify by an emailed link (the default)
              tenant method <id> handoff --site-url <url> [--secret-file <file> | --secret-env <variable>]
                                 [--lifetime <minutes>]
                                                     members verify on the organisation's own site, which
                                                     calls back with a token signed with the shared secret
                                                     (32+ characters; kept if not given again)
              tenant question <id> --text <question> --answers <a|b|c>
              tenant question <id> --clear           the question members answer first (servers may
                                                     set their own); answers separated by |
              tenant list                            list tenants
              guild bind <guild-id> <tenant>         bind a Discord server to a tenant
              import <tenant> <file> [--format csv|json]
                                                     import directory users (CSV with a header row
                                                     user_id,email,name; JSON; or the tutorial bot's
                                                     database.json with its links); all or nothing
              export-links <tenant> [--output <file>]
                                                     write the tenant's links as CSV
              secrets new-key                        print a fresh secrets key (base64 of 32 random bytes)
              secrets rotate                         put a new key first in the key file (older keys stay
                                                     for decryption), or print one to configure; then
                                                     restart the server and run secrets re-encrypt
              secrets re-encrypt                     encrypt every hand-off secret with the current key
              status                                 tenants, servers, directory sizes, links, outbox
              help                                   this text

            Settings come from application.yml and environment variables (see the README);
            without DATASOURCES_DEFAULT_URL the embedded database under data/postgres is used.
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Object> properties;

    private OperatorCli(PrintStream out, PrintStream err, Map<String, Object> properties) {
        this.out = out;
        this.err = err;
        this.properties = properties;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Map.of());
    }

    /** Runs one command; {@code properties} override configuration (used by tests). */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, Object> properties) {
        return new OperatorCli(out, err, properties).dispatch(List.of(args));
    }

    private int dispatch(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            out.print(USAGE_TEXT);
            return args.isEmpty() ? USAGE : OK;
        }
        try {
            Arguments a = Arguments.parse(args.subList(1, args.size()));
            String command = args.get(0) + (args.size() > 1 && isGroup(args.get(0)) ? " " + args.get(1) : "");
            switch (command) {
                case "tenant create":
                    return withContext(ctx -> createTenant(ctx, a.skipFirst()));
                case "tenant method":
                    return withContext(ctx -> setMethod(ctx, a.skipFirst()));
                case "tenant question":
                    return withContext(ctx -> setQuestion(ctx, a.skipFirst()));
                case "tenant list":
                    return withContext(this::listTenants);
                case "guild bind":
                    return withContext(ctx -> bindGuild(ctx, a.skipFirst()));
                case "import":
                    return withContext(ctx -> importDirectory(ctx, a));
                case "export-links":
                    return withContext(ctx -> exportLinks(ctx, a));
                case "status":
                    return withContext(this::status);
                case "secrets new-key":
                    return newKey(a.skipFirst());
                case "secrets rotate":
                    return rotateKey(a.skipFirst());
                case "secrets re-encrypt":
                    return withContext(ctx -> reencrypt(ctx, a.skipFirst()));
                default:
                    err.println("Unknown command: " + String.join(" ", args.subList(0, Math.min(2, args.size()))));
                    err.print(USAGE_TEXT);
                    return USAGE;
            }
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            err.println("Run 'help' for usage.");
            return USAGE;
        }
    }

    private static boolean isGroup(String word) {
        return word.equals("tenant") || word.equals("guild") || word.equals("secrets");
    }

    @FunctionalInterface
    private interface Command {
        int run(ApplicationContext context) throws IOException;
    }

    private int withContext(Command command) {
        Map<String, Object> settings = new HashMap<>(properties);
        settings.put("micronaut.server.port", -1);
        settings.putIfAbsent("logger.levels.dev.gatehouse.mail", "ERROR");
        settings.putIfAbsent("logger.levels.io.micronaut.logging", "WARN");
        RunningContext started;
        try {
            started = RunningContext.start(ApplicationContext.builder().properties(settings).deduceEnvironment(false),
                    EmbeddedDatabase.Role.COMMAND);
        } catch (RuntimeException e) {
            err.println("Error: Gatehouse could not start: " + StartupFailure.reason(e));
            return FAILED;
        }
        try (RunningContext running = started) {
            return command.run(running.context());
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            return USAGE;
        } catch (StoreUnavailableException e) {
            err.println("Error: the database can't be reached (" + e.getMessage() + "). Nothing was changed; try again.");
            return FAILED;
        } catch (SecretKeyUnavailableException e) {
            err.println("Error: " + e.getMessage() + ". Nothing was changed.");
            return FAILED;
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return FAILED;
        }
    }

    private int createTenant(ApplicationContext context, Arguments a) {
        TenantId id = parse(() -> new TenantId(a.positional(0, "tenant id")));
        String name = a.option("--name").orElseThrow(() -> new UsageException("tenant create needs --name \"Display Name\""));
        Stores stores = context.getBean(Stores.class);
        TenantSettings settings = stores.tenants().find(id).orElse(TenantSettings.defaults(id, "x"));
        TenantSettings updated = parse(() -> {
            TenantSettings s = settings.withDisplayName(name);
            Optional<String> lifetime = a.option("--link-lifetime");
            if (lifetime.isPresent()) {
                s = s.withSessionLifetime(Duration.ofMinutes(parseLong(lifetime.get(), "--link-lifetime")));
            }
            if (a.flag("--reveal-unknown-ids")) {
                s = s.withUnknownUserReply(UnknownUserReply.INVALID_USER_ID);
            }
            if (a.flag("--allow-relink")) {
                s = s.withRelinkPolicy(RelinkPolicy.ALLOW_SELF_SERVICE);
            }
            if (a.flag("--guild-admins-may-bind")) {
                s = s.withGuildBinding(GuildBindingPolicy.GUILD_ADMINS);
            }
            Optional<String> retention = a.option("--retention-days");
            if (retention.isPresent()) {
                s = s.withRetention(Duration.ofDays(parseLong(retention.get(), "--retention-days")));
            }
            return s;
        });
        a.requireNoOthers();
        stores.tenants().save(updated);
        out.printf("Tenant %s (%s): links live %d min, unknown ids %s, relink %s, servers bound by %s, records kept %d days%n",
                updated.id(), updated.displayName(), updated.sessionLifetime().toMinutes(),
                updated.unknownUserReply() == UnknownUserReply.SAME_AS_KNOWN ? "hidden" : "revealed",
                updated.relinkPolicy() == RelinkPolicy.REFUSE ? "refused" : "allowed",
                updated.guildBinding() == GuildBindingPolicy.OPERATOR_ONLY ? "the operator only" : "server admins too",
                updated.retention().toDays());
        return OK;
    }

    private int setMethod(ApplicationContext context, Arguments a) {
        TenantId id = parse(() -> new TenantId(a.positional(0, "tenant id")));
        String method = a.positional(1, "method (email or handoff)");
        Stores stores = context.getBean(Stores.class);
        TenantSettings current = stores.tenants().find(id).orElseThrow(() ->
                new UsageException("no tenant " + id + ". Create it first: tenant create " + id + " --name \"...\""));
        TenantSettings updated;
        if (method.equals("email")) {
            updated = current.withMethod(VerificationMethod.EMAIL_LINK);
        } else if (method.equals("handoff")) {
            HandoffSettings handoff = current.handoff();
            Optional<String> site = a.option("--site-url");
            if (site.isPresent()) {
                handoff = parse(() -> current.handoff().withSiteUrl(HandoffSettings.parseSiteUrl(site.get())));
            }
            Optional<HandoffSecret> secret = readSecret(a);
            if (secret.isPresent()) {
                handoff = handoff.withSecret(secret.get());
            }
            Optional<String> lifetime = a.option("--lifetime");
            if (lifetime.isPresent()) {
                HandoffSettings configured = handoff;
                handoff = parse(() -> configured.withLifetime(Duration.ofMinutes(parseLong(lifetime.get(), "--lifetime"))));
            }
            updated = current.withMethod(VerificationMethod.SITE_HANDOFF).withHandoff(handoff);
        } else {
            throw new UsageException("the method is 'email' or 'handoff', got '" + Texts.preview(method) + "'");
        }
        a.requireNoOthers();
        stores.tenants().save(updated);
        if (updated.method() == VerificationMethod.EMAIL_LINK) {
            out.printf("Tenant %s: members verify by an emailed link.%n", id);
        } else {
            HandoffSettings h = updated.handoff();
            out.printf("Tenant %s: members verify on %s; secret %s; hand-offs live %d min. The site posts its callback to "
                            + "<public base URL>/handoff/%s/callback.%n", id, h.siteUrl().map(Object::toString).orElse("(NO SITE URL YET)"),
                    secretState(h), h.lifetime().toMinutes(), id);
        }
        return OK;
    }

    /** The shared secret from a file (first line) or an environment variable, never from the command line itself. */
    private Optional<HandoffSecret> readSecret(Arguments a) {
        Optional<String> file = a.option("--secret-file");
        Optional<String> variable = a.option("--secret-env");
        if (file.isPresent() && variable.isPresent()) {
            throw new UsageException("give the secret with --secret-file or --secret-env, not both");
        }
        if (file.isPresent()) {
            try {
                List<String> lines = Files.readAllLines(Path.of(file.get()));
                String secret = lines.isEmpty() ? "" : lines.get(0).strip();
                return Optional.of(parse(() -> new HandoffSecret(secret)));
            } catch (IOException e) {
                throw new UsageException("can't read the secret file " + file.get() + ": " + e.getMessage());
            }
        }
        if (variable.isPresent()) {
            String value = System.getenv(variable.get());
            if (value == null) {
                throw new UsageException("the environment variable " + variable.get() + " is not set");
            }
            return Optional.of(parse(() -> new HandoffSecret(value.strip())));
        }
        return Optional.empty();
    }

    private int setQuestion(ApplicationContext context, Arguments a) {
        TenantId id = parse(() -> new TenantId(a.positional(0, "tenant id")));
        Stores stores = context.getBean(Stores.class);
        TenantSettings current = stores.tenants().find(id).orElseThrow(() ->
                new UsageException("no tenant " + id + ". Create it first: tenant create " + id + " --name \"...\""));
        Optional<VerificationQuestion> question;
        if (a.flag("--clear")) {
            question = Optional.empty();
        } else {
            String text = a.option("--text").orElseThrow(() -> new UsageException("tenant question needs --text \"...\" and "
                    + "--answers \"a|b\", or --clear"));
            String answers = a.option("--answers").orElseThrow(() -> new UsageException("tenant question needs --answers \"a|b\""));
            question = Optional.of(parse(() -> new VerificationQuestion(text, VerificationQuestion.splitAnswers(answers))));
        }
        a.requireNoOthers();
        stores.tenants().save(current.withQuestion(question));
        out.println(question.map(q -> "Tenant " + id + " asks \"" + q.prompt() + "\" and accepts " + q.acceptedAnswers().size()
                + " answer(s), ignoring case, spaces and punctuation.").orElse("Tenant " + id + " asks no question."));
        return OK;
    }

    private int listTenants(ApplicationContext context) {
        List<TenantSettings> tenants = context.getBean(Stores.class).tenants().all();
        if (tenants.isEmpty()) {
            out.println("No tenants yet. Create one with: tenant create <id> --name \"Display Name\"");
        }
        tenants.forEach(t -> out.printf("%s\t%s%n", t.id(), t.displayName()));
        return OK;
    }

    private int bindGuild(ApplicationContext context, Arguments a) {
        GuildId guild = parse(() -> GuildId.parse(a.positional(0, "guild id")));
        TenantId tenant = parse(() -> new TenantId(a.positional(1, "tenant id")));
        a.requireNoOthers();
        AdministerGuild.BindResult result = context.getBean(AdministerGuild.class)
                .bind(new BindCommand(guild, tenant, Authority.OPERATOR));
        if (result instanceof AdministerGuild.Bound bound) {
            out.printf("Server %s is bound to tenant %s. Next, in Discord: /gatehouse setup to choose the verified role.%n",
                    bound.settings().guild(), bound.settings().tenant());
            return OK;
        }
        if (result instanceof AdministerGuild.TenantNotFound) {
            err.printf("Error: no tenant %s. Create it first: tenant create %s --name \"...\"%n", tenant, tenant);
            return FAILED;
        }
        err.println("Error: the database can't be reached; nothing was changed.");
        return FAILED;
    }

    private int importDirectory(ApplicationContext context, Arguments a) throws IOException {
        TenantId tenant = parse(() -> new TenantId(a.positional(0, "tenant id")));
        Path file = Path.of(a.positional(1, "file"));
        String format = a.option("--format").orElseGet(() -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                ? "json" : "csv");
        a.requireNoOthers();
        if (!format.equals("csv") && !format.equals("json")) {
            throw new UsageException("--format must be csv or json, got " + format);
        }
        if (context.getBean(Stores.class).tenants().find(tenant).isEmpty()) {
            err.printf("Error: no tenant %s. Create it first: tenant create %s --name \"...\"%n", tenant, tenant);
            return FAILED;
        }
        DirectoryImporter importer = context.getBean(DirectoryImporter.class);
        ImportResult result;
        try (InputStream in = Files.newInputStream(file)) {
            result = format.equals("json") ? importer.importJson(tenant, in) : importer.importCsv(tenant, in);
        } catch (NoSuchFileException e) {
            err.println("Error: no such file: " + file);
            return FAILED;
        }
        if (result instanceof ImportResult.Rejected rejected) {
            err.printf("Error: %s line %d: %s. Nothing was imported.%n", file, rejected.line(), rejected.reason());
            return FAILED;
        }
        ImportCounts counts = ((ImportResult.Imported) result).counts();
        out.printf("Imported %s into %s: %d added, %d updated, %d unchanged; %d links imported, %d already there.%n", file,
                tenant, counts.added(), counts.updated(), counts.unchanged(), counts.linksImported(), counts.linksUnchanged());
        return OK;
    }

    private int exportLinks(ApplicationContext context, Arguments a) throws IOException {
        TenantId tenant = parse(() -> new TenantId(a.positional(0, "tenant id")));
        Optional<String> output = a.option("--output");
        a.requireNoOthers();
        Stores stores = context.getBean(Stores.class);
        if (stores.tenants().find(tenant).isEmpty()) {
            err.printf("Error: no tenant %s.%n", tenant);
            return FAILED;
        }
        Path target = output.map(Path::of).orElse(null);
        Path partial = target == null ? null : target.resolveSibling(target.getFileName() + ".partial");
        long written = 0;
        try (Writer writer = target == null
                ? new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            writer.write("discord_user_id,user_id,linked_at,origin\n");
            int page = 1000;
            for (int offset = 0; ; offset += page) {
                List<Link> links = stores.links().list(tenant, offset, page);
                for (Link link : links) {
                    writer.write(link.discordUser() + "," + csv(link.directoryUser().value()) + "," + link.linkedAt() + ","
                            + link.origin().name().toLowerCase(Locale.ROOT) + "\n");
                    written++;
                }
                if (links.size() < page) {
                    break;
                }
            }
            writer.flush();
        }
        if (target != null) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            out.printf("Wrote %d links of %s to %s%n", written, tenant, target);
        }
        return OK;
    }

    /**
     * One CSV cell. A value starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or CR gets a leading
     * single quote, so a spreadsheet shows it as text instead of running it as a formula (OWASP CSV injection).
     */
    static String csv(String value) {
        String cell = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    private int status(ApplicationContext context) {
        Stores stores = context.getBean(Stores.class);
        List<TenantSettings> tenants = stores.tenants().all();
        if (tenants.isEmpty()) {
            out.println("No tenants yet. Create one with: tenant create <id> --name \"Display Name\"");
        }
        for (TenantSettings tenant : tenants) {
            List<GuildSettings> guilds = stores.guilds().ofTenant(tenant.id());
            out.printf("Tenant %s (%s): %d directory users, %d linked members, %d servers%n", tenant.id(), tenant.displayName(),
                    stores.directory().count(tenant.id()), stores.links().count(tenant.id()), guilds.size());
            out.printf("  verifies by %s; question: %s; records kept %d days%n", describeMethod(tenant),
                    tenant.question().map(q -> "\"" + q.prompt() + "\" (" + q.acceptedAnswers().size() + " answers)").orElse("none"),
                    tenant.retention().toDays());
            tenant.handoff().secretProblem().ifPresent(p -> out.printf("  PROBLEM: hand-off secret can't be decrypted: %s. "
                    + "Configure the key it was made with (see 'secrets rotate'), or set the secret again with 'tenant method "
                    + "%s handoff --secret-file ...'.%n", p, tenant.id()));
            for (GuildSettings guild : guilds) {
                out.printf("  server %s: verification %s, verified role %s, gate %s, nicknames %s, verify on join %s, kick %s%s%n",
                        guild.guild(), guild.enabled() ? "on" : "OFF", guild.verifiedRole().map(Object::toString).orElse("NOT SET"),
                        guild.gateMessages() ? "on" : "off", guild.setNickname() ? "on" : "off", guild.verifyOnJoin() ? "on" : "off",
                        guild.kickPolicy().kickAfter().isPresent() ? "after " + guild.kickPolicy().kickAfter().getAsInt() + " wrong answers"
                                : "never",
                        guild.question().map(q -> ", own question \"" + q.prompt() + "\"").orElse(""));
            }
        }
        out.println(context.getBean(SecretMaintenance.class).currentKeyId()
                .map(id -> "Secrets: hand-off secrets are encrypted with key " + id)
                .orElse("Secrets: no secrets key configured (hand-off secrets can't be stored)"));
        OutboxDepth depth = stores.memberUpdates().depth(Clock.systemUTC().instant());
        out.printf("Outbox: %d member updates waiting%s%n", depth.pending(),
                depth.oldestAge().map(age -> ", oldest " + age.toSeconds() + " s").orElse(""));
        return OK;
    }

    private static String describeMethod(TenantSettings tenant) {
        if (tenant.method() == VerificationMethod.EMAIL_LINK) {
            return "emailed link";
        }
        HandoffSettings h = tenant.handoff();
        return "hand-off to " + h.siteUrl().map(Object::toString).orElse("(NO SITE URL)") + " (secret " + secretState(h) + ")";
    }

    private static String secretState(HandoffSettings h) {
        return h.secret().isPresent() ? "set" : h.secretProblem().isPresent() ? "CAN'T BE DECRYPTED" : "NOT SET";
    }

    private int newKey(Arguments a) {
        a.requireNoOthers();
        String key = SecretKeyRing.newKey();
        out.println(key);
        err.println("Key id " + SecretKeyRing.keyIdOf(key) + ". Use it as GATEHOUSE_SECRETS_KEY or as the first line of the "
                + "file named by GATEHOUSE_SECRETS_KEY_FILE; keep it out of the database's backups.");
        return OK;
    }

    private int rotateKey(Arguments a) {
        a.requireNoOthers();
        Environment environment = ApplicationContext.builder().properties(properties).deduceEnvironment(false).build().getEnvironment();
        environment.start();
        try {
            Optional<Path> file = SecretsKeyFile.of(environment);
            if (file.isPresent()) {
                if (SecretsKeyFile.embeddedDefault(environment).isPresent()) {
                    SecretsKeyFile.createIfMissing(file.get());
                }
                String id = SecretsKeyFile.rotate(file.get());
                out.printf("Key %s is now the current key in %s; the older keys stay there to decrypt what they encrypted.%n"
                        + "Next: restart the server (and anything else that reads this file), then run 'secrets re-encrypt'. "
                        + "After that the older keys can be deleted from the file.%n", id, file.get());
                return OK;
            }
            String key = SecretKeyRing.newKey();
            boolean configured = environment.getProperty(SecretsKeyFile.KEY, String.class).filter(k -> !k.isBlank()).isPresent();
            out.println(key);
            err.printf("That is a new key (id %s). Next: %sset GATEHOUSE_SECRETS_KEY to it, restart the server, then run "
                    + "'secrets re-encrypt'%s.%n", SecretKeyRing.keyIdOf(key),
                    configured ? "add the current GATEHOUSE_SECRETS_KEY to GATEHOUSE_SECRETS_PREVIOUS_KEYS (comma-separated), " : "",
                    configured ? "; after that GATEHOUSE_SECRETS_PREVIOUS_KEYS can be emptied" : "");
            return OK;
        } catch (IOException e) {
            err.println("Error: can't rotate the secrets key file: " + e.getMessage() + ". Nothing was changed.");
            return FAILED;
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage() + ". Nothing was changed.");
            return FAILED;
        } finally {
            environment.stop();
        }
    }

    private int reencrypt(ApplicationContext context, Arguments a) {
        a.requireNoOthers();
        SecretMaintenance.Reencryption done = context.getBean(SecretMaintenance.class).reencryptAll();
        out.printf("Re-encrypted %d hand-off secrets with key %s; %d already used it.%n", done.reencrypted(), done.keyId(),
                done.alreadyCurrent());
        if (!done.unreadable().isEmpty()) {
            done.unreadable().forEach((tenant, reason) -> err.printf("Error: tenant %s: hand-off secret can't be decrypted: %s. "
                    + "It was left as it is.%n", tenant, reason));
            return FAILED;
        }
        out.println("Every hand-off secret now uses key " + done.keyId() + "; older keys are no longer needed.");
        return OK;
    }

    private static long parseLong(String text, String option) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a whole number, got '" + text + "'");
        }
    }

    private interface Parse<T> {
        T get();
    }

    /** Turns a value object's validation error into a usage error with its message. */
    private static <T> T parse(Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Bad command-line input. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Positional arguments, {@code --option value} pairs and {@code --flag}s, each used at most once. */
    private static final class Arguments {
        private static final List<String> FLAGS = List.of("--reveal-unknown-ids", "--allow-relink", "--guild-admins-may-bind",
                "--clear");

        private final List<String> positional;
        private final Map<String, String> options;
        private final List<String> flags;
        private final List<String> used = new ArrayList<>();

        private Arguments(List<String> positional, Map<String, String> options, List<String> flags) {
            this.positional = positional;
            this.options = options;
            this.flags = flags;
        }

        static Arguments parse(List<String> args) {
            List<String> positional = new ArrayList<>();
            Map<String, String> options = new HashMap<>();
            List<String> flags = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (FLAGS.contains(arg)) {
                    flags.add(arg);
                } else if (arg.startsWith("--")) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(arg + " needs a value");
                    }
                    if (options.put(arg, args.get(++i)) != null) {
                        throw new UsageException(arg + " given twice");
                    }
                } else {
                    positional.add(arg);
                }
            }
            return new Arguments(positional, options, flags);
        }

        Arguments skipFirst() {
            return new Arguments(positional.subList(Math.min(1, positional.size()), positional.size()), options, flags);
        }

        String positional(int index, String what) {
            if (index >= positional.size()) {
                throw new UsageException("missing " + what);
            }
            used.add("#" + index);
            return positional.get(index);
        }

        Optional<String> option(String name) {
            used.add(name);
            return Optional.ofNullable(options.get(name));
        }

        boolean flag(String name) {
            used.add(name);
            return flags.contains(name);
        }

        void requireNoOthers() {
            for (int i = 0; i < positional.size(); i++) {
                if (!used.contains("#" + i)) {
                    throw new UsageException("unexpected argument '" + positional.get(i) + "'");
                }
            }
            for (String name : options.keySet()) {
                if (!used.contains(name)) {
                    throw new UsageException("unknown option " + name);
                }
            }
            for (String name : flags) {
                if (!used.contains(name)) {
                    throw new UsageException("option " + name + " does not apply here");
                }
            }
        }
    }
}
