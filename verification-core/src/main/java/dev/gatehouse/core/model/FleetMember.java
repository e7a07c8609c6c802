package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An instance of the fleet and its last heartbeat.
 *
 * @param instance the instance
 * @param lastHeartbeat when it last said it was alive; a member silent for the lease expiry counts as gone
 */
public record FleetMember(InstanceId instance, Instant lastHeartbeat) {
    public FleetMember {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
    }
}
