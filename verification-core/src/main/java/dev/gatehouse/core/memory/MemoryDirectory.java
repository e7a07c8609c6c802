package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.UserDirectory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemoryDirectory implements UserDirectory {
    private final MemoryTransactions tx;
    private final MemoryTenants tenants;
    private final Map<Key, DirectoryUser> users = new HashMap<>();

    MemoryDirectory(MemoryTransactions tx, MemoryTenants tenants) {
        this.tx = tx;
        this.tenants = tenants;
    }

    private record Key(TenantId tenant, DirectoryUserId id) {
    }

    @Override
    public Optional<DirectoryUser> find(TenantId tenant, DirectoryUserId id) {
        return tx.read(() -> Optional.ofNullable(users.get(new Key(tenant, id))));
    }

    @Override
    public void save(DirectoryUser user) {
        Key key = new Key(user.tenant(), user.id());
        DirectoryUser previous = tx.read(() -> {
            tenants.requireExists(user.tenant());
            return users.get(key);
        });
        tx.write(() -> users.put(key, user), () -> {
            if (previous == null) {
                users.remove(key);
            } else {
                users.put(key, previous);
            }
        });
    }

    @Override
    public long count(TenantId tenant) {
        return tx.read(() -> users.keySet().stream().filter(k -> k.tenant().equals(tenant)).count());
    }

    @Override
    public Optional<DirectoryUser> remove(TenantId tenant, DirectoryUserId id) {
        Key key = new Key(tenant, id);
        return tx.read(() -> {
            DirectoryUser previous = users.get(key);
            if (previous != null) {
                tx.write(() -> users.remove(key), () -> users.put(key, previous));
            }
            return Optional.ofNullable(previous);
        });
    }

    /** The ids of the tenant's users, in no particular order. */
    List<DirectoryUserId> idsOf(TenantId tenant) {
        return tx.read(() -> users.keySet().stream().filter(k -> k.tenant().equals(tenant)).map(Key::id).toList());
    }

    /** Forgets every user of the tenant (undone with the transaction); returns how many there were. */
    long removeAllOf(TenantId tenant) {
        return tx.read(() -> {
            Map<Key, DirectoryUser> removed = new HashMap<>();
            users.forEach((key, user) -> {
                if (key.tenant().equals(tenant)) {
                    removed.put(key, user);
                }
            });
            tx.write(() -> users.keySet().removeAll(removed.keySet()), () -> users.putAll(removed));
            return (long) removed.size();
        });
    }
}
