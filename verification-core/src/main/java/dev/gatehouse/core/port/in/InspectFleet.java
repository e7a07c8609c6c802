package dev.gatehouse.core.port.in;

import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.port.in.CoordinateShards.FleetView;
import java.util.Map;

/** A read-only look at the fleet sharing the bot token (instances, their heartbeats, shard owners), for status pages and the CLI. */
public interface InspectFleet {

    /** {@return the fleet as the shared store sees it now: live instances, every recorded lease, the shard count} */
    FleetView fleet();

    /** {@return the instance this process speaks as in the fleet (its id in the leases)} */
    InstanceId instance();

    /** {@return how many log channel notices wait for their shard's owner, by shard (shards with none are left out)} */
    Map<Integer, Long> waitingNotices();
}
