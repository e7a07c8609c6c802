package dev.gatehouse.core;

import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.ShardSettings;
import dev.gatehouse.core.port.in.CoordinateShards;
import dev.gatehouse.core.port.in.InspectFleet;
import dev.gatehouse.core.port.out.ShardLeases;
import dev.gatehouse.core.service.ShardCoordinator;
import java.time.Clock;

/** The in-ports of a fleet of instances sharing one bot token, over the fleet's shared {@link ShardLeases}. */
public final class Fleet {
    private Fleet() {
    }

    /**
     * Shard ownership for the instance {@code self}: call its {@code tick()} every heartbeat.
     *
     * @param leases   the fleet's shared record
     * @param clock    the time source
     * @param settings shard count, heartbeat, lease expiry and identify limits
     * @param self     this instance's id, unique in the fleet
     * @return the instance's coordinator
     */
    public static CoordinateShards coordinator(ShardLeases leases, Clock clock, ShardSettings settings, InstanceId self) {
        return new ShardCoordinator(leases, clock, settings, self);
    }

    /**
     * A read-only view of the fleet, as {@code self} sees it (it never joins the fleet).
     *
     * @param leases   the fleet's shared record
     * @param clock    the time source
     * @param settings shard count and lease expiry (which instances count as live)
     * @param self     the instance the view speaks for (its own shards in metrics)
     * @return the view
     */
    public static InspectFleet inspector(ShardLeases leases, Clock clock, ShardSettings settings, InstanceId self) {
        return new ShardCoordinator(leases, clock, settings, self);
    }
}
