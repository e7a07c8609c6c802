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
    /**
     * Finds the link of a Discord account.
     *
     * @param tenant the tenant
     * @param discordUser the Discord account
     * @return its link in the tenant, or empty if it is not linked
     */
    Optional<Link> findByDiscordUser(TenantId tenant, DiscordUserId discordUser);

    /**
     * Finds the link of a directory user.
     *
     * @param tenant the tenant
     * @param directoryUser the user in the tenant's directory
     * @return their link, or empty if they are not linked
     */
    Optional<Link> findByDirectoryUser(TenantId tenant, DirectoryUserId directoryUser);

    /**
     * Inserts the link unless either side is taken; never replaces an existing link.
     *
     * @param link the new link
     * @return whether it was stored, or which side was taken
     */
    LinkInsert insert(Link link);

    /**
     * Removes the Discord user's link in the tenant, returning it, or empty if there was none.
     *
     * @param tenant the tenant
     * @param discordUser the Discord account to unlink
     * @return the link removed
     */
    Optional<Link> remove(TenantId tenant, DiscordUserId discordUser);

    /**
     * A page of the tenant's links ordered by link time then Discord id.
     *
     * @param tenant the tenant
     * @param offset how many links to skip
     * @param limit at most this many links are returned
     * @return one page of links
     */
    List<Link> list(TenantId tenant, int offset, int limit);

    /**
     * Counts the tenant's links.
     *
     * @param tenant the tenant
     * @return how many links it has
     */
    long count(TenantId tenant);

    /** The outcome of {@link #insert}. */
    sealed interface LinkInsert {
        /**
         * The link was stored.
         *
         * @param link the link stored
         */
        record Inserted(Link link) implements LinkInsert {
        }

        /**
         * The Discord account is already linked in this tenant.
         *
         * @param existing the account's current link
         */
        record DiscordUserTaken(Link existing) implements LinkInsert {
        }

        /**
         * The directory user is already linked to another Discord account.
         *
         * @param existing the directory user's current link
         */
        record DirectoryUserTaken(Link existing) implements LinkInsert {
        }
    }
}
