package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Discord account ↔ directory user, unique on both sides within a tenant, enforced by the store itself
 * (a unique constraint, not a check-then-insert). Thread-safe.
 */
public interface Links {
    Optional<Link> findByDiscordUser(TenantId tenant, DiscordUserId discordUser);

    Optional<Link> findByDirectoryUser(TenantId tenant, DirectoryUserId directoryUser);

    /** Inserts the link unless either side is taken; never replaces an existing link. */
    LinkInsert insert(Link link);

    /** Removes the Discord user's link in the tenant, returning it, or empty if there was none. */
    Optional<Link> remove(TenantId tenant, DiscordUserId discordUser);

    /** A page of the tenant's links ordered by link time then Discord id. */
    List<Link> list(TenantId tenant, int offset, int limit);

    long count(TenantId tenant);

    /** The outcome of {@link #insert}. */
    sealed interface LinkInsert {
        /** The link was stored. */
        record Inserted(Link link) implements LinkInsert {
        }

        /** The Discord account is already linked in this tenant. */
        record DiscordUserTaken(Link existing) implements LinkInsert {
        }

        /** The directory user is already linked to another Discord account. */
        record DirectoryUserTaken(Link existing) implements LinkInsert {
        }
    }
}
