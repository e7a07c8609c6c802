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

    /**
     * Deletes the tenant and everything kept under it: directory users, links, sessions, hand-offs and wrong answers.
     * Audit entries stay. Caches of other instances learn of it as of any other change. Refused with
     * {@link IllegalStateException} while a server is bound to the tenant; empty if there is no such tenant.
     */
    Optional<TenantRemoval> delete(TenantId id);

    /** What a deletion removed. */
    record TenantRemoval(long directoryUsers, long links) {
        public TenantRemoval {
            if (directoryUsers < 0 || links < 0) {
                throw new IllegalArgumentException("counts are not negative");
            }
        }
    }
}
