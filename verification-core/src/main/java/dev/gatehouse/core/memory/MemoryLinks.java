package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.Links;
import dev.gatehouse.core.port.out.MembershipIndex;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Links, plus the membership index kept beside them so the gate reads it without taking the lock or allocating. */
final class MemoryLinks implements Links, MembershipIndex {
    private final MemoryTransactions tx;
    private final Map<DiscordKey, Link> byDiscordUser = new HashMap<>();
    private final Map<DirectoryKey, Link> byDirectoryUser = new HashMap<>();
    private final Map<TenantId, MemberVersions> verified = new ConcurrentHashMap<>();

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
