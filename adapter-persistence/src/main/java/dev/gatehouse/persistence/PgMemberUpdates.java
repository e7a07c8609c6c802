package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.UpdateId;
import dev.gatehouse.core.port.out.MemberUpdates;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox in {@code member_updates}. A claim selects due rows {@code FOR UPDATE SKIP LOCKED} and moves their
 * {@code due_at} to the end of the lease in the same statement, so instances draining it concurrently never
 * get the same row, and a row whose claimer died is due again when its lease runs out.
 */
final class PgMemberUpdates implements MemberUpdates {
    private static final String COLUMNS = "update_id, guild_id, member_id, change_kind, role_id, nickname, reason, created_at,"
            + " due_at, attempts";

    private final Jdbc jdbc;

    PgMemberUpdates(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void enqueue(List<MemberUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        jdbc.atomically("queueing member updates", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO member_updates (update_id, guild_id, member_id, change_kind, role_id, nickname, reason, created_at, due_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)) {
                for (MemberUpdate u : updates) {
                    Object role = Jdbc.nullOf(Types.BIGINT);
                    Object nickname = Jdbc.nullOf(Types.VARCHAR);
                    String kind;
                    MemberChange change = u.change();
                    if (change instanceof MemberChange.GrantRole grant) {
                        kind = "GRANT_ROLE";
                        role = grant.role().value();
                    } else if (change instanceof MemberChange.RevokeRole revoke) {
                        kind = "REVOKE_ROLE";
                        role = revoke.role().value();
                    } else if (change instanceof MemberChange.SetNickname set) {
                        kind = "SET_NICKNAME";
                        nickname = set.nickname();
                    } else if (change instanceof MemberChange.ResetNickname) {
                        kind = "RESET_NICKNAME";
                    } else {
                        throw new IllegalArgumentException("unknown member change " + change);
                    }
                    Jdbc.bind(s, u.id().value(), u.guild().value(), u.member().value(), kind, role, nickname, u.reason(),
                            Sql.timestamp(u.createdAt()), Sql.timestamp(u.createdAt()));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<ClaimedUpdate> claim(Shard shard, int max, Instant now, Duration lease) {
        if (max <= 0) {
            return List.of();
        }
        return jdbc.run("claiming member updates", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("""
                    WITH due AS (
                        SELECT update_id, due_at FROM member_updates
                        WHERE due_at <= ? AND ((guild_id >> 22) % ?) = ?
                        ORDER BY due_at, created_at
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED)
                    UPDATE member_updates m SET due_at = ?
                    FROM due WHERE m.update_id = due.update_id
                    RETURNING m.update_id, m.guild_id, m.member_id, m.change_kind, m.role_id, m.nickname, m.reason,
                              m.created_at, m.attempts, due.due_at AS was_due_at
                    """), Sql.timestamp(now), shard.count(), shard.index(), max, Sql.timestamp(now.plus(lease)));
                    ResultSet rs = s.executeQuery()) {
                List<Claimed> claimed = new ArrayList<>();
                while (rs.next()) {
                    claimed.add(new Claimed(new ClaimedUpdate(read(rs), rs.getInt("attempts")), Sql.instant(rs, "was_due_at")));
                }
                claimed.sort(Comparator.comparing(Claimed::wasDueAt).thenComparing(x -> x.update().update().createdAt()));
                return claimed.stream().map(Claimed::update).toList();
            }
        });
    }

    private record Claimed(ClaimedUpdate update, Instant wasDueAt) {
    }

    @Override
    public void complete(UpdateId id) {
        jdbc.run("completing a member update", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement("DELETE FROM member_updates WHERE update_id = ?"), id.value())) {
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void retryAt(UpdateId id, Instant notBefore, String lastError) {
        jdbc.run("rescheduling a member update", c -> {
            try (PreparedStatement s = Jdbc.bind(c.prepareStatement(
                    "UPDATE member_updates SET due_at = ?, attempts = attempts + 1, last_error = ? WHERE update_id = ?"),
                    Sql.timestamp(notBefore), lastError, id.value())) {
                return s.executeUpdate();
            }
        });
    }

    @Override
    public OutboxDepth depth(Instant now) {
        return jdbc.run("measuring the outbox", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*), min(created_at) FROM member_updates");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                long pending = rs.getLong(1);
                Instant oldest = Sql.instant(rs, "min");
                return new OutboxDepth(pending, Optional.ofNullable(oldest).map(o -> Duration.between(o, now)));
            }
        });
    }

    private static MemberUpdate read(ResultSet rs) throws SQLException {
        MemberChange change = switch (rs.getString("change_kind")) {
            case "GRANT_ROLE" -> new MemberChange.GrantRole(new RoleId(rs.getLong("role_id")));
            case "REVOKE_ROLE" -> new MemberChange.RevokeRole(new RoleId(rs.getLong("role_id")));
            case "SET_NICKNAME" -> new MemberChange.SetNickname(rs.getString("nickname"));
            case "RESET_NICKNAME" -> new MemberChange.ResetNickname();
            default -> throw new IllegalStateException("unknown member change kind " + rs.getString("change_kind"));
        };
        return new MemberUpdate(new UpdateId(rs.getObject("update_id", UUID.class)), new GuildId(rs.getLong("guild_id")),
                new DiscordUserId(rs.getLong("member_id")), change, rs.getString("reason"), Sql.instant(rs, "created_at"));
    }
}
