package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A member of a server who hasn't verified yet, as the removal of unverified members counts them.
 *
 * @param guild the server
 * @param member the member
 * @param joinedAt when they joined, or when the server turned the removal on if they were there already
 * @param warnedAt when they were warned of their removal, or empty if not yet
 */
public record Arrival(GuildId guild, DiscordUserId member, Instant joinedAt, Optional<Instant> warnedAt) {
    public Arrival {
        Objects.requireNonNull(guild, "guild");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(joinedAt, "joinedAt");
        Objects.requireNonNull(warnedAt, "warnedAt");
    }
}
