package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberNotice;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.UpdateId;
import dev.gatehouse.core.port.out.MemberUpdates;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox in {@code member_updates}. A claim selects due rows {@code FOR UPDATE SKIP LOCKED} and moves their
 * {@code due_at} to the end of the lease in the same statement, so instances draining it concurrently never
 * get the same row, and a row whose claimer died is due again when its lease runs out.
 */
@Singleton
@Bean(typed = PgMemberUpdates.class)
final class PgMemberUpdates implements MemberUpdates {
    private final Db db;
    private final MemberUpdateRepository repository;

    PgMemberUpdates(Db db, MemberUpdateRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public void enqueue(List<MemberUpdate> updates) {
        if (updates.isEmpty()) {
            return;
        }
        List<MemberUpdateRow> rows = updates.stream().map(PgMemberUpdates::row).toList();
        db.write("queueing member updates", () -> db.jdbc("queueing member updates", connection -> insert(connection, rows)));
    }

    /** One JDBC batch (one round trip), without the repository's per-entity work: every confirmation queues two or more. */
    private static int[] insert(Connection connection, List<MemberUpdateRow> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO member_updates (update_id, guild_id, member_id, change_kind, role_id, nickname, reason, created_at,
                                            due_at, attempts, last_error, notice_kind, notice_at, notice_language, notice_time_zone)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (MemberUpdateRow row : rows) {
                insert.setObject(1, row.updateId());
                insert.setLong(2, row.guildId());
                insert.setLong(3, row.memberId());
                insert.setString(4, row.changeKind());
                insert.setObject(5, row.roleId(), Types.BIGINT);
                insert.setString(6, row.nickname());
                insert.setString(7, row.reason());
                insert.setObject(8, OffsetDateTime.ofInstant(row.createdAt(), ZoneOffset.UTC));
                insert.setObject(9, OffsetDateTime.ofInstant(row.dueAt(), ZoneOffset.UTC));
                insert.setInt(10, row.attempts());
                insert.setString(11, row.lastError());
                insert.setString(12, row.noticeKind());
                insert.setObject(13, row.noticeAt() == null ? null : OffsetDateTime.ofInstant(row.noticeAt(), ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setString(14, row.noticeLanguage());
                insert.setString(15, row.noticeTimeZone());
                insert.addBatch();
            }
            return insert.executeBatch();
        }
    }

    private static MemberUpdateRow row(MemberUpdate u) {
        Long role = null;
        String nickname = null;
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
        } else if (change instanceof MemberChange.Kick) {
            kind = "KICK";
        } else if (change instanceof MemberChange.Notify notify) {
            return noticeRow(u, notify.notice());
        } else {
            throw new IllegalArgumentException("unknown member change " + change);
        }
        return new MemberUpdateRow(u.id().value(), u.guild().value(), u.member().value(), kind, role, nickname, u.reason(),
                u.createdAt(), u.createdAt(), 0, null, null, null, null, null);
    }

    private static MemberUpdateRow noticeRow(MemberUpdate u, MemberNotice notice) {
        String noticeKind;
        Instant at = null;
        String zone = null;
        if (notice instanceof MemberNotice.VerificationEnding ending) {
            noticeKind = "VERIFICATION_ENDING";
            at = ending.until();
            zone = ending.timeZone().getId();
        } else if (notice instanceof MemberNotice.VerificationLapsed) {
            noticeKind = "VERIFICATION_LAPSED";
        } else if (notice instanceof MemberNotice.RemovalWarning warning) {
            noticeKind = "REMOVAL_WARNING";
            at = warning.removalAt();
            zone = warning.timeZone().getId();
        } else {
            throw new IllegalArgumentException("unknown member notice " + notice);
        }
        return new MemberUpdateRow(u.id().value(), u.guild().value(), u.member().value(), "NOTIFY", null, null, u.reason(),
                u.createdAt(), u.createdAt(), 0, null, noticeKind, at, notice.language().toLanguageTag(), zone);
    }

    @Override
    public List<ClaimedUpdate> claim(Shard shard, int max, Instant now, Duration lease) {
        if (max <= 0) {
            return List.of();
        }
        return db.write("claiming member updates", () -> repository.claim(now, shard.count(), shard.index(), max, now.plus(lease)))
                .stream()
                // due_at holds the time each row was due before this claim
                .sorted(Comparator.comparing(MemberUpdateRow::dueAt).thenComparing(MemberUpdateRow::createdAt))
                .map(row -> new ClaimedUpdate(update(row), row.attempts()))
                .toList();
    }

    @Override
    public void complete(UpdateId id) {
        db.write("completing a member update", () -> {
            repository.deleteById(id.value());
            return null;
        });
    }

    @Override
    public void retryAt(UpdateId id, Instant notBefore, String lastError) {
        db.write("rescheduling a member update", () -> {
            repository.retryAt(id.value(), notBefore, lastError);
            return null;
        });
    }

    @Override
    public Map<Integer, Long> pendingByShard(int shardCount) {
        return db.read("measuring the outbox by shard", () -> db.jdbc("measuring the outbox by shard", c -> {
            try (java.sql.PreparedStatement count = c.prepareStatement(
                    "SELECT (guild_id >> 22) % ?, count(*) FROM member_updates GROUP BY 1")) {
                Map<Integer, Long> pending = new java.util.TreeMap<>();
                try (java.sql.ResultSet rows = Sql.bind(count, shardCount).executeQuery()) {
                    while (rows.next()) {
                        pending.put(rows.getInt(1), rows.getLong(2));
                    }
                }
                return pending;
            }
        }));
    }

    @Override
    public OutboxDepth depth(Instant now) {
        OutboxDepthRow depth = db.read("measuring the outbox", repository::depth);
        return new OutboxDepth(depth.pending(), Optional.ofNullable(depth.oldest()).map(o -> Duration.between(o, now)));
    }

    private static MemberUpdate update(MemberUpdateRow row) {
        MemberChange change = switch (row.changeKind()) {
            case "GRANT_ROLE" -> new MemberChange.GrantRole(new RoleId(row.roleId()));
            case "REVOKE_ROLE" -> new MemberChange.RevokeRole(new RoleId(row.roleId()));
            case "SET_NICKNAME" -> new MemberChange.SetNickname(row.nickname());
            case "RESET_NICKNAME" -> new MemberChange.ResetNickname();
            case "KICK" -> new MemberChange.Kick();
            case "NOTIFY" -> new MemberChange.Notify(notice(row));
            default -> throw new IllegalStateException("unknown member change kind " + row.changeKind());
        };
        return new MemberUpdate(new UpdateId(row.updateId()), new GuildId(row.guildId()), new DiscordUserId(row.memberId()), change,
                row.reason(), row.createdAt());
    }

    private static MemberNotice notice(MemberUpdateRow row) {
        Locale language = Locale.forLanguageTag(row.noticeLanguage());
        return switch (row.noticeKind()) {
            case "VERIFICATION_ENDING" -> new MemberNotice.VerificationEnding(row.noticeAt(), language, ZoneId.of(row.noticeTimeZone()));
            case "VERIFICATION_LAPSED" -> new MemberNotice.VerificationLapsed(language);
            case "REMOVAL_WARNING" -> new MemberNotice.RemovalWarning(row.noticeAt(), language, ZoneId.of(row.noticeTimeZone()));
            default -> throw new IllegalStateException("unknown member notice kind " + row.noticeKind());
        };
    }
}
