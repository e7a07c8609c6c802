package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Objects;

/** Discord account ↔ directory user within one tenant; unique on both sides. */
public record Link(TenantId tenant, DiscordUserId discordUser, DirectoryUserId directoryUser, Instant linkedAt, LinkOrigin origin) {
    public Link {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(discordUser, "discordUser");
        Objects.requireNonNull(directoryUser, "directoryUser");
        Objects.requireNonNull(linkedAt, "linkedAt");
        Objects.requireNonNull(origin, "origin");
    }
}
