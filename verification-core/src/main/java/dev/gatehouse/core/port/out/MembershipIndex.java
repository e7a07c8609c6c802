package dev.gatehouse.core.port.out;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.TenantId;

/**
 * Answers "is this Discord account verified in this tenant?" for every message in a gated server, so it
 * answers from memory without I/O, and reflects a committed link or unlink within moments, also one made by
 * another instance. Thread-safe.
 */
public interface MembershipIndex {
    MemberStatus statusOf(TenantId tenant, DiscordUserId discordUser);

    /** Whether a Discord account holds a link in a tenant. */
    enum MemberStatus {
        VERIFIED,
        UNVERIFIED
    }
}
