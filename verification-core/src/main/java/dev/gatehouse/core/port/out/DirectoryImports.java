package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.Texts;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;

/**
 * Applies a whole directory file to a tenant's directory and links, all or nothing. An implementation may stage
 * the rows wherever suits it (the PostgreSQL one streams them into a temporary table), so a file of any size fits.
 *
 * <p>Contract: called inside {@link Transactions#inTransaction} for a tenant that exists. The rows are read once,
 * in order. The file is rejected, with nothing written, at
 * <ol>
 *   <li>the first {@link DirectoryRow.Unreadable} row (reading stops there);</li>
 *   <li>else the first repeat of a user id among the users ({@link Rejected#repeated});</li>
 *   <li>else among the links, the first repeat of a Discord account, then of a user id;</li>
 *   <li>else the first link to a user neither in the file nor in the directory ({@link Rejected#unknownUser});</li>
 *   <li>else the first link whose Discord account, then the first whose user, is already linked otherwise in the
 *       tenant ({@link Rejected#discordUserLinkedElsewhere}, {@link Rejected#userLinkedElsewhere}).</li>
 * </ol>
 * Otherwise new users are added, changed ones updated in place, links not yet there inserted (origin IMPORT, linked
 * at {@code now}, queuing no role changes) and the counts returned. Thread-safe; throws
 * {@link StoreUnavailableException} when the store can't be reached.
 */
public interface DirectoryImports {

    /**
     * Applies a directory file, all or nothing, as described above.
     *
     * @param tenant the tenant, which exists
     * @param rows the file's rows, read once in order
     * @param now the time links are made at
     * @return what changed, or the row that stopped the import
     */
    ImportOutcome importRows(TenantId tenant, Iterator<DirectoryRow> rows, Instant now);

    /** The outcome of {@link #importRows}. */
    sealed interface ImportOutcome permits Applied, Rejected {
    }

    /**
     * The file was applied; what changed.
     *
     * @param counts how many users and links were added or changed
     */
    record Applied(ImportCounts counts) implements ImportOutcome {
        public Applied {
            Objects.requireNonNull(counts, "counts");
        }
    }

    /**
     * Nothing was written because of the row on {@code line}.
     *
     * @param line the file's line that stopped the import, from 1
     * @param reason why, readable by an admin
     */
    record Rejected(long line, String reason) implements ImportOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * {@code what} is "user id" or "Discord user"; {@code firstLine} is where the value first appeared.
         *
         * @param line the line of the repeat
         * @param what which kind of value repeats
         * @param value the value
         * @param firstLine the line it first appeared on
         * @return the rejection
         */
        public static Rejected repeated(long line, String what, String value, long firstLine) {
            return new Rejected(line, what + " '" + Texts.preview(value) + "' appears again (first on line " + firstLine + ")");
        }

        /**
         * A link to a user neither in the file nor in the directory.
         *
         * @param line the link's line
         * @param user the user id linked to
         * @return the rejection
         */
        public static Rejected unknownUser(long line, String user) {
            return new Rejected(line, "Discord user links to user id '" + Texts.preview(user) + "', which is not in the directory");
        }

        /**
         * A link for a Discord account already linked to another user in the tenant.
         *
         * @param line the link's line
         * @param discordUser the Discord account
         * @return the rejection
         */
        public static Rejected discordUserLinkedElsewhere(long line, String discordUser) {
            return new Rejected(line, "Discord user " + Texts.preview(discordUser)
                    + " is already linked to another user in this tenant; unlink it first");
        }

        /**
         * A link for a user already linked to another Discord account in the tenant.
         *
         * @param line the link's line
         * @param user the user id
         * @return the rejection
         */
        public static Rejected userLinkedElsewhere(long line, String user) {
            return new Rejected(line, "user id '" + Texts.preview(user)
                    + "' is already linked to another Discord account in this tenant; unlink it first");
        }
    }
}
