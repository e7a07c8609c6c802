package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a link page shows about a session: which Discord account, which person, which organisation and server, the
 * requester's language if known, the tenant's time zone, and when the view was made (for the time left).
 *
 * @param requester the Discord account that asked
 * @param userId the directory user asked for
 * @param realName their real name
 * @param tenantName the organisation's name
 * @param guildName the server's name
 * @param expiresAt when the link stops working
 * @param language the requester's language, if known
 * @param timeZone the tenant's zone, for showing times
 * @param viewedAt when the view was made
 */
public record SessionView(DiscordAccount requester, DirectoryUserId userId, String realName, String tenantName,
                          String guildName, Instant expiresAt, Optional<Locale> language, ZoneId timeZone, Instant viewedAt) {
    public SessionView {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(viewedAt, "viewedAt");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(realName, "realName");
        Objects.requireNonNull(tenantName, "tenantName");
        Objects.requireNonNull(guildName, "guildName");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * A view with no known language, times in UTC.
     *
     * @param requester the Discord account that asked
     * @param userId the directory user asked for
     * @param realName their real name
     * @param tenantName the organisation's name
     * @param guildName the server's name
     * @param expiresAt when the link stops working
     */
    public SessionView(DiscordAccount requester, DirectoryUserId userId, String realName, String tenantName, String guildName,
                       Instant expiresAt) {
        this(requester, userId, realName, tenantName, guildName, expiresAt, Optional.empty(), ZoneOffset.UTC, expiresAt);
    }

    /**
     * How long the link still works when this view was made (zero once expired).
     *
     * @return the time left, never negative
     */
    public java.time.Duration remaining() {
        return viewedAt.isBefore(expiresAt) ? java.time.Duration.between(viewedAt, expiresAt) : java.time.Duration.ZERO;
    }
}
