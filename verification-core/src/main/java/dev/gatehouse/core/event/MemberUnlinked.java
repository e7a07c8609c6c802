package dev.gatehouse.core.event;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.Link;
import java.time.Instant;
import java.util.Objects;

/** A link was removed: by an admin, by the member ({@code /unverify}), or because a relink moved it. */
public record MemberUnlinked(Link link, DiscordUserId actor, Instant at) implements VerificationEvent {
    public MemberUnlinked {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }
}
