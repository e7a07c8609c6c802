package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.Links;
import dev.gatehouse.core.port.out.MembershipIndex;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Links, plus the membership index kept beside them so the gate reads it without taking the lock or allocating. */
final class MemoryLinks implements Links, MembershipIndex {
    private final MemoryTransactions tx;
    private final Map<DiscordKey, Link> byDiscordUser = new HashMap<>();
    private final Map<DirectoryKey, Link> byDirectoryUser = new HashMap<>();
    private final Map<TenantId, MemberVersions> verified = new ConcurrentHashMap<>();
    /** The link time each reminder was sent for: a renewed or new link, with another time, isn't reminded yet. */
    private final Map<DiscordKey, Instant> remindedFor = new HashMap<>();
    MemoryLinks(MemoryTransactions tx) {
        this.tx = tx;
    }

    private record DiscordKey(TenantId tenant, DiscordUserId user) {
    }

    private record DirectoryKey(TenantId tenant, DirectoryUserId user) {
    }

    @Override
    public Optional<Link> findByDiscordUser(TenantId tenant, DiscordUserId discordUser) {
        return tx.read(() -> Optional.ofNullable(byDiscordUser.get(new DiscordKey(tenant, discordUser))));
    }

    @Override
    public Optional<Link> findByDirectoryUser(TenantId tenant, DirectoryUserId directoryUser) {
        return tx.read(() -> Optional.ofNullable(byDirectoryUser.get(new DirectoryKey(tenant, directoryUser))));
    }

    @Override
    public LinkInsert insert(Link link) {
        DiscordKey discordKey = new DiscordKey(link.tenant(), link.discordUser());
        DirectoryKey directoryKey = new DirectoryKey(link.tenant(), link.directoryUser());
        return tx.write(() -> {
            Link byDiscord = byDiscordUser.get(discordKey);
            if (byDiscord != null) {
                return new LinkInsert.DiscordUserTaken(byDiscord);
            }
            Link byDirectory = byDirectoryUser.get(directoryKey);
            if (byDirectory != null) {
                return new LinkInsert.DirectoryUserTaken(byDirectory);
            }
            put(link);
            return new LinkInsert.Inserted(link);
        }, () -> {
            if (link.equals(byDiscordUser.get(discordKey))) {
                drop(link);
            }
        });
    }

    @Override
    public Optional<Link> remove(TenantId tenant, DiscordUserId discordUser) {
        DiscordKey key = new DiscordKey(tenant, discordUser);
        Link existing = tx.read(() -> byDiscordUser.get(key));
        if (existing == null) {
            return Optional.empty();
        }
        tx.write(() -> drop(existing), () -> put(existing));
        return Optional.of(existing);
    }

    @Override
    public List<DueLink> claimReminders(TenantId tenant, Instant linkedBefore, Instant now, int limit) {
        requirePositive(limit);
        return tx.read(() -> {
            List<Link> due = oldestOf(tenant, linkedBefore, limit,
                    l -> !l.linkedAt().equals(remindedFor.get(new DiscordKey(l.tenant(), l.discordUser()))));
            for (Link link : due) {
                DiscordKey key = new DiscordKey(link.tenant(), link.discordUser());
                Instant before = remindedFor.get(key);
                tx.write(() -> remindedFor.put(key, link.linkedAt()), () -> {
                    if (before == null) {
                        remindedFor.remove(key);
                    } else {
                        remindedFor.put(key, before);
                    }
                });
            }
            return due.stream().map(MemoryLinks::due).toList();
        });
    }

    @Override
    public List<DueLink> removeLapsed(TenantId tenant, Instant linkedBefore, int limit) {
        requirePositive(limit);
        return tx.read(() -> {
            List<Link> lapsed = oldestOf(tenant, linkedBefore, limit, l -> true);
            List<DueLink> removed = lapsed.stream().map(MemoryLinks::due).toList();
            lapsed.forEach(link -> tx.write(() -> drop(link), () -> put(link)));
            return removed;
        });
    }

    @Override
    public Optional<Link> renew(TenantId tenant, DiscordUserId discordUser, DirectoryUserId directoryUser, Instant now,
                                Optional<Locale> language) {
        DiscordKey key = new DiscordKey(tenant, discordUser);
        return tx.read(() -> {
            Link existing = byDiscordUser.get(key);
            if (existing == null || !existing.directoryUser().equals(directoryUser)) {
                return Optional.<Link>empty();
            }
            Link renewed = new Link(tenant, discordUser, directoryUser, now, existing.origin(),
                    language.or(existing::language));
            tx.write(() -> drop(existing), () -> put(existing));
            tx.write(() -> put(renewed), () -> drop(renewed));
            return Optional.of(renewed);
        });
    }

    private List<Link> oldestOf(TenantId tenant, Instant linkedBefore, int limit, Predicate<Link> filter) {
        return byDiscordUser.values().stream()
                .filter(l -> l.tenant().equals(tenant) && l.linkedAt().isBefore(linkedBefore) && filter.test(l))
                .sorted(Comparator.comparing(Link::linkedAt).thenComparingLong(l -> l.discordUser().value()))
                .limit(limit)
                .toList();
    }

    private static DueLink due(Link link) {
        return new DueLink(link, link.language());
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, got " + limit);
        }
    }

    private void put(Link link) {
        DiscordKey discordKey = new DiscordKey(link.tenant(), link.discordUser());
        byDiscordUser.put(discordKey, link);
        byDirectoryUser.put(new DirectoryKey(link.tenant(), link.directoryUser()), link);
        verified.computeIfAbsent(link.tenant(), t -> new MemberVersions()).put(link.discordUser().value(), 1);
    }

    private void drop(Link link) {
        DiscordKey discordKey = new DiscordKey(link.tenant(), link.discordUser());
        byDiscordUser.remove(discordKey);
        byDirectoryUser.remove(new DirectoryKey(link.tenant(), link.directoryUser()));
        MemberVersions ofTenant = verified.get(link.tenant());
        if (ofTenant != null) {
            ofTenant.put(link.discordUser().value(), 0);
        }
    }

    @Override
    public List<Link> list(TenantId tenant, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit can't be negative");
        }
        return tx.read(() -> byDiscordUser.values().stream()
                .filter(l -> l.tenant().equals(tenant))
                .sorted(Comparator.comparing(Link::linkedAt).thenComparingLong(l -> l.discordUser().value()))
                .skip(offset)
                .limit(limit)
                .toList());
    }

    /** Drops every link of the tenant from both indexes and the membership index (undone with the transaction). */
    long removeAllOf(TenantId tenant) {
        return tx.read(() -> {
            List<Link> removed = byDiscordUser.values().stream().filter(l -> l.tenant().equals(tenant)).toList();
            removed.forEach(link -> tx.write(() -> drop(link), () -> put(link)));
            return (long) removed.size();
        });
    }

    @Override
    public long count(TenantId tenant) {
        return tx.read(() -> byDiscordUser.keySet().stream().filter(k -> k.tenant().equals(tenant)).count());
    }

    @Override
    public MemberStatus statusOf(TenantId tenant, DiscordUserId discordUser) {
        MemberVersions ofTenant = verified.get(tenant);
        return ofTenant != null && ofTenant.hasPositive(discordUser.value()) ? MemberStatus.VERIFIED : MemberStatus.UNVERIFIED;
    }
}
