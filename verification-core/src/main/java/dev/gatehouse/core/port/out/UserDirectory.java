package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.TenantId;
import java.util.Optional;

/** An organisation's people, per tenant. Ids are compared in their normalised form. Thread-safe. */
public interface UserDirectory {
    /**
     * Finds a user by id.
     *
     * @param tenant the tenant
     * @param id the user's id, in any case
     * @return the user, or empty if the tenant's directory has no such id
     */
    Optional<DirectoryUser> find(TenantId tenant, DirectoryUserId id);

    /**
     * Adds the user or updates the one with the same id in place. The tenant must exist.
     *
     * @param user the user
     */
    void save(DirectoryUser user);

    /**
     * Counts the tenant's directory.
     *
     * @param tenant the tenant
     * @return how many users it has
     */
    long count(TenantId tenant);

    /**
     * Removes the user; the user's link is not touched.
     *
     * @param tenant the tenant
     * @param id the user id
     * @return the user removed, or empty if the tenant has no such user
     */
    Optional<DirectoryUser> remove(TenantId tenant, DirectoryUserId id);
}
