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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions in the {@code sessions} table, found by token hash (the token itself is never stored). Consuming is
 * one conditional {@code UPDATE … RETURNING}. Starting a session takes a transaction-scoped advisory lock on
 * (tenant, requester), so concurrent requests of one member take turns; a partial unique index allows one
 * PENDING session per requester and tenant as the last line of defence.
 */
final class PgSessions implements Sessions {
    private static final String COLUMNS = "session_id, tenant_id, guild_id, guild_name, requester_id, requester_name,"
            + " directory_user_id, token_hash, created_at, expires_at, state";
    private static final int START_ATTEMPTS = 5;

    private final Jdbc jdbc;

    PgSessions(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int startReplacingPending(VerificationSession session) {
        if (session.state() != SessionState.PENDING) {
            throw new IllegalArgumentException("a new session must be PENDING");
        }
        return jdbc.atomically("starting a session", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))"),
                    "gatehouse.sessions:" + session.tenant().value() + ":" + session.requester().id().value())) {
                s.execute();
            }
            int superseded = 0;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                try (PreparedStatement s = Jdbc.bind(c.prepareStatement("""
                        UPDATE sessions SET state = 'SUPERSEDED'
                        WHERE tenant_id = ? AND requester_id = ? AND state = 'PENDING'
                        """), session.tenant().value(), session.requester().id().value())) {
                    superseded += s.executeUpdate();
                }
                if (insert(c, session)) {
                    return superseded;
                }
            }
            throw new IllegalStateException("another request of the same member kept taking the pending slot");
        });
    }

    /** Inserts the session unless another PENDING one of the requester appeared meanwhile. */
    private static boolean insert(Connection c, VerificationSession v) throws SQLException {
        try (PreparedStatement s = Jdbc.bind(c.prepareStatement("""
                INSERT INTO sessions (session_id, tenant_id, guild_id, guild_name, requester_id, requester_name,
                                      directory_user_id, token_hash, created_at, expires_at, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, requester_id) WHERE state = 'PENDING' DO NOTHING
                """), v.id().value(), v.tenant().value(), v.guild().value(), v.guildName(), v.requester().id().value(),
                v.requester().username(), v.directoryUser().value(), v.tokenHash().hex(), Sql.timestamp(v.createdAt()),
                Sql.timestamp(v.expiresAt()), v.state().name())) {
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new IllegalStateException("token hash or session id already in use", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<VerificationSession> findByTokenHash(TokenHash hash) {
        return jdbc.run("finding a session", c -> find(c, hash));
    }

    @Override
    public Consumption consume(TokenHash hash, SessionState outcome, Instant now) {
        if (outcome != SessionState.CONFIRMED && outcome != SessionState.DENIED) {
            throw new IllegalArgumentException("a session is consumed as CONFIRMED or DENIED, not " + outcome);
        }
        return jdbc.run("consuming a session", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("UPDATE sessions SET state = ?"
                    + " WHERE token_hash = ? AND state = 'PENDING' AND expires_at > ? RETURNING " + COLUMNS),
                    outcome.name(), hash.hex(), Sql.timestamp(now));
                    ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return new Consumption.Consumed(read(rs));
                }
            }
            return new Consumption.NotConsumed(find(c, hash));
        });
    }

    @Override
    public void cancel(SessionId id) {
        jdbc.run("cancelling a session", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement(
                    "UPDATE sessions SET state = 'CANCELLED' WHERE session_id = ? AND state = 'PENDING'"), id.value())) {
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int expireOverdue(Instant now) {
        return jdbc.run("expiring sessions", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement(
                    "UPDATE sessions SET state = 'EXPIRED' WHERE state = 'PENDING' AND expires_at <= ?"), Sql.timestamp(now))) {
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int countOpen(TenantId tenant, DiscordUserId requester, Instant now) {
        return jdbc.run("counting open sessions", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("""
                    SELECT count(*) FROM sessions
                    WHERE tenant_id = ? AND requester_id = ? AND state = 'PENDING' AND expires_at > ?
                    """), tenant.value(), requester.value(), Sql.timestamp(now));
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static Optional<VerificationSession> find(Connection c, TokenHash hash) throws SQLException {
        try (PreparedStatement s = Jdbc.bind(c.prepareStatement("SELECT " + COLUMNS + " FROM sessions WHERE token_hash = ?"), hash.hex());
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static VerificationSession read(ResultSet rs) throws SQLException {
        return new VerificationSession(new SessionId(rs.getObject("session_id", UUID.class)), new TenantId(rs.getString("tenant_id")),
                new GuildId(rs.getLong("guild_id")), rs.getString("guild_name"),
                new DiscordAccount(new DiscordUserId(rs.getLong("requester_id")), rs.getString("requester_name")),
                new DirectoryUserId(rs.getString("directory_user_id")), new TokenHash(rs.getString("token_hash")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), SessionState.valueOf(rs.getString("state")));
    }
}
