package dev.gatehouse.core.port.in;

import dev.gatehouse.core.port.out.MemberUpdates.OutboxDepth;

/** How many role and nickname changes wait for delivery, and for how long the oldest has waited. */
public interface InspectOutbox {

    /**
     * Reads the store.
     *
     * @return how many updates wait and how long the oldest has waited
     * @throws dev.gatehouse.core.port.out.StoreUnavailableException while the store is down
     */
    OutboxDepth depth();
}
