package dev.gatehouse.core.service;

import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.port.in.ImportDirectory;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.DirectoryImports;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import java.time.Clock;
import java.util.Iterator;
import java.util.Objects;

/** Imports a directory file's rows through the store's {@link DirectoryImports}, in one transaction with its audit entry. */
public final class DirectoryImport implements ImportDirectory {
    private static final System.Logger LOG = System.getLogger(DirectoryImport.class.getName());

    private final Stores stores;
    private final Clock clock;

    public DirectoryImport(Stores stores, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ImportResult importRows(ImportCommand command) {
        try {
            return stores.transactions().inTransaction(() -> {
                if (stores.tenants().find(command.tenant()).isEmpty()) {
                    return new TenantNotFound(command.tenant());
                }
                Counted rows = new Counted(command.rows().iterator(), command.progress());
                DirectoryImports.ImportOutcome outcome = stores.directoryImports().importRows(command.tenant(), rows, clock.instant());
                command.progress().rowsRead(rows.read);
                if (outcome instanceof DirectoryImports.Rejected rejected) {
                    return new RowRejected(rejected.line(), rejected.reason());
                }
                ImportCounts c = ((DirectoryImports.Applied) outcome).counts();
                stores.audit().record(new AuditEntry(command.tenant(), "directory.imported", "directory imported: " + c.added()
                        + " added, " + c.updated() + " updated, " + c.unchanged() + " unchanged; " + c.linksImported()
                        + " links imported, " + c.linksUnchanged() + " already there", clock.instant()));
                return new DirectoryImported(command.tenant(), c);
            });
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "directory import failed: store unavailable: " + e.getMessage());
            return new ServiceUnavailable();
        }
    }

    /** The rows, counted as the store reads them. */
    private static final class Counted implements Iterator<DirectoryRow> {
        private final Iterator<DirectoryRow> rows;
        private final ImportProgress progress;
        private long read;

        Counted(Iterator<DirectoryRow> rows, ImportProgress progress) {
            this.rows = rows;
            this.progress = progress;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public DirectoryRow next() {
            DirectoryRow row = rows.next();
            if (++read % ImportProgress.PROGRESS_EVERY == 0) {
                progress.rowsRead(read);
            }
            return row;
        }
    }
}
