package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.Texts;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
 * Otherwise new users are added, changed ones (email, name, groups) updated in place, the linked people whose groups
 * change reported ({@link GroupChange}), links not yet there inserted (origin IMPORT, linked
 * at {@code now}, queuing no role changes) and the counts returned. Thread-safe; throws
 * {@link StoreUnavailableException} when the store can't be reached.
 *
 * <p>{@link #syncRows} makes the directory equal to the file: the same checks (except that a link row must name a
 * user of the file itself), then the directory users missing from the file are counted; more than
 * {@link SyncRules#maxRemovalPercent} of the directory refuses the file ({@link TooManyRemovals}), nothing written.
 * Otherwise users are added and updated as by {@link #importRows}, the missing ones removed with their links, and
 * what was removed returned ({@link Synced}). With {@link SyncRules#dryRun} nothing is written and the same answer
 * tells what would change. Removed links leave the membership index after commit.
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

    /**
     * Makes the tenant's directory equal to the rows (see the contract above).
     *
     * @param tenant the tenant, which exists
     * @param rows the file's rows, read once in order
     * @param now the time links are made and ended at
     * @param rules the removal limit and whether this is a dry run
     * @return what changed (or would), the row that stopped the sync, or the removals over the limit
     */
    SyncOutcome syncRows(TenantId tenant, Iterator<DirectoryRow> rows, Instant now, SyncRules rules);

    /** The outcome of {@link #importRows}. */
    sealed interface ImportOutcome permits Applied, Rejected {
    }

    /** The outcome of {@link #syncRows}. */
    sealed interface SyncOutcome permits Synced, Rejected, TooManyRemovals {
    }

    /**
     * The share of the directory a sync may remove (100 allows any), and whether to only tell what would change.
     *
     * @param maxRemovalPercent the share of the directory's users a sync may remove, 0 to 100
     * @param dryRun whether to write nothing and only tell what would change
     */
    record SyncRules(int maxRemovalPercent, boolean dryRun) {
        public SyncRules {
            if (maxRemovalPercent < 0 || maxRemovalPercent > 100) {
                throw new IllegalArgumentException("the removal limit is a percentage from 0 to 100, got " + maxRemovalPercent);
            }
        }

        /**
         * Whether removing {@code removing} of {@code directoryUsers} stays within the limit.
         *
         * @param removing how many users the sync would remove
         * @param directoryUsers how many users the directory holds before the sync
         * @return whether that is at most {@link #maxRemovalPercent} of the directory
         */
        public boolean allows(long removing, long directoryUsers) {
            return removing * 100 <= (long) maxRemovalPercent * directoryUsers;
        }
    }

    /**
     * The sync was applied (or, in a dry run, would be): the counts, the users removed and the links they held.
     *
     * @param counts how many users were added, updated or already as in the file, and how many links imported
     * @param removedUsers the users missing from the file, removed; empty for none
     * @param endedLinks the links those users held, ended; empty for none
     * @param regrouped the linked people whose groups changed; empty for none
     */
    record Synced(ImportCounts counts, List<DirectoryUserId> removedUsers, List<Link> endedLinks, List<GroupChange> regrouped)
            implements SyncOutcome {
        public Synced {
            Objects.requireNonNull(counts, "counts");
            removedUsers = List.copyOf(removedUsers);
            endedLinks = List.copyOf(endedLinks);
            regrouped = List.copyOf(regrouped);
        }
    }

    /**
     * Nothing was written: the file would remove {@code removing} of the directory's {@code directoryUsers}.
     *
     * @param removing how many users the file leaves out
     * @param directoryUsers how many users the directory holds
     */
    record TooManyRemovals(long removing, long directoryUsers) implements SyncOutcome {
    }

    /**
     * The file was applied; what changed, and the linked people whose groups changed.
     *
     * @param counts how many users were added, updated or already as in the file, and how many links imported
     * @param regrouped the linked people whose groups changed; empty for none
     */
    record Applied(ImportCounts counts, List<GroupChange> regrouped) implements ImportOutcome {
        public Applied {
            Objects.requireNonNull(counts, "counts");
            regrouped = List.copyOf(regrouped);
        }

        /**
         * An import that changed nobody's groups.
         *
         * @param counts what changed
         */
        public Applied(ImportCounts counts) {
            this(counts, List.of());
        }
    }

    /**
     * A linked person whose groups the file changes, so their mapped roles change.
     *
     * @param link the person's link
     * @param before the groups they had; empty for none
     * @param after the groups the file gives them; empty for none
     */
    record GroupChange(Link link, Set<GroupName> before, Set<GroupName> after) {
        public GroupChange {
            Objects.requireNonNull(link, "link");
            before = Set.copyOf(before);
            after = Set.copyOf(after);
        }
    }

    /**
     * Nothing was written because of the row on {@code line}.
     *
     * @param line the row's line in the file, from 1; 0 for the file as a whole
     * @param reason what is wrong, readable by an admin
     */
    record Rejected(long line, String reason) implements ImportOutcome, SyncOutcome {
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
