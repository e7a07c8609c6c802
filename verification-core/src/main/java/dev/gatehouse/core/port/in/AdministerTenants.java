package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantChange;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import java.util.List;
import java.util.Objects;

/**
 * What the operator does with tenants: create one, change its settings, list and describe them, page through
 * their links, delete one. Every change is audited ({@code tenant.created}, {@code tenant.changed},
 * {@code tenant.deleted}). Refusals change nothing.
 */
public interface AdministerTenants {

    /**
     * Creates a tenant with the default rules, changed by the command's changes.
     *
     * @param command the id, the display name and the changes
     * @return how it ended
     */
    CreateResult create(CreateTenant command);

    /**
     * Changes a tenant's rules, all or none.
     *
     * @param command the tenant and its changes
     * @return how it ended
     */
    ChangeResult change(ChangeTenant command);

    /** {@return every tenant, or why they can't be listed} */
    ListResult list();

    /**
     * One tenant with its servers and counts.
     *
     * @param tenant the tenant
     * @return the overview, or why there is none
     */
    DescribeResult describe(TenantId tenant);

    /**
     * Deletes the tenant with its directory, links, sessions, hand-offs and wrong answers; its servers must be unbound first.
     *
     * @param tenant the tenant
     * @return what was deleted, or why nothing was
     */
    DeleteResult delete(TenantId tenant);

    /**
     * Links in a stable order, for export.
     *
     * @param query the tenant and page
     * @return one page of links, or why there is none
     */
    LinksResult links(LinksQuery query);

    /**
     * A tenant with default settings, then {@code changes} applied in order.
     *
     * @param tenant the new tenant's id
     * @param displayName the name shown to members
     * @param changes settings to change from the defaults, in order
     */
    record CreateTenant(TenantId tenant, String displayName, List<TenantChange> changes) {
        public CreateTenant {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(displayName, "displayName");
            changes = List.copyOf(changes);
        }
    }

    /**
     * Changes applied in order, all or nothing.
     *
     * @param tenant the tenant
     * @param changes the changes, in order
     */
    record ChangeTenant(TenantId tenant, List<TenantChange> changes) {
        public ChangeTenant {
            Objects.requireNonNull(tenant, "tenant");
            changes = List.copyOf(changes);
        }
    }

    /** How creating a tenant ended. */
    sealed interface CreateResult permits TenantCreated, TenantExists, ChangeRefused, ServiceUnavailable {
    }

    /** How changing a tenant ended. */
    sealed interface ChangeResult permits TenantChanged, TenantNotFound, ChangeRefused, ServiceUnavailable {
    }

    /** The operator's tenants, or why they can't be listed. */
    sealed interface ListResult permits TenantList, ServiceUnavailable {
    }

    /** One tenant in detail, or why there is none. */
    sealed interface DescribeResult permits TenantOverview, TenantNotFound, ServiceUnavailable {
    }

    /** How deleting a tenant ended. */
    sealed interface DeleteResult permits TenantDeleted, TenantStillBound, TenantNotFound, ServiceUnavailable {
    }

    /** A page of a tenant's links, or why there is none. */
    sealed interface LinksResult permits LinkPage, TenantNotFound, ServiceUnavailable {
    }

    /**
     * The tenant was created with {@code settings}.
     *
     * @param settings the new tenant's settings
     */
    record TenantCreated(TenantSettings settings) implements CreateResult {
        public TenantCreated {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * A tenant with that id exists already; change it instead.
     *
     * @param existing the existing tenant's settings
     */
    record TenantExists(TenantSettings existing) implements CreateResult {
        public TenantExists {
            Objects.requireNonNull(existing, "existing");
        }
    }

    /**
     * The settings refused a value (e.g. a link lifetime over 24 hours); {@code reason} says which, in English for operators.
     *
     * @param reason which value was refused, and why
     */
    record ChangeRefused(String reason) implements CreateResult, ChangeResult {
        public ChangeRefused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The tenant's settings changed from {@code before} to {@code after}.
     *
     * @param before the settings before
     * @param after the settings now
     */
    record TenantChanged(TenantSettings before, TenantSettings after) implements ChangeResult {
        public TenantChanged {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }

    /**
     * No tenant has that id.
     *
     * @param tenant the id asked for
     */
    record TenantNotFound(TenantId tenant) implements ChangeResult, DescribeResult, DeleteResult, LinksResult {
        public TenantNotFound {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /**
     * Every tenant, ordered by id.
     *
     * @param tenants every tenant's settings
     */
    record TenantList(List<TenantSettings> tenants) implements ListResult {
        public TenantList {
            tenants = List.copyOf(tenants);
        }
    }

    /**
     * A tenant's settings, directory size, linked members and servers (ordered by guild id).
     *
     * @param settings the tenant's settings
     * @param directoryUsers how many users its directory holds
     * @param linkedMembers how many members it has linked
     * @param servers the servers bound to it
     */
    record TenantOverview(TenantSettings settings, long directoryUsers, long linkedMembers, List<GuildSettings> servers)
            implements DescribeResult {
        public TenantOverview {
            Objects.requireNonNull(settings, "settings");
            servers = List.copyOf(servers);
        }
    }

    /**
     * The tenant is gone, with its {@code directoryUsers} directory users and {@code links} links.
     *
     * @param tenant the deleted tenant
     * @param directoryUsers how many directory users went with it
     * @param links how many links went with it
     */
    record TenantDeleted(TenantId tenant, long directoryUsers, long links) implements DeleteResult {
        public TenantDeleted {
            Objects.requireNonNull(tenant, "tenant");
        }
    }

    /**
     * Servers are still bound to the tenant; unbind them (or bind them elsewhere) first.
     *
     * @param servers the servers still bound
     */
    record TenantStillBound(List<GuildId> servers) implements DeleteResult {
        public TenantStillBound {
            servers = List.copyOf(servers);
            if (servers.isEmpty()) {
                throw new IllegalArgumentException("a tenant still bound names its servers");
            }
        }
    }

    /**
     * {@code limit} links from {@code offset}, in the store's stable order.
     *
     * @param tenant the tenant
     * @param offset how many links to skip
     * @param limit at most this many links
     */
    record LinksQuery(TenantId tenant, int offset, int limit) {
        public LinksQuery {
            Objects.requireNonNull(tenant, "tenant");
            if (offset < 0) {
                throw new IllegalArgumentException("offset starts at 0");
            }
            if (limit < 1 || limit > 10_000) {
                throw new IllegalArgumentException("a page holds 1 to 10000 links");
            }
        }
    }

    /**
     * One page of a tenant's links, ordered by Discord user.
     *
     * @param links the page's links
     */
    record LinkPage(List<Link> links) implements LinksResult {
        public LinkPage {
            links = List.copyOf(links);
        }
    }
}
