package dev.gatehouse.app;

import dev.gatehouse.app.directory.LinksCsv;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.AdministerTenants.LinkPage;
import dev.gatehouse.core.port.in.AdministerTenants.LinksQuery;
import dev.gatehouse.core.port.in.AdministerTenants.LinksResult;
import dev.gatehouse.core.port.in.AdministerTenants.TenantNotFound;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code export-links}: a tenant's links as CSV, to a file (replaced whole, never half-written) or standard output. */
@Command(name = "export-links", description = "Write the tenant's links as CSV.")
final class ExportLinksCommand implements Callable<Integer> {
    private static final int PAGE = 1000;

    private final OperatorCli cli;

    @Parameters(index = "0", paramLabel = "<tenant>", description = "The tenant.")
    TenantId tenant;

    @Option(names = "--output", paramLabel = "<file>", description = "The file to write; standard output if not given.")
    Path output;

    ExportLinksCommand(OperatorCli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Path folder = output == null ? null : output.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new OperatorCli.UsageException("no folder " + folder + " to write --output into");
        }
        return cli.withGatehouse((gatehouse, context) -> {
            LinksResult first = gatehouse.tenants().links(new LinksQuery(tenant, 0, PAGE));
            if (first instanceof TenantNotFound) {
                cli.err().printf("Error: no tenant %s.%n", tenant);
                return OperatorCli.FAILED;
            }
            if (!(first instanceof LinkPage)) {
                return TenantReplies.unavailable(cli.err());
            }
            Path partial = output == null ? null : output.resolveSibling(output.getFileName() + ".partial");
            Writer writer = output == null ? new BufferedWriter(new OutputStreamWriter(cli.out(), StandardCharsets.UTF_8))
                    : Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
            Written written;
            LinksCsv csv = new LinksCsv(writer);
            try {
                written = writeAll(gatehouse, (LinkPage) first, csv);
                csv.flush();
            } finally {
                if (output != null) {
                    csv.close();
                }
            }
            if (!(written.last() instanceof LinkPage)) {
                if (partial != null) {
                    Files.deleteIfExists(partial);
                }
                return TenantReplies.unavailable(cli.err());
            }
            if (output != null) {
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
                cli.out().printf("Wrote %d links of %s to %s%n", written.links(), tenant, output);
            }
            return OperatorCli.OK;
        });
    }

    /** How many links were written, and the last page's result (not a page if the store failed half-way). */
    private record Written(LinksResult last, long links) {
    }

    private Written writeAll(Gatehouse gatehouse, LinkPage first, LinksCsv csv) throws IOException {
        long written = 0;
        LinksResult page = first;
        for (int offset = 0; page instanceof LinkPage links; offset += PAGE) {
            for (Link link : links.links()) {
                csv.write(link);
                written++;
            }
            if (links.links().size() < PAGE) {
                break;
            }
            page = gatehouse.tenants().links(new LinksQuery(tenant, offset + PAGE, PAGE));
        }
        return new Written(page, written);
    }
}
