package dev.gatehouse.core.port.in;

import dev.gatehouse.core.port.out.MemberUpdates.OutboxDepth;
import java.util.Map;

/** How many role and nickname changes wait for delivery, and for how long the oldest has waited. */
public interface InspectOutbox {

    /**
     * Reads the store.
     *
     * @return how many updates wait and how long the oldest has waited
     * @throws dev.gatehouse.core.port.out.StoreUnavailableException while the store is down
     */
    OutboxDepth depth();

    /**
     * Reads the store.
     *
     * @param shardCount the fleet's shard count
     * @return how many updates wait for each shard's owner (shards with none are left out)
     * @throws dev.gatehouse.core.port.out.StoreUnavailableException while the store is down
     */
    Map<Integer, Long> depthByShard(int shardCount);
}
