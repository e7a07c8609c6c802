package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.port.out.AuditLog;
import java.util.ArrayList;
import java.util.List;

final class MemoryAuditLog implements AuditLog {
    private static final int MAX_ENTRIES = 100_000;

    private final MemoryTransactions tx;
    private final List<AuditEntry> entries = new ArrayList<>();

    MemoryAuditLog(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void record(AuditEntry entry) {
        tx.write(() -> {
            entries.add(entry);
            if (entries.size() > MAX_ENTRIES) {
                entries.remove(0);
            }
        }, () -> entries.remove(entry));
    }

    @Override
    public List<AuditEntry> recent(TenantId tenant, int limit) {
        return tx.read(() -> {
            List<AuditEntry> newestFirst = new ArrayList<>();
            for (int i = entries.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
                if (entries.get(i).tenant().equals(tenant)) {
                    newestFirst.add(entries.get(i));
                }
            }
            return List.copyOf(newestFirst);
        });
    }

    /** The tenant's entries that match, oldest first. */
    List<AuditEntry> matching(TenantId tenant, java.util.function.Predicate<AuditEntry> which) {
        return tx.read(() -> entries.stream().filter(e -> e.tenant().equals(tenant) && which.test(e)).toList());
    }

    /** Replaces the tenant's entries that match by what {@code rewrite} makes of them, in place (undone with the transaction). */
    long rewriteMatching(TenantId tenant, java.util.function.Predicate<AuditEntry> which,
                         java.util.function.UnaryOperator<AuditEntry> rewrite) {
        return tx.read(() -> {
            long rewritten = 0;
            for (int i = 0; i < entries.size(); i++) {
                AuditEntry entry = entries.get(i);
                if (entry.tenant().equals(tenant) && which.test(entry)) {
                    int at = i;
                    AuditEntry replaced = rewrite.apply(entry);
                    tx.write(() -> entries.set(at, replaced), () -> entries.set(at, entry));
                    rewritten++;
                }
            }
            return rewritten;
        });
    }
}
