package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.TenantId;

/**
 * Answers "is this Discord account verified in this tenant?" for every message in a gated server, so it
 * answers from memory without I/O, and reflects a committed link or unlink within moments, also one made by
 * another instance. Thread-safe.
 */
public interface MembershipIndex {
    /**
     * Looks up whether an account is verified, from memory.
     *
     * @param tenant the tenant
     * @param discordUser the Discord account
     * @return its status in the tenant
     */
    MemberStatus statusOf(TenantId tenant, DiscordUserId discordUser);

    /** Whether a Discord account holds a link in a tenant. */
    enum MemberStatus {
        /** The account is linked to a directory user in the tenant. */
        VERIFIED,
        /** The account holds no link in the tenant. */
        UNVERIFIED
    }
}
