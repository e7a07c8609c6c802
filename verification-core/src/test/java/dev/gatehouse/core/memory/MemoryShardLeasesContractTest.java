package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.ShardLeasesContract;
import dev.gatehouse.core.port.out.ShardLeases;

/** The in-memory shard leases against the contract. */
class MemoryShardLeasesContractTest extends ShardLeasesContract {
    @Override
    protected ShardLeases newLeases() {
        return new MemoryShardLeases();
    }
}
