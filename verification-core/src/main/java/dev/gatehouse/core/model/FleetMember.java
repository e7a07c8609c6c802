package dev.gatehouse.core.model;

import java.time.Instant;
import java.util.Objects;

/** An instance of the fleet and its last heartbeat. */
public record FleetMember(InstanceId instance, Instant lastHeartbeat) {
    public FleetMember {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
    }
}
