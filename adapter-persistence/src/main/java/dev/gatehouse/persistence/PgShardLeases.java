package dev.gatehouse.persistence;

import dev.gatehouse.core.model.ChannelId;
import dev.gatehouse.core.model.FleetMember;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.RelayedNotice;
import dev.gatehouse.core.model.ShardLease;
import dev.gatehouse.core.port.out.ShardLeases;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Shard leases in {@code shard_leases}, heartbeats in {@code fleet_instances}: each change is one conditional
 * statement (an upsert whose update applies only to a free or expired lease), so concurrent instances never both
 * win a shard. Relayed notices wait in {@code relayed_notices}; claiming them is one {@code UPDATE ... RETURNING}
 * over rows locked with {@code SKIP LOCKED} that sets their claim's end, so each goes to one claimant at a time; posted
 * ones are deleted. Identify pacing takes a transaction-scoped advisory lock so the fleet's identifies take turns.
 */
@Singleton
@Bean(typed = PgShardLeases.class)
final class PgShardLeases implements ShardLeases {
    private static final long IDENTIFY_LOCK = 0x6761746568737331L;
    private static final String ACQUIRE = """
            INSERT INTO shard_leases AS l (shard, owner, renewed_at) VALUES (?, ?, ?)
            ON CONFLICT (shard) DO UPDATE SET owner = EXCLUDED.owner, renewed_at = EXCLUDED.renewed_at
            WHERE l.owner = EXCLUDED.owner OR l.renewed_at <= ?
            RETURNING owner, renewed_at
            """;

    private final Db db;

    PgShardLeases(Db db) {
        this.db = db;
    }

    @Override
    public Set<Integer> heartbeat(InstanceId instance, Instant now) {
        return db.write("recording a heartbeat", () -> db.jdbc("recording a heartbeat", c -> {
            try (PreparedStatement beat = c.prepareStatement("""
                    INSERT INTO fleet_instances (instance, last_heartbeat) VALUES (?, ?)
                    ON CONFLICT (instance) DO UPDATE SET last_heartbeat = EXCLUDED.last_heartbeat""");
                 PreparedStatement renew = c.prepareStatement(
                         "UPDATE shard_leases SET renewed_at = ? WHERE owner = ? RETURNING shard")) {
                Sql.bind(beat, instance.value(), Sql.timestamp(now)).executeUpdate();
                Set<Integer> held = new TreeSet<>();
                try (ResultSet rows = Sql.bind(renew, Sql.timestamp(now), instance.value()).executeQuery()) {
                    while (rows.next()) {
                        held.add(rows.getInt(1));
                    }
                }
                return held;
            }
        }));
    }

    @Override
    public void relayNotice(RelayedNotice notice) {
        update("relaying a log channel notice",
                "INSERT INTO relayed_notices (notice_id, guild_id, channel_id, text, created_at) VALUES (?, ?, ?, ?, ?)",
                notice.id(), notice.guild().value(), notice.channel().value(), notice.text(), Sql.timestamp(notice.createdAt()));
    }

    @Override
    public List<RelayedNotice> claimNotices(int shard, int shardCount, int max, Instant now, Duration claimFor) {
        return db.write("claiming relayed notices", () -> db.jdbc("claiming relayed notices", c -> {
            try (PreparedStatement take = c.prepareStatement("""
                    UPDATE relayed_notices SET claimed_until = ? WHERE notice_id IN (
                        SELECT notice_id FROM relayed_notices WHERE ((guild_id >> 22) % ?) = ?
                        AND (claimed_until IS NULL OR claimed_until <= ?)
                        ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING notice_id, guild_id, channel_id, text, created_at""")) {
                List<RelayedNotice> taken = new ArrayList<>();
                try (ResultSet rows = Sql.bind(take, Sql.timestamp(now.plus(claimFor)), shardCount, shard, Sql.timestamp(now), max)
                        .executeQuery()) {
                    while (rows.next()) {
                        taken.add(new RelayedNotice(rows.getObject(1, UUID.class), new GuildId(rows.getLong(2)),
                                new ChannelId(rows.getLong(3)), rows.getString(4), instant(rows, 5)));
                    }
                }
                taken.sort(java.util.Comparator.comparing(RelayedNotice::createdAt));
                return taken;
            }
        }));
    }

    @Override
    public void noticePosted(UUID notice) {
        update("removing a posted notice", "DELETE FROM relayed_notices WHERE notice_id = ?", notice);
    }

    @Override
    public Map<Integer, Long> waitingNotices(int shardCount) {
        return db.read("counting relayed notices", () -> db.jdbc("counting relayed notices", c -> {
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT (guild_id >> 22) % ?, count(*) FROM relayed_notices GROUP BY 1")) {
                Map<Integer, Long> waiting = new TreeMap<>();
                try (ResultSet rows = Sql.bind(count, shardCount).executeQuery()) {
                    while (rows.next()) {
                        waiting.put(rows.getInt(1), rows.getLong(2));
                    }
                }
                return waiting;
            }
        }));
    }

    @Override
    public List<FleetMember> fleet(Instant now, Duration expiry) {
        return db.read("reading the fleet", () -> db.jdbc("reading the fleet", c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT instance, last_heartbeat FROM fleet_instances WHERE last_heartbeat > ? ORDER BY instance")) {
                List<FleetMember> members = new ArrayList<>();
                try (ResultSet rows = Sql.bind(query, Sql.timestamp(now.minus(expiry))).executeQuery()) {
                    while (rows.next()) {
                        members.add(new FleetMember(new InstanceId(rows.getString(1)), instant(rows, 2)));
                    }
                }
                return members;
            }
        }));
    }

    @Override
    public List<ShardLease> leases() {
        return db.read("reading the shard leases", () -> db.jdbc("reading the shard leases", c -> {
            try (Statement query = c.createStatement();
                 ResultSet rows = query.executeQuery("SELECT shard, owner, renewed_at FROM shard_leases ORDER BY shard")) {
                List<ShardLease> leases = new ArrayList<>();
                while (rows.next()) {
                    leases.add(new ShardLease(rows.getInt(1), new InstanceId(rows.getString(2)), instant(rows, 3)));
                }
                return leases;
            }
        }));
    }

    @Override
    public Acquisition acquire(int shard, InstanceId instance, Instant now, Duration expiry) {
        return db.write("acquiring a shard lease", () -> db.jdbc("acquiring a shard lease", c -> {
            try (PreparedStatement take = c.prepareStatement(ACQUIRE)) {
                Sql.bind(take, shard, instance.value(), Sql.timestamp(now), Sql.timestamp(now.minus(expiry)));
                try (ResultSet rows = take.executeQuery()) {
                    if (rows.next()) {
                        return new Acquisition.Acquired(new ShardLease(shard, instance, instant(rows, 2)));
                    }
                }
            }
            try (PreparedStatement holder = c.prepareStatement("SELECT owner, renewed_at FROM shard_leases WHERE shard = ?")) {
                try (ResultSet rows = Sql.bind(holder, shard).executeQuery()) {
                    rows.next();
                    return new Acquisition.HeldByAnother(new ShardLease(shard, new InstanceId(rows.getString(1)), instant(rows, 2)));
                }
            }
        }));
    }

    @Override
    public void release(int shard, InstanceId instance) {
        update("releasing a shard lease", "DELETE FROM shard_leases WHERE shard = ? AND owner = ?", shard, instance.value());
    }

    @Override
    public void leave(InstanceId instance) {
        db.write("leaving the fleet", () -> {
            update("leaving the fleet", "DELETE FROM shard_leases WHERE owner = ?", instance.value());
            update("leaving the fleet", "DELETE FROM fleet_instances WHERE instance = ?", instance.value());
            return null;
        });
    }

    @Override
    public IdentifySlot reserveIdentify(int bucket, Instant now, Duration spacing, int dailyLimit) {
        return db.write("reserving an identify", () -> db.jdbc("reserving an identify", c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                Sql.bind(lock, IDENTIFY_LOCK).execute();
            }
            OffsetDateTime dayAgo = Sql.timestamp(now.minus(Duration.ofDays(1)));
            try (PreparedStatement prune = c.prepareStatement("DELETE FROM gateway_identifies WHERE at <= ?")) {
                Sql.bind(prune, dayAgo).executeUpdate();
            }
            try (PreparedStatement today = c.prepareStatement("SELECT count(*), min(at) FROM gateway_identifies");
                 ResultSet rows = today.executeQuery()) {
                rows.next();
                if (rows.getLong(1) >= dailyLimit) {
                    return new IdentifySlot.NotBefore(instant(rows, 2).plus(Duration.ofDays(1)), true);
                }
            }
            try (PreparedStatement last = c.prepareStatement("SELECT max(at) FROM gateway_identifies WHERE bucket = ?")) {
                try (ResultSet rows = Sql.bind(last, bucket).executeQuery()) {
                    rows.next();
                    OffsetDateTime at = rows.getObject(1, OffsetDateTime.class);
                    if (at != null && at.toInstant().plus(spacing).isAfter(now)) {
                        return new IdentifySlot.NotBefore(at.toInstant().plus(spacing), false);
                    }
                }
            }
            try (PreparedStatement record = c.prepareStatement("INSERT INTO gateway_identifies (bucket, at) VALUES (?, ?)")) {
                Sql.bind(record, bucket, Sql.timestamp(now)).executeUpdate();
            }
            return new IdentifySlot.Granted();
        }));
    }

    @Override
    public RegistrationClaim claimCommandRegistration(String commandSetHash, InstanceId instance, Instant now) {
        return db.write("claiming the command registration", () -> db.jdbc("claiming the command registration", c -> {
            try (PreparedStatement claim = c.prepareStatement("""
                    INSERT INTO command_registrations (command_set_hash, registered_by, registered_at) VALUES (?, ?, ?)
                    ON CONFLICT (command_set_hash) DO NOTHING""")) {
                if (Sql.bind(claim, commandSetHash, instance.value(), Sql.timestamp(now)).executeUpdate() == 1) {
                    return new RegistrationClaim.Claimed();
                }
            }
            try (PreparedStatement earlier = c.prepareStatement(
                    "SELECT registered_by, registered_at FROM command_registrations WHERE command_set_hash = ?")) {
                try (ResultSet rows = Sql.bind(earlier, commandSetHash).executeQuery()) {
                    rows.next();
                    return new RegistrationClaim.AlreadyClaimed(new InstanceId(rows.getString(1)), instant(rows, 2));
                }
            }
        }));
    }

    private void update(String what, String sql, Object... values) {
        db.write(what, () -> db.jdbc(what, c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                return Sql.bind(statement, values).executeUpdate();
            }
        }));
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
