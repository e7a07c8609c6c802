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
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Holds the file's rows in memory, checks them all, then writes through the directory and the links (undone with the transaction). */
final class MemoryDirectoryImports implements DirectoryImports {
    private final MemoryDirectory directory;
    private final MemoryLinks links;

    MemoryDirectoryImports(MemoryDirectory directory, MemoryLinks links) {
        this.directory = directory;
        this.links = links;
    }

    @Override
    public ImportOutcome importRows(TenantId tenant, Iterator<DirectoryRow> rows, Instant now) {
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
        Optional<Rejected> badLink = checkLinks(tenant, users, linkRows);
        if (badLink.isPresent()) {
            return badLink.get();
        }
        long added = 0;
        long updated = 0;
        for (DirectoryRow.User row : userRows) {
            DirectoryUser user = new DirectoryUser(tenant, row.id(), row.email(), row.name());
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
        for (DirectoryRow.Link row : linkRows) {
            if (links.insert(new Link(tenant, row.discordUser(), row.user(), now, LinkOrigin.IMPORT)) instanceof LinkInsert.Inserted) {
                linksImported++;
            }
        }
        return new Applied(new ImportCounts(added, updated, userRows.size() - added - updated, linksImported,
                linkRows.size() - linksImported));
    }

    private Optional<Rejected> checkLinks(TenantId tenant, Map<DirectoryUserId, DirectoryRow.User> users, List<DirectoryRow.Link> rows) {
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
            if (!users.containsKey(row.user()) && directory.find(tenant, row.user()).isEmpty()) {
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
