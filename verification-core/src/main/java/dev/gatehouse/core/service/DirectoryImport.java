package dev.gatehouse.core.service;

import dev.gatehouse.core.event.MemberRemoved;
import dev.gatehouse.core.event.RolesChanged;
import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.in.GuildNotSetUp;
import dev.gatehouse.core.port.in.ImportDirectory;
import dev.gatehouse.core.port.in.InvalidUserId;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.DirectoryImports;
import dev.gatehouse.core.port.out.DirectoryImports.SyncRules;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Imports or syncs a directory file's rows through the store's {@link DirectoryImports}, in one transaction with its
 * audit entries and the member updates of the links that end; removes single people.
 */
public final class DirectoryImport implements ImportDirectory {
    private static final System.Logger LOG = System.getLogger(DirectoryImport.class.getName());

    private final Stores stores;
    private final Clock clock;
    private final EventBus events;

    public DirectoryImport(Stores stores, Clock clock, EventBus events) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public ImportResult importRows(ImportCommand command) {
        Instant now = clock.instant();
        List<DirectoryImports.GroupChange> regrouped = new ArrayList<>();
        try {
            ImportResult result = stores.transactions().inTransaction(() -> {
                regrouped.clear();
                if (stores.tenants().find(command.tenant()).isEmpty()) {
                    return new TenantNotFound(command.tenant());
                }
                Counted rows = new Counted(command.rows().iterator(), command.progress());
                DirectoryImports.ImportOutcome outcome = stores.directoryImports().importRows(command.tenant(), rows, now);
                command.progress().rowsRead(rows.read);
                if (outcome instanceof DirectoryImports.Rejected rejected) {
                    return new RowRejected(rejected.line(), rejected.reason());
                }
                DirectoryImports.Applied applied = (DirectoryImports.Applied) outcome;
                ImportCounts c = applied.counts();
                regroup(command.tenant(), applied.regrouped(), now);
                regrouped.addAll(applied.regrouped());
                stores.audit().record(new AuditEntry(command.tenant(), "directory.imported", "directory imported: " + c.added()
                        + " added, " + c.updated() + " updated, " + c.unchanged() + " unchanged; " + c.linksImported()
                        + " links imported, " + c.linksUnchanged() + " already there", now));
                return new DirectoryImported(command.tenant(), c);
            });
            if (result instanceof DirectoryImported) {
                publishRegrouped(regrouped, now);
            }
            return result;
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "directory import failed: store unavailable: " + e.getMessage());
            return new ServiceUnavailable();
        }
    }

    /** Queues the mapped roles' changes of people whose groups changed, in every server of the tenant, audited. */
    private void regroup(TenantId tenant, List<DirectoryImports.GroupChange> changes, Instant now) {
        if (changes.isEmpty()) {
            return;
        }
        List<GuildSettings> guilds = stores.guilds().ofTenant(tenant);
        List<MemberUpdate> updates = new ArrayList<>();
        List<AuditEntry> entries = new ArrayList<>();
        for (DirectoryImports.GroupChange change : changes) {
            updates.addAll(MemberUpdatePlanner.regroup(guilds, change.link().discordUser(), change.before(), change.after(),
                    "Gatehouse: groups changed in the directory", now));
            entries.add(new AuditEntry(tenant, "roles.regrouped", "Discord user " + change.link().discordUser() + " ("
                    + change.link().directoryUser() + ") groups " + GroupName.format(change.before()) + " -> "
                    + GroupName.format(change.after()), now));
        }
        stores.audit().recordAll(entries);
        stores.memberUpdates().enqueue(updates);
    }

    private void publishRegrouped(List<DirectoryImports.GroupChange> changes, Instant now) {
        events.publish(changes.stream().map(c -> new RolesChanged(c.link(), c.before(), c.after(), now)).toList());
    }

    @Override
    public SyncResult syncRows(SyncCommand command) {
        Instant now = clock.instant();
        SyncRules rules = new SyncRules(command.allowMassRemoval() ? 100 : command.maxRemovalPercent(), command.dryRun());
        List<DirectoryImports.GroupChange> regrouped = new ArrayList<>();
        try {
            SyncResult result = stores.transactions().inTransaction(() -> {
                regrouped.clear();
                if (stores.tenants().find(command.tenant()).isEmpty()) {
                    return new TenantNotFound(command.tenant());
                }
                Counted rows = new Counted(command.rows().iterator(), command.progress());
                DirectoryImports.SyncOutcome outcome = stores.directoryImports().syncRows(command.tenant(), rows, now, rules);
                command.progress().rowsRead(rows.read);
                if (outcome instanceof DirectoryImports.Rejected rejected) {
                    return new RowRejected(rejected.line(), rejected.reason());
                }
                if (outcome instanceof DirectoryImports.TooManyRemovals tooMany) {
                    return new TooManyRemovals(command.tenant(), tooMany.removing(), tooMany.directoryUsers(),
                            command.maxRemovalPercent());
                }
                DirectoryImports.Synced synced = (DirectoryImports.Synced) outcome;
                if (!command.dryRun()) {
                    regroup(command.tenant(), synced.regrouped(), now);
                    regrouped.addAll(synced.regrouped());
                    endAccess(command.tenant(), synced.endedLinks(), "Gatehouse: no longer in the directory",
                            "removed from the directory by a sync", now);
                    ImportCounts c = synced.counts();
                    stores.audit().record(new AuditEntry(command.tenant(), "directory.synced", "directory synced: " + c.added()
                            + " added, " + c.updated() + " updated, " + c.unchanged() + " unchanged, "
                            + synced.removedUsers().size() + " removed; " + synced.endedLinks().size() + " links ended, "
                            + c.linksImported() + " links imported", now));
                }
                return new DirectorySynced(command.tenant(), synced.counts(), synced.removedUsers(), synced.endedLinks(),
                        synced.regrouped().size(), command.dryRun());
            });
            if (result instanceof DirectorySynced synced && !synced.dryRun()) {
                publishRegrouped(regrouped, now);
                Map<DirectoryUserId, Link> linkOf = new HashMap<>();
                synced.endedLinks().forEach(l -> linkOf.put(l.directoryUser(), l));
                events.publish(synced.removedUsers().stream().map(user -> new MemberRemoved(command.tenant(), user,
                        Optional.ofNullable(linkOf.get(user)), "directory sync", now)).toList());
            }
            return result;
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "directory sync failed: store unavailable: " + e.getMessage());
            return new ServiceUnavailable();
        }
    }

    @Override
    public RemoveUserResult removeUser(RemoveUserCommand command) {
        DirectoryUserId id;
        try {
            id = new DirectoryUserId(command.userId());
        } catch (IllegalArgumentException e) {
            return new InvalidUserId(e.getMessage());
        }
        Instant now = clock.instant();
        try {
            TenantId tenant;
            String actor;
            if (command instanceof RemoveByOperator operator) {
                tenant = operator.tenant();
                actor = "the operator";
            } else {
                RemoveByAdmin admin = (RemoveByAdmin) command;
                Optional<GuildSettings> guild = stores.guilds().find(admin.guild());
                if (guild.isEmpty()) {
                    return new GuildNotSetUp();
                }
                tenant = guild.get().tenant();
                actor = "admin " + admin.admin();
            }
            RemoveUserResult result = stores.transactions().inTransaction(() -> {
                if (stores.tenants().find(tenant).isEmpty()) {
                    return new TenantNotFound(tenant);
                }
                Optional<DirectoryUser> removed = stores.directory().remove(tenant, id);
                if (removed.isEmpty()) {
                    return new NoSuchDirectoryUser(command.userId());
                }
                Optional<Link> link = stores.links().findByDirectoryUser(tenant, id)
                        .flatMap(l -> stores.links().remove(tenant, l.discordUser()));
                endAccess(tenant, link.stream().toList(), "Gatehouse: removed from the directory by " + actor,
                        "removed from the directory by " + actor, now);
                stores.audit().record(new AuditEntry(tenant, "directory.user_removed", "user " + id + " removed from the directory by "
                        + actor + link.map(l -> "; link of Discord user " + l.discordUser() + " ended").orElse(""), now));
                return new UserRemoved(removed.get(), link);
            });
            if (result instanceof UserRemoved removed) {
                events.publish(List.of(new MemberRemoved(tenant, id, removed.link(), actor, now)));
            }
            return result;
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "directory user removal failed: store unavailable: " + e.getMessage());
            return new ServiceUnavailable();
        }
    }

    /** Queues role removal and nickname reset in every server of the tenant for each ended link, and audits each. */
    private void endAccess(TenantId tenant, List<Link> ended, String reason, String why, Instant now) {
        if (ended.isEmpty()) {
            return;
        }
        List<GuildSettings> guilds = stores.guilds().ofTenant(tenant);
        List<MemberUpdate> updates = new ArrayList<>();
        List<AuditEntry> entries = new ArrayList<>();
        for (Link link : ended) {
            updates.addAll(MemberUpdatePlanner.revokeAccess(guilds, link.discordUser(), reason, now));
            entries.add(new AuditEntry(tenant, "link.ended", "Discord user " + link.discordUser() + " unlinked from "
                    + link.directoryUser() + ": " + why, now));
        }
        stores.audit().recordAll(entries);
        stores.memberUpdates().enqueue(updates);
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
