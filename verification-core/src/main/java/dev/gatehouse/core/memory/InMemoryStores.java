package dev.gatehouse.core.memory;

import dev.gatehouse.core.port.out.Stores;

/** Thread-safe in-memory implementations of every store port, sharing one transaction lock. Nothing survives a restart. */
public final class InMemoryStores {
    private InMemoryStores() {
    }

    public static Stores create() {
        MemoryTransactions tx = new MemoryTransactions();
        MemoryTenants tenants = new MemoryTenants(tx);
        MemoryLinks links = new MemoryLinks(tx);
        MemoryDirectory directory = new MemoryDirectory(tx, tenants);
        return new Stores(tx, tenants, new MemoryGuilds(tx, tenants), directory, links, links,
                new MemorySessions(tx), new MemoryRateLimits(tx), new MemoryMemberUpdates(tx), new MemoryAuditLog(tx),
                new MemoryHandoffRequests(tx), new MemoryWrongAnswers(tx), new MemoryDirectoryImports(directory, links));
    }
}
