package dev.gatehouse.app;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.persistence.SecretKeyUnavailableException;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Operator commands, run from the same jar, on picocli: one class per command, help on {@code -h}/{@code --help}
 * everywhere, every argument checked before any context or database starts. Each says clearly what was wrong with bad
 * input and changes nothing then. Exit codes: 0 done, 1 failed, 2 bad usage.
 */
@Command(name = "java -jar gatehouse.jar", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = OperatorCli.Version.class, usageHelpAutoWidth = true,
        description = "Gatehouse: Discord verification against an organisation's own user directory.",
        footer = {"", "Settings come from application.yml and environment variables (see the README);",
            "without DATASOURCES_DEFAULT_URL the embedded database under data/postgres is used.", ""},
        subcommands = {ServeCommand.class, TenantCommands.class, GuildCommands.class, ImportDirectoryCommand.class, UserCommands.class,
            ExportLinksCommand.class, SecretsCommands.class, StatusCommand.class, HelpCommand.class})
final class OperatorCli implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** The root log level logback.xml reads when it first configures itself. */
    private static final String LOG_LEVEL = "gatehouse.log.level";
    /** Where logback.xml's console appender writes. */
    private static final String LOG_TARGET = "gatehouse.log.target";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Object> properties;
    private final boolean terminal;
    private final boolean ownsProcess;
    private CommandLine commandLine;
    private boolean verbose;

    private OperatorCli(PrintStream out, PrintStream err, Map<String, Object> properties, boolean terminal, boolean ownsProcess) {
        this.out = out;
        this.err = err;
        this.properties = properties;
        this.terminal = terminal;
        this.ownsProcess = ownsProcess;
    }

    @Option(names = "--verbose", negatable = true, scope = ScopeType.INHERIT,
            description = "Log at INFO while the command runs (quiet by default).")
    void verbose(boolean verbose) {
        this.verbose = verbose;
    }

    /** Runs one command as the process's own: its console, and its logging set up before anything logs. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(new OperatorCli(out, err, Map.of(), System.console() != null && out == System.out, true), args);
    }

    /** Runs one command inside a running JVM; {@code properties} override configuration (used by tests). */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, Object> properties) {
        return run(new OperatorCli(out, err, properties, false, false), args);
    }

    private static int run(OperatorCli cli, String[] args) {
        PrintStream out = cli.out;
        PrintStream err = cli.err;
        CommandLine commandLine = new CommandLine(cli, new Factory(cli));
        cli.commandLine = commandLine;
        commandLine.registerConverter(TenantId.class, text -> converted(() -> new TenantId(text)));
        commandLine.registerConverter(GuildId.class, text -> converted(() -> GuildId.parse(text)));
        commandLine.registerConverter(dev.gatehouse.core.model.DiscordUserId.class, text -> converted(() -> dev.gatehouse.core.model.DiscordUserId.parse(text)));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler(OperatorCli::usageError);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> cli.failed(e));
        return commandLine.execute(args);
    }

    /** No command: the usage, and a usage exit code (the jar's main serves instead). */
    @Override
    public Integer call() {
        commandLine.usage(err);
        return USAGE;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    boolean terminal() {
        return terminal;
    }

    Map<String, Object> properties() {
        return properties;
    }

    /** Work done with the core, in a context started for this command and closed after it. */
    @FunctionalInterface
    interface CoreWork {
        int run(Gatehouse gatehouse, ApplicationContext context) throws IOException;
    }

    int withGatehouse(CoreWork work) {
        Map<String, Object> settings = new HashMap<>(properties);
        settings.put("micronaut.server.port", -1);
        if (ownsProcess) {
            System.setProperty(LOG_LEVEL, verbose ? "INFO" : "WARN");
            System.setProperty(LOG_TARGET, "System.err");
        }
        settings.putIfAbsent("logger.levels.dev.gatehouse.mail", verbose ? "INFO" : "ERROR");
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
            return work.run(running.context().getBean(Gatehouse.class), running.context());
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return FAILED;
        }
    }

    private int failed(Exception e) {
        if (e instanceof UsageException) {
            err.println("Error: " + e.getMessage());
            return USAGE;
        }
        if (e instanceof StoreUnavailableException) {
            err.println("Error: the database can't be reached (" + e.getMessage() + "). Nothing was changed; try again.");
            return FAILED;
        }
        if (e instanceof SecretKeyUnavailableException) {
            err.println("Error: " + e.getMessage() + ". Nothing was changed.");
            return FAILED;
        }
        if (e instanceof UncheckedIOException io) {
            err.println("Error: " + io.getCause().getMessage());
            return FAILED;
        }
        err.println("Error: " + e);
        return FAILED;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        if (e instanceof UnmatchedArgumentException unmatched && unmatched.isUnknownOption()) {
            err.println("Error: " + e.getMessage());
        } else if (e instanceof UnmatchedArgumentException unmatched && !line.getSubcommands().isEmpty()) {
            err.println("Unknown command: " + String.join(" ", unmatched.getUnmatched()));
            UnmatchedArgumentException.printSuggestions(unmatched, err);
        } else {
            err.println("Error: " + e.getMessage());
        }
        err.println("Run '" + line.getCommandSpec().qualifiedName() + " --help' for usage.");
        return USAGE;
    }

    /** A value object's validation error as a conversion error carrying its message. */
    private static <T> T converted(Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** Parses a value, throwing {@link IllegalArgumentException} when it is refused. */
    @FunctionalInterface
    interface Parse<T> {
        T get();
    }

    /** Turns a value object's validation error into a usage error with its message. */
    static <T> T parse(Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Bad command-line input found after parsing (exit code 2). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Creates the commands, handing each this run's {@link OperatorCli}. */
    private static final class Factory implements CommandLine.IFactory {
        private final OperatorCli cli;

        Factory(OperatorCli cli) {
            this.cli = cli;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == OperatorCli.class) {
                return type.cast(cli);
            }
            try {
                var constructor = type.getDeclaredConstructor(OperatorCli.class);
                constructor.setAccessible(true);
                return constructor.newInstance(cli);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    /** The jar's version, from its manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = OperatorCli.class.getPackage().getImplementationVersion();
            return new String[] {"Gatehouse " + (version == null ? "(development build)" : version)};
        }
    }
}
