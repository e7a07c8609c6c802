package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TenantSettings;
import java.util.List;
import java.util.Optional;

/** The tenants and their settings. Thread-safe. */
public interface Tenants {
    /**
     * Finds a tenant.
     *
     * @param id the tenant
     * @return its settings, or empty if there is no such tenant
     */
    Optional<TenantSettings> find(TenantId id);

    /**
     * Creates or replaces the tenant's settings.
     *
     * @param settings the tenant's new settings
     */
    void save(TenantSettings settings);

    /**
     * Lists every tenant.
     *
     * @return all tenants' settings
     */
    List<TenantSettings> all();

    /**
     * Deletes the tenant and everything kept under it: directory users, links, sessions, hand-offs and wrong answers.
     * Audit entries stay. Caches of other instances learn of it as of any other change. Refused with
     * {@link IllegalStateException} while a server is bound to the tenant; empty if there is no such tenant.
     *
     * @param id the tenant
     * @return what was removed
     */
    Optional<TenantRemoval> delete(TenantId id);

    /**
     * What a deletion removed.
     *
     * @param directoryUsers how many directory users were deleted
     * @param links how many links were deleted
     */
    record TenantRemoval(long directoryUsers, long links) {
        public TenantRemoval {
            if (directoryUsers < 0 || links < 0) {
                throw new IllegalArgumentException("counts are not negative");
            }
        }
    }
}
