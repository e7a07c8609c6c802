package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.TenantId;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The operator imports an organisation's directory (and, from the tutorial bot's {@code database.json}, the links
 * it already has), all or nothing: one bad row rejects the whole file with its line, and nothing changes. New users
 * are added, changed ones updated in place. A successful import is audited as {@code directory.imported}.
 */
public interface ImportDirectory {

    /**
     * Reads {@code command.rows()} once, on the calling thread, inside one transaction; the caller closes the stream.
     * Thread-safe. A row stream that throws (the file can't be read) lets the exception out, and nothing changes.
     *
     * @param command the tenant and its file's rows
     * @return what changed, or why nothing did
     */
    ImportResult importRows(ImportCommand command);

    /** Told how many rows were read so far, every {@value #PROGRESS_EVERY} rows and once at the end. */
    @FunctionalInterface
    interface ImportProgress {
        /** Progress is reported every this many rows. */
        int PROGRESS_EVERY = 1000;

        /**
         * Called with the rows read so far.
         *
         * @param rows how many rows were read
         */
        void rowsRead(long rows);

        /**
         * Hears nothing.
         *
         * @return a listener that ignores progress
         */
        static ImportProgress none() {
            return rows -> { };
        }
    }

    /**
     * The tenant, its file's rows in order, and who hears of the progress.
     *
     * @param tenant the tenant
     * @param rows the file's rows, in order
     * @param progress who hears how many rows were read
     */
    record ImportCommand(TenantId tenant, Stream<DirectoryRow> rows, ImportProgress progress) {
        public ImportCommand {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(rows, "rows");
            Objects.requireNonNull(progress, "progress");
        }

        /**
         * An import nobody hears the progress of.
         *
         * @param tenant the tenant
         * @param rows the file's rows, in order
         */
        public ImportCommand(TenantId tenant, Stream<DirectoryRow> rows) {
            this(tenant, rows, ImportProgress.none());
        }
    }

    /** The outcome of {@link #importRows}. */
    sealed interface ImportResult permits DirectoryImported, RowRejected, TenantNotFound, ServiceUnavailable {
    }

    /**
     * The file was applied; what changed.
     *
     * @param tenant the tenant
     * @param counts what changed
     */
    record DirectoryImported(TenantId tenant, ImportCounts counts) implements ImportResult {
        public DirectoryImported {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(counts, "counts");
        }
    }

    /**
     * Nothing was imported because of the row on {@code line} (1-based; 0 for the file as a whole).
     *
     * @param line the row's line, 1-based; 0 for the file as a whole
     * @param reason why, for the admin
     */
    record RowRejected(long line, String reason) implements ImportResult {
        public RowRejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * No tenant with that id; nothing was read.
     *
     * @param tenant the id asked for
     */
    record TenantNotFound(TenantId tenant) implements ImportResult {
        public TenantNotFound {
            Objects.requireNonNull(tenant, "tenant");
        }
    }
}
