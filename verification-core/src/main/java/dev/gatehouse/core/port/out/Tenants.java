package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import java.util.List;
import java.util.Optional;

/** The tenants and their settings. Thread-safe. */
public interface Tenants {
    Optional<TenantSettings> find(TenantId id);

    /** Creates or replaces the tenant's settings. */
    void save(TenantSettings settings);

    List<TenantSettings> all();
}
