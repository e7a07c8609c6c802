package dev.gatehouse.app;

import dev.gatehouse.app.directory.DirectoryFiles;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.ImportDirectory.DirectoryImported;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import}: a directory file into a tenant, all or nothing. */
@Command(name = "import", description = {"Import a directory file into a tenant, all or nothing.",
    "CSV with a header row user_id,email,name; JSON; or the tutorial bot's database.json with its links.",
    "A bad row rejects the whole file, naming its line."})
final class ImportDirectoryCommand implements Callable<Integer> {
    private final OperatorCli cli;

    @Parameters(index = "0", paramLabel = "<tenant>", description = "The tenant.")
    TenantId tenant;

    @Parameters(index = "1", paramLabel = "<file>", description = "The file.")
    Path file;

    @Option(names = "--format", paramLabel = "csv|json", description = "The file's format; by default JSON for *.json, CSV otherwise.")
    DirectoryFiles.Format format;

    ImportDirectoryCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            cli.err().println("Error: no such file: " + file);
            return OperatorCli.FAILED;
        }
        DirectoryFiles.Format chosen = format != null ? format : DirectoryFiles.Format.of(file);
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
}
