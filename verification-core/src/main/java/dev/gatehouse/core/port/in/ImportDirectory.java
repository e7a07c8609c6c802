package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The operator imports an organisation's directory (and, from the tutorial bot's {@code database.json}, the links
 * it already has), all or nothing: one bad row rejects the whole file with its line, and nothing changes. New users
 * are added, changed ones updated in place. A successful import is audited as {@code directory.imported}.
 *
 * <p>A sync ({@link #syncRows}) also removes the people missing from the file: their links end, and their roles are
 * queued for removal and nicknames for reset in every server of the tenant. Each ended link is audited as
 * {@code link.ended}, the sync as {@code directory.synced}, and a {@code MemberRemoved} event is published per person
 * after commit. A sync removing more than the command's share of the directory is refused unless allowed; a dry
 * run answers the same and changes nothing.
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

    /**
     * Like {@link #importRows}, then removes everyone missing from the file (see above). Thread-safe.
     *
     * @param command the tenant, its file's rows and the removal limit
     * @return what changed (or would, on a dry run), or why nothing did
     */
    SyncResult syncRows(SyncCommand command);

    /**
     * Removes one person from the directory, as a sync without them would: the link ends, roles are queued for
     * removal in every server of the tenant; audited as {@code directory.user_removed}. Thread-safe.
     *
     * @param command the user id and who removes them
     * @return the person removed and their ended link, or why nothing changed
     */
    RemoveUserResult removeUser(RemoveUserCommand command);

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

    /** The default share of the directory a sync may remove without {@link SyncCommand#allowMassRemoval}. */
    int DEFAULT_MAX_REMOVAL_PERCENT = 10;

    /**
     * A sync of the tenant's directory with the file's rows. {@code maxRemovalPercent} (0–100) is the share of the
     * directory it may remove unless {@code allowMassRemoval}; {@code dryRun} only tells what would change.
     *
     * @param tenant the tenant
     * @param rows the file's rows, in order
     * @param progress who hears how many rows were read
     * @param maxRemovalPercent the share of the directory the sync may remove, 0 to 100
     * @param allowMassRemoval whether the sync may remove more than that
     * @param dryRun whether to only tell what would change, changing nothing
     */
    record SyncCommand(TenantId tenant, Stream<DirectoryRow> rows, ImportProgress progress, int maxRemovalPercent,
                       boolean allowMassRemoval, boolean dryRun) {
        public SyncCommand {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(rows, "rows");
            Objects.requireNonNull(progress, "progress");
            if (maxRemovalPercent < 0 || maxRemovalPercent > 100) {
                throw new IllegalArgumentException("the removal limit is a percentage from 0 to 100, got " + maxRemovalPercent);
            }
        }

        /**
         * A sync within the default limit that changes the directory, with nobody hearing its progress.
         *
         * @param tenant the tenant
         * @param rows the file's rows, in order
         */
        public SyncCommand(TenantId tenant, Stream<DirectoryRow> rows) {
            this(tenant, rows, ImportProgress.none(), DEFAULT_MAX_REMOVAL_PERCENT, false, false);
        }
    }

    /** The outcome of {@link #syncRows}. */
    sealed interface SyncResult permits DirectorySynced, TooManyRemovals, RowRejected, TenantNotFound, ServiceUnavailable {
    }

    /**
     * The directory now equals the file (or, if {@code dryRun}, would): the counts of added, updated and unchanged
     * users, the users removed, the links that ended with them, and how many verified members' groups (so mapped
     * roles) changed.
     *
     * @param tenant the tenant
     * @param counts how many users were added, updated or already as in the file, and how many links imported
     * @param removedUsers the users missing from the file, now removed; empty for none
     * @param endedLinks the links of the removed users, now ended; empty for none
     * @param membersRegrouped how many verified members' groups changed
     * @param dryRun whether this only tells what would change; nothing did
     */
    record DirectorySynced(TenantId tenant, ImportCounts counts, List<DirectoryUserId> removedUsers, List<Link> endedLinks,
                           long membersRegrouped, boolean dryRun) implements SyncResult {
        public DirectorySynced {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(counts, "counts");
            removedUsers = List.copyOf(removedUsers);
            endedLinks = List.copyOf(endedLinks);
        }
    }

    /**
     * Nothing changed: the sync would remove {@code removing} of {@code directoryUsers}, more than {@code maxPercent}.
     *
     * @param tenant the tenant
     * @param removing how many users the file leaves out
     * @param directoryUsers how many users the directory holds before the sync
     * @param maxPercent the share of the directory the sync was allowed to remove, 0 to 100
     */
    record TooManyRemovals(TenantId tenant, long removing, long directoryUsers, int maxPercent) implements SyncResult {
        public TooManyRemovals {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /**
     * The file was applied; what changed.
     *
     * @param tenant the tenant
     * @param counts how many users were added, updated or already as in the file, and how many links imported
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
     * @param line the row's line in the file, from 1; 0 for the file as a whole
     * @param reason what is wrong, readable by an admin
     */
    record RowRejected(long line, String reason) implements ImportResult, SyncResult {
        public RowRejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * No tenant with that id; nothing was read.
     *
     * @param tenant the id asked for
     */
    record TenantNotFound(TenantId tenant) implements ImportResult, SyncResult, RemoveUserResult {
        public TenantNotFound {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /** Who removes a person: the operator names the tenant; a server admin removes from the server's tenant. */
    sealed interface RemoveUserCommand permits RemoveByOperator, RemoveByAdmin {
        /** {@return the user id as typed} */
        String userId();
    }

    /**
     * The operator removes a person from a tenant's directory.
     *
     * @param tenant the tenant
     * @param userId the user id as typed
     */
    record RemoveByOperator(TenantId tenant, String userId) implements RemoveUserCommand {
        public RemoveByOperator {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * A server admin removes a person from the directory of the tenant the server is bound to.
     *
     * @param guild the server the admin acts in
     * @param userId the user id as typed
     * @param admin the admin, named in the audit log and the removal's reason
     */
    record RemoveByAdmin(GuildId guild, String userId, DiscordUserId admin) implements RemoveUserCommand {
        public RemoveByAdmin {
            Objects.requireNonNull(guild, "guild");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(admin, "admin");
        }
    }

    /** The outcome of {@link #removeUser}. */
    sealed interface RemoveUserResult permits UserRemoved, NoSuchDirectoryUser, InvalidUserId, TenantNotFound, GuildNotSetUp,
            ServiceUnavailable {
    }

    /**
     * The person left the directory; {@code link} is the link that ended with them, if they had one.
     *
     * @param user the person as the directory held them
     * @param link the link that ended; empty if they had none
     */
    record UserRemoved(DirectoryUser user, Optional<Link> link) implements RemoveUserResult {
        public UserRemoved {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(link, "link");
        }
    }

    /**
     * The tenant has no user with that id; nothing changed.
     *
     * @param userId the user id as typed
     */
    record NoSuchDirectoryUser(String userId) implements RemoveUserResult {
        public NoSuchDirectoryUser {
            Objects.requireNonNull(userId, "userId");
        }
    }
}
