package dev.gatehouse.core.event;

import dev.gatehouse.core.model.GroupName;
import dev.gatehouse.core.model.Link;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A verified member's groups changed in the directory (an import or sync), so the roles mapped to their groups are
 * being granted and removed in every server of the tenant.
 *
 * @param link the member's link
 * @param before the groups the member had; empty for none
 * @param after the groups the member has now; empty for none
 * @param at when
 */
public record RolesChanged(Link link, Set<GroupName> before, Set<GroupName> after, Instant at) implements VerificationEvent {
    public RolesChanged {
        Objects.requireNonNull(link, "link");
        before = Set.copyOf(before);
        after = Set.copyOf(after);
        Objects.requireNonNull(at, "at");
    }
}
