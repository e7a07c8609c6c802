package dev.gatehouse.core.port.in;

import dev.gatehouse.core.port.in.CoordinateShards.FleetView;

/** A read-only look at the fleet sharing the bot token (instances, their heartbeats, shard owners), for status pages and the CLI. */
public interface InspectFleet {

    /** The fleet as the shared store sees it now: live instances, every recorded lease, the shard count. */
    FleetView fleet();
}
