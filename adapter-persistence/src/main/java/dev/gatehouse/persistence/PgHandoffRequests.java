package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.HandoffRequest;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.port.out.HandoffRequests;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Hand-offs in the {@code handoff_requests} table, keyed by the hash of the token's {@code jti} (the {@code jti}
 * itself is never stored). Works like {@link PgSessions}: using one is a single conditional
 * {@code UPDATE … RETURNING}; starting one takes a transaction-scoped advisory lock on (tenant, requester), and a
 * partial unique index allows one PENDING hand-off per requester and tenant.
 */
@Singleton
@Bean(typed = PgHandoffRequests.class)
final class PgHandoffRequests implements HandoffRequests {
    private static final int START_ATTEMPTS = 5;
    private static final String UNIQUE_VIOLATION = "23505";

    private final Db db;
    private final HandoffRequestRepository repository;

    PgHandoffRequests(Db db, HandoffRequestRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public int startReplacingPending(HandoffRequest request) {
        if (request.state() != SessionState.PENDING) {
            throw new IllegalArgumentException("a new hand-off must be PENDING");
        }
        long requester = request.requester().id().value();
        return db.write("starting a hand-off", () -> {
            repository.lockRequester("gatehouse.handoffs:" + request.tenant().value() + ":" + requester);
            int superseded = 0;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                superseded += repository.supersedePending(request.tenant().value(), requester);
                if (insert(request)) {
                    return superseded;
                }
            }
            throw new IllegalStateException("another hand-off of the same member kept taking the pending slot");
        });
    }

    /** Inserts the hand-off unless another PENDING one of the requester appeared meanwhile. */
    private boolean insert(HandoffRequest r) {
        try {
            return db.read("inserting a hand-off", () -> repository.insertUnlessPending(r.jtiHash().hex(), r.tenant().value(),
                    r.guild().value(), r.guildName(), r.requester().id().value(), r.requester().username(), r.createdAt(),
                    r.expiresAt(), r.state().name(), Sql.languageTag(r.language()))) == 1;
        } catch (Db.SqlFailure e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw new IllegalStateException("jti already in use", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<HandoffRequest> find(TokenHash jtiHash) {
        return db.read("finding a hand-off", () -> repository.findById(jtiHash.hex())).map(PgHandoffRequests::request);
    }

    @Override
    public Use use(TokenHash jtiHash, Instant now) {
        return db.write("using a hand-off", () -> {
            List<HandoffRequestRow> used = repository.use(jtiHash.hex(), now);
            if (!used.isEmpty()) {
                return new Use.Used(request(used.get(0)));
            }
            return new Use.NotUsed(repository.findById(jtiHash.hex()).map(PgHandoffRequests::request));
        });
    }

    @Override
    public int expireOverdue(Instant now) {
        return db.write("expiring hand-offs", () -> repository.expireOverdue(now));
    }

    @Override
    public int purgeExpiredBefore(TenantId tenant, Instant expiredBefore) {
        return db.write("purging old hand-offs", () -> repository.purgeExpiredBefore(tenant.value(), expiredBefore));
    }

    static HandoffRequest request(HandoffRequestRow row) {
        return new HandoffRequest(new TenantId(row.tenantId()), new GuildId(row.guildId()), row.guildName(),
                new DiscordAccount(new DiscordUserId(row.requesterId()), row.requesterName()), new TokenHash(row.jtiHash()),
                row.createdAt(), row.expiresAt(), SessionState.valueOf(row.state()), Sql.language(row.language()));
    }
}
