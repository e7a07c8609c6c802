package dev.gatehouse.core.memory;

import dev.gatehouse.core.port.out.Stores;

/** Thread-safe in-memory implementations of every store port, sharing one transaction lock. Nothing survives a restart. */
public final class InMemoryStores {
    private InMemoryStores() {
    }

    /**
     * Fresh, empty stores.
     *
     * @return every store port, in memory
     */
    public static Stores create() {
        MemoryTransactions tx = new MemoryTransactions();
        MemoryTenants tenants = new MemoryTenants(tx);
        MemoryGuilds guilds = new MemoryGuilds(tx, tenants);
        MemoryDirectory directory = new MemoryDirectory(tx, tenants);
        MemorySessions sessions = new MemorySessions(tx);
        MemoryLinks links = new MemoryLinks(tx);
        MemoryHandoffRequests handoffs = new MemoryHandoffRequests(tx);
        MemoryWrongAnswers wrongAnswers = new MemoryWrongAnswers(tx);
        tenants.keepsDataIn(new MemoryTenants.TenantData(guilds, directory, links, sessions, handoffs, wrongAnswers));
        MemoryRateLimits rateLimits = new MemoryRateLimits(tx);
        MemoryMemberUpdates memberUpdates = new MemoryMemberUpdates(tx);
        MemoryAuditLog audit = new MemoryAuditLog(tx);
        return new Stores(tx, tenants, guilds, directory, links, links, sessions, rateLimits, memberUpdates, audit, handoffs,
                wrongAnswers, new MemoryDirectoryImports(directory, links), new MemorySignInRequests(tx),
                new MemoryPersonalData(tx, guilds, sessions, handoffs, wrongAnswers, memberUpdates, rateLimits, audit),
                new MemoryArrivals(tx));
    }
}
