package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.SessionId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.port.out.Sessions;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemorySessions implements Sessions {
    private final MemoryTransactions tx;
    private final Map<TokenHash, VerificationSession> byHash = new HashMap<>();

    MemorySessions(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public int startReplacingPending(VerificationSession session) {
        if (session.state() != SessionState.PENDING) {
            throw new IllegalArgumentException("a new session must be PENDING");
        }
        return tx.read(() -> {
            if (byHash.containsKey(session.tokenHash())) {
                throw new IllegalStateException("token hash already in use");
            }
            List<VerificationSession> replaced = byHash.values().stream()
                    .filter(s -> s.state() == SessionState.PENDING
                            && s.tenant().equals(session.tenant())
                            && s.requester().id().equals(session.requester().id()))
                    .toList();
            replaced.forEach(old -> replace(old, old.withState(SessionState.SUPERSEDED)));
            tx.write(() -> byHash.put(session.tokenHash(), session), () -> byHash.remove(session.tokenHash()));
            return replaced.size();
        });
    }

    private void replace(VerificationSession old, VerificationSession updated) {
        tx.write(() -> byHash.put(old.tokenHash(), updated), () -> byHash.put(old.tokenHash(), old));
    }

    @Override
    public Optional<VerificationSession> findByTokenHash(TokenHash hash) {
        return tx.read(() -> Optional.ofNullable(byHash.get(hash)));
    }

    @Override
    public Consumption consume(TokenHash hash, SessionState outcome, Instant now) {
        if (outcome != SessionState.CONFIRMED && outcome != SessionState.DENIED) {
            throw new IllegalArgumentException("a session is consumed as CONFIRMED or DENIED, not " + outcome);
        }
        return tx.read(() -> {
            VerificationSession current = byHash.get(hash);
            if (current == null || !current.isOpenAt(now)) {
                return new Consumption.NotConsumed(Optional.ofNullable(current));
            }
            VerificationSession consumed = current.withState(outcome);
            replace(current, consumed);
            return new Consumption.Consumed(consumed);
        });
    }

    @Override
    public void cancel(SessionId id) {
        tx.read(() -> {
            byHash.values().stream()
                    .filter(s -> s.id().equals(id) && s.state() == SessionState.PENDING)
                    .findFirst()
                    .ifPresent(s -> replace(s, s.withState(SessionState.CANCELLED)));
            return null;
        });
    }

    @Override
    public int expireOverdue(Instant now) {
        return tx.read(() -> {
            List<VerificationSession> overdue = byHash.values().stream()
                    .filter(s -> s.state() == SessionState.PENDING && !now.isBefore(s.expiresAt()))
                    .toList();
            overdue.forEach(s -> replace(s, s.withState(SessionState.EXPIRED)));
            return overdue.size();
        });
    }

    @Override
    public int purgeExpiredBefore(TenantId tenant, Instant expiredBefore) {
        return tx.read(() -> {
            List<VerificationSession> old = byHash.values().stream()
                    .filter(s -> s.tenant().equals(tenant) && s.expiresAt().isBefore(expiredBefore))
                    .toList();
            old.forEach(s -> tx.write(() -> byHash.remove(s.tokenHash()), () -> byHash.put(s.tokenHash(), s)));
            return old.size();
        });
    }

    /** Forgets every session of the tenant, whatever its state (undone with the transaction). */
    void removeAllOf(TenantId tenant) {
        tx.read(() -> {
            List<VerificationSession> removed = byHash.values().stream().filter(s -> s.tenant().equals(tenant)).toList();
            removed.forEach(s -> tx.write(() -> byHash.remove(s.tokenHash()), () -> byHash.put(s.tokenHash(), s)));
            return null;
        });
    }

    @Override
    public int countOpen(TenantId tenant, DiscordUserId requester, Instant now) {
        return tx.read(() -> (int) byHash.values().stream()
                .filter(s -> s.tenant().equals(tenant) && s.requester().id().equals(requester) && s.isOpenAt(now))
                .count());
    }

    /** The sessions that match, oldest first. */
    List<VerificationSession> matching(java.util.function.Predicate<VerificationSession> which) {
        return tx.read(() -> byHash.values().stream().filter(which)
                .sorted(java.util.Comparator.comparing(VerificationSession::createdAt)).toList());
    }

    /** Deletes the sessions that match (undone with the transaction). */
    long removeMatching(java.util.function.Predicate<VerificationSession> which) {
        return tx.read(() -> {
            List<VerificationSession> removed = byHash.values().stream().filter(which).toList();
            removed.forEach(s -> tx.write(() -> byHash.remove(s.tokenHash()), () -> byHash.put(s.tokenHash(), s)));
            return (long) removed.size();
        });
    }
}
