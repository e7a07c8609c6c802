package dev.gatehouse.core.service;

import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.TenantChange;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.in.AdministerTenants;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.StoreUnavailableException;
import dev.gatehouse.core.port.out.Stores;
import dev.gatehouse.core.port.out.Tenants.TenantRemoval;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Creating, changing, describing and deleting tenants, each change audited in the tenant's log. */
public final class TenantAdministration implements AdministerTenants {
    private static final System.Logger LOG = System.getLogger(TenantAdministration.class.getName());

    private final Stores stores;
    private final Clock clock;

    public TenantAdministration(Stores stores, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CreateResult create(CreateTenant command) {
        return guarded("create", () -> {
            Optional<TenantSettings> existing = stores.tenants().find(command.tenant());
            if (existing.isPresent()) {
                return new TenantExists(existing.get());
            }
            TenantSettings settings;
            try {
                settings = applied(TenantSettings.defaults(command.tenant(), command.displayName()), command.changes());
            } catch (IllegalArgumentException e) {
                return new ChangeRefused(e.getMessage());
            }
            return stores.transactions().inTransaction(() -> {
                if (stores.tenants().find(command.tenant()).isPresent()) {
                    return new TenantExists(stores.tenants().find(command.tenant()).get());
                }
                stores.tenants().save(settings);
                audit(settings.id(), "tenant.created", "tenant \"" + settings.displayName() + "\" created"
                        + describe(command.changes()));
                return new TenantCreated(settings);
            });
        });
    }

    @Override
    public ChangeResult change(ChangeTenant command) {
        return guarded("change", () -> stores.transactions().inTransaction(() -> {
            Optional<TenantSettings> current = stores.tenants().find(command.tenant());
            if (current.isEmpty()) {
                return new TenantNotFound(command.tenant());
            }
            TenantSettings updated;
            try {
                updated = applied(current.get(), command.changes());
            } catch (IllegalArgumentException e) {
                return new ChangeRefused(e.getMessage());
            }
            if (!updated.equals(current.get())) {
                stores.tenants().save(updated);
                audit(updated.id(), "tenant.changed", "settings changed:" + describe(command.changes()));
            }
            return new TenantChanged(current.get(), updated);
        }));
    }

    @Override
    public ListResult list() {
        return guarded("list", () -> new TenantList(stores.tenants().all()));
    }

    @Override
    public DescribeResult describe(TenantId tenant) {
        return guarded("describe", () -> {
            Optional<TenantSettings> settings = stores.tenants().find(tenant);
            if (settings.isEmpty()) {
                return new TenantNotFound(tenant);
            }
            List<GuildSettings> servers = stores.guilds().ofTenant(tenant);
            return new TenantOverview(settings.get(), stores.directory().count(tenant), stores.links().count(tenant), servers);
        });
    }

    @Override
    public DeleteResult delete(TenantId tenant) {
        return guarded("delete", () -> stores.transactions().inTransaction(() -> {
            if (stores.tenants().find(tenant).isEmpty()) {
                return new TenantNotFound(tenant);
            }
            List<GuildSettings> servers = stores.guilds().ofTenant(tenant);
            if (!servers.isEmpty()) {
                return new TenantStillBound(servers.stream().map(GuildSettings::guild).toList());
            }
            stores.signIns().deleteOfTenant(tenant);
            Optional<TenantRemoval> removed = stores.tenants().delete(tenant);
            if (removed.isEmpty()) {
                return new TenantNotFound(tenant);
            }
            audit(tenant, "tenant.deleted", "tenant deleted with " + removed.get().directoryUsers() + " directory users and "
                    + removed.get().links() + " links");
            return new TenantDeleted(tenant, removed.get().directoryUsers(), removed.get().links());
        }));
    }

    @Override
    public LinksResult links(LinksQuery query) {
        return guarded("links", () -> {
            if (stores.tenants().find(query.tenant()).isEmpty()) {
                return new TenantNotFound(query.tenant());
            }
            return new LinkPage(stores.links().list(query.tenant(), query.offset(), query.limit()));
        });
    }

    private static TenantSettings applied(TenantSettings start, List<TenantChange> changes) {
        TenantSettings settings = start;
        for (TenantChange change : changes) {
            settings = change.applyTo(settings);
        }
        return settings;
    }

    /** The changes for the audit line; records print their values, and a hand-off secret prints as redacted. */
    private static String describe(List<TenantChange> changes) {
        return changes.isEmpty() ? "" : " " + changes.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    private void audit(TenantId tenant, String action, String detail) {
        stores.audit().record(new AuditEntry(tenant, action, detail, clock.instant()));
    }

    @SuppressWarnings("unchecked")
    private <R> R guarded(String act, Supplier<? extends R> work) {
        try {
            return work.get();
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "tenant " + act + " failed: store unavailable: " + e.getMessage());
            return (R) new ServiceUnavailable();
        }
    }
}
