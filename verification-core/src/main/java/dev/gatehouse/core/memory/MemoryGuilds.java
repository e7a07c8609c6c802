package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.Guilds;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemoryGuilds implements Guilds {
    private final MemoryTransactions tx;
    private final MemoryTenants tenants;
    private final Map<GuildId, GuildSettings> guilds = new HashMap<>();
    /** The same bindings as found by {@link #find}, kept so the gate's lookup allocates nothing. */
    private final Map<GuildId, Optional<GuildSettings>> found = new HashMap<>();

    MemoryGuilds(MemoryTransactions tx, MemoryTenants tenants) {
        this.tx = tx;
        this.tenants = tenants;
    }

    @Override
    public Optional<GuildSettings> find(GuildId guild) {
        Optional<GuildSettings> settings = tx.get(found, guild);
        return settings == null ? Optional.empty() : settings;
    }

    @Override
    public void save(GuildSettings settings) {
        GuildSettings previous = tx.read(() -> {
            tenants.requireExists(settings.tenant());
            return guilds.get(settings.guild());
        });
        tx.write(() -> bind(settings), () -> {
            if (previous == null) {
                unbind(settings.guild());
            } else {
                bind(previous);
            }
        });
    }

    @Override
    public List<GuildSettings> ofTenant(TenantId tenant) {
        return tx.read(() -> guilds.values().stream()
                .filter(g -> g.tenant().equals(tenant))
                .sorted(Comparator.comparingLong(g -> g.guild().value()))
                .toList());
    }

    @Override
    public Optional<GuildSettings> remove(GuildId guild) {
        GuildSettings previous = tx.read(() -> guilds.get(guild));
        if (previous == null) {
            return Optional.empty();
        }
        tx.write(() -> unbind(guild), () -> bind(previous));
        return Optional.of(previous);
    }

    private void bind(GuildSettings settings) {
        guilds.put(settings.guild(), settings);
        found.put(settings.guild(), Optional.of(settings));
    }

    private void unbind(GuildId guild) {
        guilds.remove(guild);
        found.remove(guild);
    }

    boolean anyBoundTo(TenantId tenant) {
        return guilds.values().stream().anyMatch(g -> g.tenant().equals(tenant));
    }
}
