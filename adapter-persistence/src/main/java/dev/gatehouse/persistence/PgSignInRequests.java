package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.SignInRequest;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.port.out.SignInRequests;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sign-ins in the {@code sign_in_requests} table, keyed by the hash of the link token and found by the hash of their
 * {@code state}. Works like {@link PgHandoffRequests}: binding and using are single conditional
 * {@code UPDATE … RETURNING} statements; starting one takes a transaction-scoped advisory lock on (tenant, requester),
 * and a partial unique index allows one PENDING sign-in per requester and tenant.
 */
@Singleton
@Bean(typed = PgSignInRequests.class)
final class PgSignInRequests implements SignInRequests {
    private static final int START_ATTEMPTS = 5;
    private static final String UNIQUE_VIOLATION = "23505";

    private final Db db;
    private final SignInRequestRepository repository;

    PgSignInRequests(Db db, SignInRequestRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public int startReplacingPending(SignInRequest request) {
        if (request.state() != SessionState.PENDING || request.binding().isPresent()) {
            throw new IllegalArgumentException("a new sign-in must be PENDING and unbound");
        }
        long requester = request.requester().id().value();
        return db.write("starting a sign-in", () -> {
            repository.lockRequester("gatehouse.signins:" + request.tenant().value() + ":" + requester);
            int superseded = 0;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                superseded += repository.supersedePending(request.tenant().value(), requester);
                if (insert(request)) {
                    return superseded;
                }
            }
            throw new IllegalStateException("another sign-in of the same member kept taking the pending slot");
        });
    }

    private boolean insert(SignInRequest r) {
        try {
            return db.read("inserting a sign-in", () -> repository.insertUnlessPending(r.linkHash().hex(), r.tenant().value(),
                    r.guild().value(), r.guildName(), r.requester().id().value(), r.requester().username(), r.createdAt(),
                    r.expiresAt(), r.state().name())) == 1;
        } catch (Db.SqlFailure e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw new IllegalStateException("link token already in use", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<SignInRequest> findByLink(TokenHash linkHash) {
        return db.read("finding a sign-in", () -> repository.findById(linkHash.hex())).map(PgSignInRequests::request);
    }

    @Override
    public Optional<SignInRequest> findByState(TokenHash stateHash) {
        return db.read("finding a sign-in", () -> repository.findByStateHash(stateHash.hex())).map(PgSignInRequests::request);
    }

    @Override
    public Optional<SignInRequest> bind(TokenHash linkHash, SignInRequest.Binding binding, Instant now) {
        return db.write("binding a sign-in", () -> repository.bind(linkHash.hex(), binding.stateHash().hex(),
                binding.nonceHash().hex(), binding.verifierHash().hex(), now)).stream().findFirst().map(PgSignInRequests::request);
    }

    @Override
    public Use use(SignInRequest.Binding binding, Instant now) {
        return db.write("using a sign-in", () -> {
            List<SignInRequestRow> used = repository.use(binding.stateHash().hex(), binding.nonceHash().hex(),
                    binding.verifierHash().hex(), now);
            if (!used.isEmpty()) {
                return new Use.Used(request(used.get(0)));
            }
            return new Use.NotUsed(repository.findByStateHash(binding.stateHash().hex()).map(PgSignInRequests::request));
        });
    }

    @Override
    public int expireOverdue(Instant now) {
        return db.write("expiring sign-ins", () -> repository.expireOverdue(now));
    }

    @Override
    public int purgeExpiredBefore(TenantId tenant, Instant expiredBefore) {
        return db.write("purging old sign-ins", () -> repository.purgeExpiredBefore(tenant.value(), expiredBefore));
    }

    @Override
    public int deleteOfRequester(TenantId tenant, DiscordUserId requester) {
        return db.write("deleting a member's sign-ins", () -> repository.deleteOfRequester(tenant.value(), requester.value()));
    }

    @Override
    public int deleteOfTenant(TenantId tenant) {
        return db.write("deleting a tenant's sign-ins", () -> repository.deleteOfTenant(tenant.value()));
    }

    private static SignInRequest request(SignInRequestRow row) {
        Optional<SignInRequest.Binding> binding = Optional.ofNullable(row.stateHash()).map(state -> new SignInRequest.Binding(
                new TokenHash(state), new TokenHash(row.nonceHash()), new TokenHash(row.verifierHash())));
        return new SignInRequest(new TenantId(row.tenantId()), new GuildId(row.guildId()), row.guildName(),
                new DiscordAccount(new DiscordUserId(row.requesterId()), row.requesterName()), new TokenHash(row.linkHash()),
                binding, row.createdAt(), row.expiresAt(), SessionState.valueOf(row.state()));
    }
}
