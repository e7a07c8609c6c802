package dev.gatehouse.core.event;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import java.time.Instant;
import java.util.Objects;

/**
 * A link was removed: by an admin, by the member ({@code /unverify}), or because a relink moved it.
 *
 * @param link the link removed
 * @param actor who removed it: an admin, or the member themself
 * @param at when
 */
public record MemberUnlinked(Link link, DiscordUserId actor, Instant at) implements VerificationEvent {
    public MemberUnlinked {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }
}
