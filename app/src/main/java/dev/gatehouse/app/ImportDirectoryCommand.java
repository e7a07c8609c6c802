package dev.gatehouse.app;

import dev.gatehouse.app.directory.DirectoryFiles;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.ImportDirectory;
import dev.gatehouse.core.port.in.ImportDirectory.DirectoryImported;
import dev.gatehouse.core.port.in.ImportDirectory.DirectorySynced;
import dev.gatehouse.core.port.in.ImportDirectory.SyncCommand;
import dev.gatehouse.core.port.in.ImportDirectory.SyncResult;
import dev.gatehouse.core.port.in.ImportDirectory.TooManyRemovals;
import dev.gatehouse.core.port.in.ImportDirectory.ImportCommand;
import dev.gatehouse.core.port.in.ImportDirectory.ImportResult;
import dev.gatehouse.core.port.in.ImportDirectory.RowRejected;
import dev.gatehouse.core.port.in.ImportDirectory.TenantNotFound;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import}: a directory file into a tenant, all or nothing; with {@code --sync} also removing who is missing. */
@Command(name = "import", description = {"Import a directory file into a tenant, all or nothing.",
    "CSV with a header row user_id,email,name; JSON; or the tutorial bot's database.json with its links.",
    "A bad row rejects the whole file, naming its line.",
    "With --sync the directory becomes equal to the file: people missing from it are removed, their links end and",
    "their roles and nicknames are removed in every server of the tenant."})
final class ImportDirectoryCommand implements Callable<Integer> {
    private final OperatorCli cli;

    @Parameters(index = "0", paramLabel = "<tenant>", description = "The tenant.")
    TenantId tenant;

    @Parameters(index = "1", paramLabel = "<file>", description = "The file.")
    Path file;

    @Option(names = "--format", paramLabel = "csv|json", description = "The file's format; by default JSON for *.json, CSV otherwise.")
    DirectoryFiles.Format format;

    @Option(names = "--sync", description = "Also remove the people missing from the file, ending their links.")
    boolean sync;

    @Option(names = "--dry-run", description = "With --sync: print what would change, and change nothing.")
    boolean dryRun;

    @Option(names = "--max-removal-percent", paramLabel = "<0-100>", defaultValue = "" + ImportDirectory.DEFAULT_MAX_REMOVAL_PERCENT,
            description = "With --sync: refuse a sync removing more than this share of the directory (default: ${DEFAULT-VALUE}).")
    int maxRemovalPercent;

    @Option(names = "--allow-mass-removal", description = "With --sync: remove however many the file leaves out.")
    boolean allowMassRemoval;

    @Spec
    CommandSpec spec;

    ImportDirectoryCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (!sync && (dryRun || allowMassRemoval || spec.commandLine().getParseResult().hasMatchedOption("--max-removal-percent"))) {
            throw new ParameterException(spec.commandLine(), "--dry-run, --max-removal-percent and --allow-mass-removal need --sync");
        }
        if (maxRemovalPercent < 0 || maxRemovalPercent > 100) {
            throw new ParameterException(spec.commandLine(), "--max-removal-percent must be from 0 to 100, got " + maxRemovalPercent);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            cli.err().println("Error: no such file: " + file);
            return OperatorCli.FAILED;
        }
        DirectoryFiles.Format chosen = format != null ? format : DirectoryFiles.Format.of(file);
        if (sync) {
            return syncFile(chosen);
        }
        return cli.withGatehouse((gatehouse, context) -> {
            ImportResult result;
            ProgressDisplay progress = new ProgressDisplay(cli.err(), cli.terminal(), Files.size(file));
            try (InputStream in = new BufferedInputStream(progress.counting(Files.newInputStream(file)));
                    Stream<DirectoryRow> rows = DirectoryFiles.rows(in, chosen)) {
                result = gatehouse.importDirectory().importRows(new ImportCommand(tenant, rows, progress));
            } finally {
                progress.finish();
            }
            if (result instanceof DirectoryImported imported) {
                ImportCounts counts = imported.counts();
                cli.out().printf("Imported %s into %s: %d added, %d updated, %d unchanged; %d links imported, %d already there.%n",
                        file, tenant, counts.added(), counts.updated(), counts.unchanged(), counts.linksImported(),
                        counts.linksUnchanged());
                return OperatorCli.OK;
            }
            if (result instanceof RowRejected rejected) {
                cli.err().printf("Error: %s line %d: %s. Nothing was imported.%n", file, rejected.line(), rejected.reason());
                return OperatorCli.FAILED;
            }
            if (result instanceof TenantNotFound) {
                cli.err().println("Error: " + TenantReplies.noTenant(tenant));
                return OperatorCli.FAILED;
            }
            return TenantReplies.unavailable(cli.err());
        });
    }

    private int syncFile(DirectoryFiles.Format chosen) {
        return cli.withGatehouse((gatehouse, context) -> {
            SyncResult result;
            ProgressDisplay progress = new ProgressDisplay(cli.err(), cli.terminal(), Files.size(file));
            try (InputStream in = new BufferedInputStream(progress.counting(Files.newInputStream(file)));
                    Stream<DirectoryRow> rows = DirectoryFiles.rows(in, chosen)) {
                result = gatehouse.importDirectory().syncRows(new SyncCommand(tenant, rows, progress, maxRemovalPercent,
                        allowMassRemoval, dryRun));
            } finally {
                progress.finish();
            }
            if (result instanceof DirectorySynced synced) {
                ImportCounts counts = synced.counts();
                cli.out().printf("%s %s into %s: %d added, %d updated, %d unchanged, %d removed; %d links ended, %d links imported;"
                                + " %d verified members change groups.%n",
                        synced.dryRun() ? "Dry run, nothing changed. Syncing" : "Synced", file, tenant, counts.added(),
                        counts.updated(), counts.unchanged(), synced.removedUsers().size(), synced.endedLinks().size(),
                        counts.linksImported(), synced.membersRegrouped());
                if (synced.dryRun()) {
                    synced.removedUsers().forEach(user -> cli.out().println("  would remove " + user));
                    synced.endedLinks().forEach(link -> cli.out().println("  would end the link of Discord user "
                            + link.discordUser() + " to " + link.directoryUser()));
                }
                return OperatorCli.OK;
            }
            if (result instanceof TooManyRemovals tooMany) {
                cli.err().printf("Error: the sync would remove %d of %d directory users, more than %d %%. Nothing was changed; "
                        + "check the file, or pass --allow-mass-removal (see --dry-run first).%n", tooMany.removing(),
                        tooMany.directoryUsers(), tooMany.maxPercent());
                return OperatorCli.FAILED;
            }
            if (result instanceof RowRejected rejected) {
                cli.err().printf("Error: %s line %d: %s. Nothing was changed.%n", file, rejected.line(), rejected.reason());
                return OperatorCli.FAILED;
            }
            if (result instanceof TenantNotFound) {
                cli.err().println("Error: " + TenantReplies.noTenant(tenant));
                return OperatorCli.FAILED;
            }
            return TenantReplies.unavailable(cli.err());
        });
    }
}
