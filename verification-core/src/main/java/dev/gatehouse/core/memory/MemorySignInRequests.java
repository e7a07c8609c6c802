package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.SignInRequest;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.port.out.SignInRequests;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

final class MemorySignInRequests implements SignInRequests {
    private final MemoryTransactions tx;
    private final Map<TokenHash, SignInRequest> byLink = new HashMap<>();

    MemorySignInRequests(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public int startReplacingPending(SignInRequest request) {
        if (request.state() != SessionState.PENDING || request.binding().isPresent()) {
            throw new IllegalArgumentException("a new sign-in must be PENDING and unbound");
        }
        return tx.read(() -> {
            if (byLink.containsKey(request.linkHash())) {
                throw new IllegalStateException("link token already in use");
            }
            List<SignInRequest> replaced = matching(r -> r.state() == SessionState.PENDING && r.tenant().equals(request.tenant())
                    && r.requester().id().equals(request.requester().id()));
            replaced.forEach(old -> replace(old, old.withState(SessionState.SUPERSEDED)));
            tx.write(() -> byLink.put(request.linkHash(), request), () -> byLink.remove(request.linkHash()));
            return replaced.size();
        });
    }

    private List<SignInRequest> matching(Predicate<SignInRequest> condition) {
        return byLink.values().stream().filter(condition).toList();
    }

    private void replace(SignInRequest old, SignInRequest updated) {
        tx.write(() -> byLink.put(old.linkHash(), updated), () -> byLink.put(old.linkHash(), old));
    }

    private void remove(SignInRequest old) {
        tx.write(() -> byLink.remove(old.linkHash()), () -> byLink.put(old.linkHash(), old));
    }

    @Override
    public Optional<SignInRequest> findByLink(TokenHash linkHash) {
        return tx.read(() -> Optional.ofNullable(byLink.get(linkHash)));
    }

    @Override
    public Optional<SignInRequest> findByState(TokenHash stateHash) {
        return tx.read(() -> matching(r -> r.binding().filter(b -> b.stateHash().equals(stateHash)).isPresent()).stream().findFirst());
    }

    @Override
    public Optional<SignInRequest> bind(TokenHash linkHash, SignInRequest.Binding binding, Instant now) {
        return tx.read(() -> {
            SignInRequest current = byLink.get(linkHash);
            if (current == null || !current.isOpenAt(now)) {
                return Optional.empty();
            }
            SignInRequest bound = current.boundTo(binding);
            replace(current, bound);
            return Optional.of(bound);
        });
    }

    @Override
    public Use use(SignInRequest.Binding binding, Instant now) {
        return tx.read(() -> {
            Optional<SignInRequest> named = matching(r -> r.binding().filter(b -> b.stateHash().equals(binding.stateHash())).isPresent())
                    .stream().findFirst();
            if (named.isEmpty() || !named.get().binding().orElseThrow().equals(binding) || !named.get().isOpenAt(now)) {
                return new Use.NotUsed(named);
            }
            SignInRequest used = named.get().withState(SessionState.CONFIRMED);
            replace(named.get(), used);
            return new Use.Used(used);
        });
    }

    @Override
    public int expireOverdue(Instant now) {
        return tx.read(() -> {
            List<SignInRequest> overdue = matching(r -> r.state() == SessionState.PENDING && !now.isBefore(r.expiresAt()));
            overdue.forEach(r -> replace(r, r.withState(SessionState.EXPIRED)));
            return overdue.size();
        });
    }

    @Override
    public int purgeExpiredBefore(TenantId tenant, Instant expiredBefore) {
        return tx.read(() -> {
            List<SignInRequest> old = matching(r -> r.tenant().equals(tenant) && r.expiresAt().isBefore(expiredBefore));
            old.forEach(this::remove);
            return old.size();
        });
    }

    @Override
    public int deleteOfRequester(TenantId tenant, DiscordUserId requester) {
        return tx.read(() -> {
            List<SignInRequest> theirs = matching(r -> r.tenant().equals(tenant) && r.requester().id().equals(requester));
            theirs.forEach(this::remove);
            return theirs.size();
        });
    }

    @Override
    public int deleteOfTenant(TenantId tenant) {
        return tx.read(() -> {
            List<SignInRequest> all = matching(r -> r.tenant().equals(tenant));
            all.forEach(this::remove);
            return all.size();
        });
    }
}
