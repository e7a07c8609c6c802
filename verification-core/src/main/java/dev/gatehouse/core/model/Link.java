package dev.gatehouse.core.model;

import dev.gatehouse.core.text.Languages;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Discord account ↔ directory user within one tenant; unique on both sides. The member's language is kept with the
 * link, not only with their requests, because requests are purged after the tenant's retention while the link (and
 * the reminder and lapse messages it leads to) can last a year or more.
 *
 * @param tenant the tenant the link belongs to
 * @param discordUser the Discord account
 * @param directoryUser the directory user it is linked to
 * @param linkedAt when the link was made
 * @param origin how it was made
 * @param language the member's language when they verified, one of {@link Languages#SUPPORTED}; empty if unknown
 *                 (links made by an administrator or imported)
 */
public record Link(TenantId tenant, DiscordUserId discordUser, DirectoryUserId directoryUser, Instant linkedAt, LinkOrigin origin,
                   Optional<Locale> language) {
    public Link {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(discordUser, "discordUser");
        Objects.requireNonNull(directoryUser, "directoryUser");
        Objects.requireNonNull(linkedAt, "linkedAt");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(language, "language");
        language.ifPresent(l -> {
            if (!Languages.SUPPORTED.contains(l)) {
                throw new IllegalArgumentException("unsupported language " + l.toLanguageTag() + "; supported are " + Languages.tags());
            }
        });
    }

    /**
     * A link whose member's language isn't known.
     *
     * @param tenant the tenant the link belongs to
     * @param discordUser the Discord account
     * @param directoryUser the directory user it is linked to
     * @param linkedAt when the link was made
     * @param origin how it was made
     */
    public Link(TenantId tenant, DiscordUserId discordUser, DirectoryUserId directoryUser, Instant linkedAt, LinkOrigin origin) {
        this(tenant, discordUser, directoryUser, linkedAt, origin, Optional.empty());
    }
}
