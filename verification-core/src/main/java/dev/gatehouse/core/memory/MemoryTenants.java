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
import java.util.Optional;

final class MemoryTenants implements Tenants {
    private final MemoryTransactions tx;
    private final Map<TenantId, TenantSettings> tenants = new HashMap<>();

    MemoryTenants(MemoryTransactions tx) {
        this.tx = tx;
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
        throw new UnsupportedOperationException("tenant deletion lands with the store work of issue 14");
    }

    void requireExists(TenantId id) {
        if (!tenants.containsKey(id)) {
            throw new IllegalArgumentException("no tenant " + id);
        }
    }
}
