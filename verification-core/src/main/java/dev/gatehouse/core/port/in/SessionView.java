package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import java.time.Instant;
import java.util.Objects;

/** What a link page shows about a session: which Discord account, which person, which organisation and server. */
public record SessionView(DiscordAccount requester, DirectoryUserId userId, String realName, String tenantName,
                          String guildName, Instant expiresAt) {
    public SessionView {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(realName, "realName");
        Objects.requireNonNull(tenantName, "tenantName");
        Objects.requireNonNull(guildName, "guildName");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
