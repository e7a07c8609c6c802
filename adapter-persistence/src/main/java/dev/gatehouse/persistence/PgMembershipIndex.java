package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.memory.MemberVersions;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.MembershipIndex;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The verified members of every tenant, in memory (a {@link MemberVersions} per tenant: lookups take no lock and
 * allocate nothing): Discord id → version of the last link change seen. A positive
 * version means linked, a negative one unlinked; a change applies only if its version is newer, so a late
 * notification can't undo a later change. A deleted tenant's links are forgotten up to the version its deletion
 * took (checked again under the table's lock, so none slips in while the deletion is applied, and the gate's lookup
 * needs only the table): older links of that tenant never count again, newer ones (of a tenant created again under the same id) do. Loaded at start, fed after commit by {@link PgLinks} and by
 * {@code NOTIFY gatehouse_links} from every instance (see {@link ChangeListener}). The reload streams the links
 * table through a cursor with plain JDBC (inside a read-only Micronaut transaction): a repository would hold a
 * million rows as entities at once.
 */
@Singleton
@Bean(typed = PgMembershipIndex.class)
final class PgMembershipIndex implements MembershipIndex {
    private final Db db;
    private volatile Map<TenantId, MemberVersions> members = new ConcurrentHashMap<>();
    private final Map<TenantId, Long> forgottenUpTo = new ConcurrentHashMap<>();

    PgMembershipIndex(Db db) {
        this.db = db;
    }

    @Override
    public MemberStatus statusOf(TenantId tenant, DiscordUserId discordUser) {
        MemberVersions ofTenant = members.get(tenant);
        return ofTenant != null && ofTenant.hasPositive(discordUser.value()) ? MemberStatus.VERIFIED : MemberStatus.UNVERIFIED;
    }

    private long forgottenUpTo(TenantId tenant) {
        return forgottenUpTo.getOrDefault(tenant, 0L);
    }

    /** Records a committed link ({@code linked}) or unlink carrying the given version. */
    void apply(TenantId tenant, long discordUser, long version, boolean linked) {
        if (version <= forgottenUpTo(tenant)) {
            return;
        }
        long signed = linked ? version : -version;
        MemberVersions ofTenant = members.computeIfAbsent(tenant, t -> new MemberVersions());
        synchronized (ofTenant) {
            if (version <= forgottenUpTo(tenant)) {
                return;
            }
            long old = ofTenant.get(discordUser);
            if (old == 0 || Math.abs(old) < version) {
                ofTenant.put(discordUser, signed);
            }
        }
    }

    /** Records the deletion of all the tenant's links, which took the given version. */
    void forgetTenant(TenantId tenant, long version) {
        forgottenUpTo.merge(tenant, version, Math::max);
        MemberVersions ofTenant = members.get(tenant);
        if (ofTenant != null) {
            ofTenant.removeIf(v -> Math.abs(v) < version);
        }
    }

    /**
     * Replaces the index with the links table's current content, then drops what a tenant deletion seen meanwhile
     * forgot (the read may predate it).
     */
    void reload() {
        Map<TenantId, MemberVersions> fresh = db.readOnlyTransaction("loading the membership index", PgMembershipIndex::load);
        members = fresh;
        forgottenUpTo.forEach((tenant, version) -> {
            MemberVersions ofTenant = fresh.get(tenant);
            if (ofTenant != null) {
                ofTenant.removeIf(v -> Math.abs(v) < version);
            }
        });
    }

    private static Map<TenantId, MemberVersions> load(Connection c) throws SQLException {
        Map<TenantId, MemberVersions> fresh = new ConcurrentHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT tenant_id, discord_user_id, version FROM links")) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery()) {
                TenantId tenant = null;
                MemberVersions ofTenant = null;
                while (rs.next()) {
                    String tenantId = rs.getString(1);
                    if (tenant == null || !tenant.value().equals(tenantId)) {
                        tenant = new TenantId(tenantId);
                        ofTenant = fresh.computeIfAbsent(tenant, t -> new MemberVersions());
                    }
                    ofTenant.put(rs.getLong(2), rs.getLong(3));
                }
            }
        }
        return fresh;
    }
}
