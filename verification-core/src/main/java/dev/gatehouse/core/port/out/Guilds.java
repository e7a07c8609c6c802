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
    Optional<GuildSettings> find(GuildId guild);

    /** Creates or replaces the server's binding; the tenant must exist. */
    void save(GuildSettings settings);

    /** Every server bound to the tenant, ordered by guild id. */
    List<GuildSettings> ofTenant(TenantId tenant);

    /** Ends the server's binding and forgets its options; {@link #find} answers empty afterwards, on every instance. */
    Optional<GuildSettings> remove(GuildId guild);
}
