package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.port.out.Tenants;
import dev.gatehouse.core.port.out.Tenants.TenantRemoval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class MemoryTenants implements Tenants {
    private final MemoryTransactions tx;
    private final Map<TenantId, TenantSettings> tenants = new HashMap<>();
    private TenantData data;

    /** The stores holding what a tenant keeps; they need this store to check tenants exist, so they come after it. */
    record TenantData(MemoryGuilds guilds, MemoryDirectory directory, MemoryLinks links, MemorySessions sessions,
            MemoryHandoffRequests handoffs, MemoryWrongAnswers wrongAnswers) {
        TenantData {
            Objects.requireNonNull(guilds, "guilds");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(links, "links");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(handoffs, "handoffs");
            Objects.requireNonNull(wrongAnswers, "wrongAnswers");
        }
    }

    MemoryTenants(MemoryTransactions tx) {
        this.tx = tx;
    }

    /** Names the stores that {@link #delete} empties of the tenant; called once, while wiring. */
    void keepsDataIn(TenantData data) {
        if (this.data != null) {
            throw new IllegalStateException("the tenant data stores are wired already");
        }
        this.data = Objects.requireNonNull(data, "data");
    }

    @Override
    public Optional<TenantSettings> find(TenantId id) {
        return tx.read(() -> Optional.ofNullable(tenants.get(id)));
    }

    @Override
    public void save(TenantSettings settings) {
        TenantSettings previous = tx.read(() -> tenants.get(settings.id()));
        tx.write(() -> tenants.put(settings.id(), settings), () -> restore(settings.id(), previous));
    }

    private void restore(TenantId id, TenantSettings previous) {
        if (previous == null) {
            tenants.remove(id);
        } else {
            tenants.put(id, previous);
        }
    }

    @Override
    public List<TenantSettings> all() {
        return tx.read(() -> {
            List<TenantSettings> all = new ArrayList<>(tenants.values());
            all.sort(Comparator.comparing(t -> t.id().value()));
            return List.copyOf(all);
        });
    }

    @Override
    public Optional<TenantRemoval> delete(TenantId id) {
        return tx.read(() -> {
            TenantSettings existing = tenants.get(id);
            if (existing == null) {
                return Optional.empty();
            }
            if (data.guilds().anyBoundTo(id)) {
                throw new IllegalStateException("servers are still bound to tenant " + id);
            }
            long users = data.directory().removeAllOf(id);
            long links = data.links().removeAllOf(id);
            data.sessions().removeAllOf(id);
            data.handoffs().removeAllOf(id);
            data.wrongAnswers().clear(id);
            tx.write(() -> tenants.remove(id), () -> tenants.put(id, existing));
            return Optional.of(new TenantRemoval(users, links));
        });
    }

    void requireExists(TenantId id) {
        if (!tenants.containsKey(id)) {
            throw new IllegalArgumentException("no tenant " + id);
        }
    }
}
