package dev.gatehouse.discord;

import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.TenantId;
import java.util.List;

/**
 * Read-only: the servers bound to a tenant, with their settings. The bot reads log channels from it to post
 * notices about verification events. Wire it with the core's store: {@code gatehouse.administration()::serversOf}.
 */
@FunctionalInterface
public interface TenantGuilds {
    List<GuildSettings> ofTenant(TenantId tenant);
}
