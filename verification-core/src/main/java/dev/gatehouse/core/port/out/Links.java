package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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

    /**
     * Marks up to {@code limit} of the tenant's links made before {@code linkedBefore} and not yet reminded as
     * reminded at {@code now}, returning them; a link is returned once, however many instances call at once.
     *
     * @param tenant the tenant
     * @param linkedBefore links made (or renewed) before this are due for their reminder
     * @param now when the reminder goes out
     * @param limit at most this many links are marked, at least 1
     * @return the links marked, with what the store knows of each member
     */
    List<DueLink> claimReminders(TenantId tenant, Instant linkedBefore, Instant now, int limit);

    /**
     * Removes up to {@code limit} of the tenant's links made before {@code linkedBefore}, returning them; a link is
     * returned once, however many instances call at once.
     *
     * @param tenant the tenant
     * @param linkedBefore links made (or renewed) before this have lapsed
     * @param limit at most this many links are removed, at least 1
     * @return the links removed, with what the store knows of each member
     */
    List<DueLink> removeLapsed(TenantId tenant, Instant linkedBefore, int limit);

    /**
     * Renews the Discord user's link to the directory user: its time becomes {@code now} and its reminder is
     * forgotten, so the verification holds for another lifetime; a known language replaces the link's, an unknown one
     * keeps it.
     *
     * @param tenant the tenant
     * @param discordUser the Discord account
     * @param directoryUser the directory user it must be linked to
     * @param now the new link time
     * @param language the member's language as they verified again, empty if unknown
     * @return the renewed link, or empty if the account holds no link to that directory user
     */
    Optional<Link> renew(TenantId tenant, DiscordUserId discordUser, DirectoryUserId directoryUser, Instant now,
                         Optional<Locale> language);

    /**
     * A link due for a reminder or lapsed, with the member's language: the one kept with the link (requests, which
     * also know it, may have been purged long before a link lapses).
     *
     * @param link the link
     * @param language the member's language, empty if unknown
     */
    record DueLink(Link link, Optional<Locale> language) {
        public DueLink {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(language, "language");
        }
    }

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
