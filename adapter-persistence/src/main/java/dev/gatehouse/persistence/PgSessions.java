package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.SessionId;
import dev.gatehouse.core.model.SessionState;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.model.VerificationSession;
import dev.gatehouse.core.port.out.Sessions;
import dev.gatehouse.core.text.Languages;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions in the {@code sessions} table, found by token hash (the token itself is never stored). Consuming is
 * one conditional {@code UPDATE … RETURNING}. Starting a session takes a transaction-scoped advisory lock on
 * (tenant, requester), so concurrent requests of one member take turns; a partial unique index allows one
 * PENDING session per requester and tenant as the last line of defence.
 */
@Singleton
@Bean(typed = PgSessions.class)
final class PgSessions implements Sessions {
    private static final int START_ATTEMPTS = 5;
    private static final String UNIQUE_VIOLATION = "23505";

    private final Db db;
    private final SessionRepository repository;

    PgSessions(Db db, SessionRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public int startReplacingPending(VerificationSession session) {
        if (session.state() != SessionState.PENDING) {
            throw new IllegalArgumentException("a new session must be PENDING");
        }
        return db.write("starting a session", () -> {
            repository.lockRequester("gatehouse.sessions:" + session.tenant().value() + ":" + session.requester().id().value());
            int superseded = 0;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                superseded += repository.supersedePending(session.tenant().value(), session.requester().id().value());
                if (insert(session)) {
                    return superseded;
                }
            }
            throw new IllegalStateException("another request of the same member kept taking the pending slot");
        });
    }

    /** Inserts the session unless another PENDING one of the requester appeared meanwhile. */
    private boolean insert(VerificationSession v) {
        try {
            return db.read("inserting a session", () -> repository.insertUnlessPending(v.id().value(), v.tenant().value(),
                    v.guild().value(), v.guildName(), v.requester().id().value(), v.requester().username(), v.directoryUser().value(),
                    v.tokenHash().hex(), v.createdAt(), v.expiresAt(), v.state().name(),
                    v.language().map(Locale::toLanguageTag).orElse(null))) == 1;
        } catch (Db.SqlFailure e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw new IllegalStateException("token hash or session id already in use", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<VerificationSession> findByTokenHash(TokenHash hash) {
        return db.read("finding a session", () -> repository.findByTokenHash(hash.hex())).map(PgSessions::session);
    }

    @Override
    public Consumption consume(TokenHash hash, SessionState outcome, Instant now) {
        if (outcome != SessionState.CONFIRMED && outcome != SessionState.DENIED) {
            throw new IllegalArgumentException("a session is consumed as CONFIRMED or DENIED, not " + outcome);
        }
        return db.write("consuming a session", () -> {
            Optional<VerificationSession> consumed = db.jdbc("consuming a session", c -> consume(c, hash, outcome, now));
            if (consumed.isPresent()) {
                return new Consumption.Consumed(consumed.get());
            }
            return new Consumption.NotConsumed(repository.findByTokenHash(hash.hex()).map(PgSessions::session));
        });
    }

    /** {@link SessionRepository#consume} in plain JDBC: it starts every confirmation, so it skips the repository's mapping. */
    private static Optional<VerificationSession> consume(Connection c, TokenHash hash, SessionState outcome, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE sessions SET state = ?
                WHERE token_hash = ? AND state = 'PENDING' AND expires_at > ?
                RETURNING session_id, tenant_id, guild_id, guild_name, requester_id, requester_name, directory_user_id, token_hash,
                          created_at, expires_at, state, language""")) {
            update.setString(1, outcome.name());
            update.setString(2, hash.hex());
            update.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            try (ResultSet rs = update.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new VerificationSession(new SessionId(rs.getObject(1, UUID.class)), new TenantId(rs.getString(2)),
                        new GuildId(rs.getLong(3)), rs.getString(4), new DiscordAccount(new DiscordUserId(rs.getLong(5)), rs.getString(6)),
                        new DirectoryUserId(rs.getString(7)), new TokenHash(rs.getString(8)),
                        rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getObject(10, OffsetDateTime.class).toInstant(),
                        SessionState.valueOf(rs.getString(11)), language(rs.getString(12))));
            }
        }
    }

    @Override
    public void cancel(SessionId id) {
        db.write("cancelling a session", () -> repository.cancel(id.value()));
    }

    @Override
    public int expireOverdue(Instant now) {
        return db.write("expiring sessions", () -> repository.expireOverdue(now));
    }

    @Override
    public int purgeExpiredBefore(TenantId tenant, Instant expiredBefore) {
        return db.write("purging old sessions", () -> repository.purgeExpiredBefore(tenant.value(), expiredBefore));
    }

    @Override
    public int countOpen(TenantId tenant, DiscordUserId requester, Instant now) {
        return db.read("counting open sessions", () -> repository.countOpen(tenant.value(), requester.value(), now));
    }

    static VerificationSession session(SessionRow row) {
        return new VerificationSession(new SessionId(row.sessionId()), new TenantId(row.tenantId()), new GuildId(row.guildId()),
                row.guildName(), new DiscordAccount(new DiscordUserId(row.requesterId()), row.requesterName()),
                new DirectoryUserId(row.directoryUserId()), new TokenHash(row.tokenHash()), row.createdAt(), row.expiresAt(),
                SessionState.valueOf(row.state()), language(row.language()));
    }

    private static Optional<Locale> language(String tag) {
        return Languages.ofTag(tag);
    }
}
