package dev.gatehouse.core.event;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.Link;
import java.time.Instant;
import java.util.Objects;

/**
 * A Discord account was linked to a directory user (by email confirmation or by an admin).
 *
 * @param link the new link
 * @param guild the server the member verified from
 * @param at when
 */
public record MemberVerified(Link link, GuildId guild, Instant at) implements VerificationEvent {
    public MemberVerified {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(guild, "guild");
        Objects.requireNonNull(at, "at");
    }
}
