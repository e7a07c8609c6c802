package dev.gatehouse.core.event;

import dev.gatehouse.core.model.Link;
import java.time.Instant;
import java.util.Objects;

/**
 * A member's verification reached the end of the tenant's verification lifetime: the link ended, its roles and
 * nickname are queued for removal in every server of the tenant and the member is told how to verify again.
 *
 * @param link the link that lapsed
 * @param at when it was ended
 */
public record VerificationLapsed(Link link, Instant at) implements VerificationEvent {
    public VerificationLapsed {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(at, "at");
    }
}
