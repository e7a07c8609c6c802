package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Discord account ↔ directory user within one tenant; unique on both sides.
 *
 * @param tenant the tenant the link belongs to
 * @param discordUser the Discord account
 * @param directoryUser the directory user it is linked to
 * @param linkedAt when the link was made
 * @param origin how it was made
 */
public record Link(TenantId tenant, DiscordUserId discordUser, DirectoryUserId directoryUser, Instant linkedAt, LinkOrigin origin) {
    public Link {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(discordUser, "discordUser");
        Objects.requireNonNull(directoryUser, "directoryUser");
        Objects.requireNonNull(linkedAt, "linkedAt");
        Objects.requireNonNull(origin, "origin");
    }
}
