package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Which tenant each Discord server is bound to, and its options. Thread-safe. {@link #find} is on the
 * message path, so implementations answer it from memory (a cache kept current on save).
 */
public interface Guilds {
    /**
     * Finds a server's binding, from memory.
     *
     * @param guild the server
     * @return its binding and options, or empty if it is not bound
     */
    Optional<GuildSettings> find(GuildId guild);

    /**
     * Creates or replaces the server's binding; the tenant must exist.
     *
     * @param settings the server's binding and options
     */
    void save(GuildSettings settings);

    /**
     * Every server bound to the tenant, ordered by guild id.
     *
     * @param tenant the tenant
     * @return its servers' settings
     */
    List<GuildSettings> ofTenant(TenantId tenant);

    /**
     * Ends the server's binding and forgets its options; {@link #find} answers empty afterwards, on every instance.
     *
     * @param guild the server
     * @return the settings it had, or empty if it was not bound
     */
    Optional<GuildSettings> remove(GuildId guild);
}
