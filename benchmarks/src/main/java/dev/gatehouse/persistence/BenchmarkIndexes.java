package dev.gatehouse.persistence;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.MembershipIndex;

/** The PostgreSQL adapter's membership index, filled without a database, for the gate's benchmarks. */
public final class BenchmarkIndexes {
    private BenchmarkIndexes() {
    }

    /** An index holding these Discord users as linked in the tenant, as the start-up load and the notifications do. */
    public static MembershipIndex linked(TenantId tenant, long[] discordUsers) {
        PgMembershipIndex index = new PgMembershipIndex(null);
        for (int i = 0; i < discordUsers.length; i++) {
            index.apply(tenant, discordUsers[i], i + 1L, true);
        }
        return index;
    }
}
