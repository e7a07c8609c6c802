package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.port.out.HandoffRequests;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemoryHandoffRequests implements HandoffRequests {
    private final MemoryTransactions tx;
    private final Map<TokenHash, HandoffRequest> byJti = new HashMap<>();

    MemoryHandoffRequests(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public int startReplacingPending(HandoffRequest request) {
        if (request.state() != SessionState.PENDING) {
            throw new IllegalArgumentException("a new hand-off must be PENDING");
        }
        return tx.read(() -> {
            if (byJti.containsKey(request.jtiHash())) {
                throw new IllegalStateException("jti already in use");
            }
            List<HandoffRequest> replaced = byJti.values().stream()
                    .filter(r -> r.state() == SessionState.PENDING
                            && r.tenant().equals(request.tenant())
                            && r.requester().id().equals(request.requester().id()))
                    .toList();
            replaced.forEach(old -> replace(old, old.withState(SessionState.SUPERSEDED)));
            tx.write(() -> byJti.put(request.jtiHash(), request), () -> byJti.remove(request.jtiHash()));
            return replaced.size();
        });
    }

    private void replace(HandoffRequest old, HandoffRequest updated) {
        tx.write(() -> byJti.put(old.jtiHash(), updated), () -> byJti.put(old.jtiHash(), old));
    }

    @Override
    public Optional<HandoffRequest> find(TokenHash jtiHash) {
        return tx.read(() -> Optional.ofNullable(byJti.get(jtiHash)));
    }

    @Override
    public Use use(TokenHash jtiHash, Instant now) {
        return tx.read(() -> {
            HandoffRequest current = byJti.get(jtiHash);
            if (current == null || !current.isOpenAt(now)) {
                return new Use.NotUsed(Optional.ofNullable(current));
            }
            HandoffRequest used = current.withState(SessionState.CONFIRMED);
            replace(current, used);
            return new Use.Used(used);
        });
    }

    @Override
    public int expireOverdue(Instant now) {
        return tx.read(() -> {
            List<HandoffRequest> overdue = byJti.values().stream()
                    .filter(r -> r.state() == SessionState.PENDING && !now.isBefore(r.expiresAt()))
                    .toList();
            overdue.forEach(r -> replace(r, r.withState(SessionState.EXPIRED)));
            return overdue.size();
        });
    }

    /** Forgets every hand-off of the tenant, whatever its state (undone with the transaction). */
    void removeAllOf(TenantId tenant) {
        tx.read(() -> {
            List<HandoffRequest> removed = byJti.values().stream().filter(r -> r.tenant().equals(tenant)).toList();
            removed.forEach(r -> tx.write(() -> byJti.remove(r.jtiHash()), () -> byJti.put(r.jtiHash(), r)));
            return null;
        });
    }

    @Override
    public int purgeExpiredBefore(TenantId tenant, Instant expiredBefore) {
        return tx.read(() -> {
            List<HandoffRequest> old = byJti.values().stream()
                    .filter(r -> r.tenant().equals(tenant) && r.expiresAt().isBefore(expiredBefore))
                    .toList();
            old.forEach(r -> tx.write(() -> byJti.remove(r.jtiHash()), () -> byJti.put(r.jtiHash(), r)));
            return old.size();
        });
    }

    /** The hand-offs that match, oldest first. */
    List<HandoffRequest> matching(java.util.function.Predicate<HandoffRequest> which) {
        return tx.read(() -> byJti.values().stream().filter(which)
                .sorted(java.util.Comparator.comparing(HandoffRequest::createdAt)).toList());
    }

    /** Deletes the hand-offs that match (undone with the transaction). */
    long removeMatching(java.util.function.Predicate<HandoffRequest> which) {
        return tx.read(() -> {
            List<HandoffRequest> removed = byJti.values().stream().filter(which).toList();
            removed.forEach(r -> tx.write(() -> byJti.remove(r.jtiHash()), () -> byJti.put(r.jtiHash(), r)));
            return (long) removed.size();
        });
    }
}
