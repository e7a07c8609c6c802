package dev.gatehouse.core.event;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.model.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person left the tenant's directory (a sync without them, or a removal by hand); the link they held, if any,
 * ended with them and their roles are queued for removal in every server of the tenant.
 *
 * @param tenant the tenant whose directory they left
 * @param user the directory user removed
 * @param link the link that ended with them; empty if they had none
 * @param actor who removed them, readable by an admin: {@code directory sync}, {@code the operator} or
 *              {@code admin <Discord id>}
 * @param at when
 */
public record MemberRemoved(TenantId tenant, DirectoryUserId user, Optional<Link> link, String actor, Instant at)
        implements VerificationEvent {
    public MemberRemoved {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }
}
