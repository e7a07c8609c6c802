package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.Links;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Links in the {@code links} table: its primary key allows one link per Discord user and tenant, a unique
 * constraint one per directory user and tenant. An insert is {@code INSERT … ON CONFLICT DO NOTHING}; when it
 * inserts nothing, reading both sides tells which is taken, retried if the conflicting link vanished meanwhile.
 * Each insert and delete sends {@code NOTIFY gatehouse_links} in the same statement and updates this instance's
 * membership index after commit. Payloads: {@code +|version|tenant|discord user} for a link,
 * {@code -|version|tenant|discord user} for an unlink, {@code !|version|tenant} when a tenant's links were all
 * deleted with it (see {@link PgTenants#delete}), {@code *} after an import (reload everything).
 */
@Singleton
@Bean(typed = PgLinks.class)
final class PgLinks implements Links {
    static final String CHANNEL = "gatehouse_links";
    private static final int INSERT_ATTEMPTS = 5;

    private final Db db;
    private final LinkRepository repository;
    private final PgMembershipIndex index;

    PgLinks(Db db, LinkRepository repository, PgMembershipIndex index) {
        this.db = db;
        this.repository = repository;
        this.index = index;
    }

    @Override
    public Optional<Link> findByDiscordUser(TenantId tenant, DiscordUserId discordUser) {
        return db.read("finding a link", () -> repository.findById(new LinkRow.Key(tenant.value(), discordUser.value()))).map(PgLinks::link);
    }

    @Override
    public Optional<Link> findByDirectoryUser(TenantId tenant, DirectoryUserId directoryUser) {
        return db.read("finding a link", () -> repository.findByDirectoryUser(tenant.value(), directoryUser.value())).map(PgLinks::link);
    }

    @Override
    public LinkInsert insert(Link link) {
        return db.write("inserting a link", () -> {
            for (int attempt = 1; attempt <= INSERT_ATTEMPTS; attempt++) {
                List<Long> inserted = repository.insertAndNotify(link.tenant().value(), link.discordUser().value(),
                        link.directoryUser().value(), link.linkedAt(), link.origin().name());
                if (!inserted.isEmpty()) {
                    long version = inserted.get(0);
                    db.afterCommit(() -> index.apply(link.tenant(), link.discordUser().value(), version, true));
                    return new LinkInsert.Inserted(link);
                }
                Optional<Link> byDiscord = findByDiscordUser(link.tenant(), link.discordUser());
                if (byDiscord.isPresent()) {
                    return new LinkInsert.DiscordUserTaken(byDiscord.get());
                }
                Optional<Link> byDirectory = findByDirectoryUser(link.tenant(), link.directoryUser());
                if (byDirectory.isPresent()) {
                    return new LinkInsert.DirectoryUserTaken(byDirectory.get());
                }
            }
            throw new IllegalStateException("the link kept conflicting with links that vanished before they could be read");
        });
    }

    @Override
    public Optional<Link> remove(TenantId tenant, DiscordUserId discordUser) {
        return db.write("removing a link", () -> {
            List<LinkRow> removed = repository.deleteAndNotify(tenant.value(), discordUser.value());
            if (removed.isEmpty()) {
                return Optional.empty();
            }
            LinkRow row = removed.get(0);
            db.afterCommit(() -> index.apply(tenant, discordUser.value(), row.version(), false));
            return Optional.of(link(row));
        });
    }

    @Override
    public List<Link> list(TenantId tenant, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit can't be negative");
        }
        return db.read("listing links", () -> repository.listOfTenant(tenant.value(), offset, limit).stream().map(PgLinks::link).toList());
    }

    @Override
    public long count(TenantId tenant) {
        return db.read("counting links", () -> repository.countOfTenant(tenant.value()));
    }

    private static Link link(LinkRow row) {
        return new Link(new TenantId(row.id().tenantId()), new DiscordUserId(row.id().discordUserId()),
                new DirectoryUserId(row.directoryUserId()), row.linkedAt(), LinkOrigin.valueOf(row.origin()));
    }
}
