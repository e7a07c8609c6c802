package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.ImportCounts;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.DirectoryImports;
import dev.gatehouse.core.port.out.Links.LinkInsert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds the file's rows in memory, checks them all, then writes through the directory and the links (undone with the
 * transaction); a sync then removes the users missing from the file with their links.
 */
final class MemoryDirectoryImports implements DirectoryImports {
    private final MemoryDirectory directory;
    private final MemoryLinks links;

    MemoryDirectoryImports(MemoryDirectory directory, MemoryLinks links) {
        this.directory = directory;
        this.links = links;
    }

    /** A file's rows, read and checked. */
    private record File(Map<DirectoryUserId, DirectoryRow.User> users, List<DirectoryRow.User> userRows,
                        List<DirectoryRow.Link> linkRows) {
    }

    @Override
    public ImportOutcome importRows(TenantId tenant, Iterator<DirectoryRow> rows, Instant now) {
        Object read = read(tenant, rows, false);
        if (read instanceof Rejected rejected) {
            return rejected;
        }
        File file = (File) read;
        List<GroupChange> regrouped = regrouped(tenant, file);
        return new Applied(apply(tenant, file, now), regrouped);
    }

    @Override
    public SyncOutcome syncRows(TenantId tenant, Iterator<DirectoryRow> rows, Instant now, SyncRules rules) {
        Object read = read(tenant, rows, true);
        if (read instanceof Rejected rejected) {
            return rejected;
        }
        File file = (File) read;
        List<DirectoryUserId> existing = directory.idsOf(tenant);
        List<DirectoryUserId> removed = existing.stream().filter(id -> !file.users().containsKey(id)).sorted(
                Comparator.comparing(DirectoryUserId::value)).toList();
        if (!rules.allows(removed.size(), existing.size())) {
            return new TooManyRemovals(removed.size(), existing.size());
        }
        List<Link> ended = removed.stream().flatMap(id -> links.findByDirectoryUser(tenant, id).stream()).toList();
        List<GroupChange> regrouped = regrouped(tenant, file);
        ImportCounts counts = rules.dryRun() ? plannedCounts(tenant, file) : apply(tenant, file, now);
        if (!rules.dryRun()) {
            for (Link link : ended) {
                links.remove(tenant, link.discordUser());
            }
            for (DirectoryUserId id : removed) {
                directory.remove(tenant, id);
            }
        }
        return new Synced(counts, removed, ended, regrouped);
    }

    /** The file's users and links, or the {@link Rejected} for its first bad row. */
    private Object read(TenantId tenant, Iterator<DirectoryRow> rows, boolean linksOnlyToFileUsers) {
        Map<DirectoryUserId, DirectoryRow.User> users = new HashMap<>();
        List<DirectoryRow.User> userRows = new ArrayList<>();
        List<DirectoryRow.Link> linkRows = new ArrayList<>();
        Rejected repeatedUser = null;
        while (rows.hasNext()) {
            DirectoryRow row = rows.next();
            if (row instanceof DirectoryRow.Unreadable unreadable) {
                return new Rejected(unreadable.line(), unreadable.reason());
            }
            if (row instanceof DirectoryRow.User user) {
                DirectoryRow.User first = users.putIfAbsent(user.id(), user);
                if (first != null && repeatedUser == null) {
                    repeatedUser = Rejected.repeated(user.line(), "user id", user.id().value(), first.line());
                }
                userRows.add(user);
            } else {
                linkRows.add((DirectoryRow.Link) row);
            }
        }
        if (repeatedUser != null) {
            return repeatedUser;
        }
        Optional<Rejected> badLink = checkLinks(tenant, users, linkRows, linksOnlyToFileUsers);
        if (badLink.isPresent()) {
            return badLink.get();
        }
        return new File(users, userRows, linkRows);
    }

    /** The linked users already in the directory whose groups the file changes. */
    private List<GroupChange> regrouped(TenantId tenant, File file) {
        List<GroupChange> changes = new ArrayList<>();
        for (DirectoryRow.User row : file.userRows()) {
            Optional<DirectoryUser> existing = directory.find(tenant, row.id());
            if (existing.isPresent() && !existing.get().groups().equals(row.groups())) {
                links.findByDirectoryUser(tenant, row.id()).ifPresent(link ->
                        changes.add(new GroupChange(link, existing.get().groups(), row.groups())));
            }
        }
        return changes;
    }

    private ImportCounts plannedCounts(TenantId tenant, File file) {
        long added = 0;
        long updated = 0;
        for (DirectoryRow.User row : file.userRows()) {
            Optional<DirectoryUser> existing = directory.find(tenant, row.id());
            if (existing.isEmpty()) {
                added++;
            } else if (!existing.get().equals(new DirectoryUser(tenant, row.id(), row.email(), row.name(), row.groups()))) {
                updated++;
            }
        }
        long linksNew = file.linkRows().stream().filter(l -> links.findByDiscordUser(tenant, l.discordUser()).isEmpty()).count();
        return new ImportCounts(added, updated, file.userRows().size() - added - updated, linksNew, file.linkRows().size() - linksNew);
    }

    private ImportCounts apply(TenantId tenant, File file, Instant now) {
        long added = 0;
        long updated = 0;
        for (DirectoryRow.User row : file.userRows()) {
            DirectoryUser user = new DirectoryUser(tenant, row.id(), row.email(), row.name(), row.groups());
            Optional<DirectoryUser> existing = directory.find(tenant, row.id());
            if (existing.isEmpty()) {
                added++;
            } else if (!existing.get().equals(user)) {
                updated++;
            } else {
                continue;
            }
            directory.save(user);
        }
        long linksImported = 0;
        for (DirectoryRow.Link row : file.linkRows()) {
            if (links.insert(new Link(tenant, row.discordUser(), row.user(), now, LinkOrigin.IMPORT)) instanceof LinkInsert.Inserted) {
                linksImported++;
            }
        }
        return new ImportCounts(added, updated, file.userRows().size() - added - updated, linksImported,
                file.linkRows().size() - linksImported);
    }

    private Optional<Rejected> checkLinks(TenantId tenant, Map<DirectoryUserId, DirectoryRow.User> users, List<DirectoryRow.Link> rows,
                                          boolean onlyToFileUsers) {
        Map<DiscordUserId, Long> accounts = new HashMap<>();
        for (DirectoryRow.Link row : rows) {
            Long first = accounts.putIfAbsent(row.discordUser(), row.line());
            if (first != null) {
                return Optional.of(Rejected.repeated(row.line(), "Discord user", row.discordUser().toString(), first));
            }
        }
        Map<DirectoryUserId, Long> linkedUsers = new HashMap<>();
        for (DirectoryRow.Link row : rows) {
            Long first = linkedUsers.putIfAbsent(row.user(), row.line());
            if (first != null) {
                return Optional.of(Rejected.repeated(row.line(), "user id", row.user().value(), first));
            }
        }
        for (DirectoryRow.Link row : rows) {
            if (!users.containsKey(row.user()) && (onlyToFileUsers || directory.find(tenant, row.user()).isEmpty())) {
                return Optional.of(Rejected.unknownUser(row.line(), row.user().value()));
            }
        }
        for (DirectoryRow.Link row : rows) {
            if (links.findByDiscordUser(tenant, row.discordUser()).filter(l -> !l.directoryUser().equals(row.user())).isPresent()) {
                return Optional.of(Rejected.discordUserLinkedElsewhere(row.line(), row.discordUser().toString()));
            }
        }
        for (DirectoryRow.Link row : rows) {
            if (links.findByDirectoryUser(tenant, row.user()).filter(l -> !l.discordUser().equals(row.discordUser())).isPresent()) {
                return Optional.of(Rejected.userLinkedElsewhere(row.line(), row.user().value()));
            }
        }
        return Optional.empty();
    }
}
