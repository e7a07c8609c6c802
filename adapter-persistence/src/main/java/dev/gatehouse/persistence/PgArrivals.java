package dev.gatehouse.persistence;

import dev.gatehouse.core.model.Arrival;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.port.out.Arrivals;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The members counted for removal in {@code arrivals}. Due warnings and removals are taken with one statement
 * each over rows locked {@code FOR UPDATE SKIP LOCKED}: concurrent sweeps on several instances take disjoint
 * members, and a member taken in a transaction that commits is never taken again.
 */
@Singleton
@Bean(typed = PgArrivals.class)
final class PgArrivals implements Arrivals {
    private static final String COLUMNS = "guild_id, member_id, joined_at, warned_at";

    private final Db db;

    PgArrivals(Db db) {
        this.db = db;
    }

    @Override
    public int arrived(GuildId guild, Collection<DiscordUserId> members, Instant at) {
        if (members.isEmpty()) {
            return 0;
        }
        return db.write("recording arrivals", () -> db.jdbc("recording arrivals", c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO arrivals (guild_id, member_id, joined_at)
                    SELECT ?, member, ? FROM unnest(?::bigint[]) AS member
                    WHERE EXISTS (SELECT 1 FROM guilds WHERE guild_id = ?)
                    ON CONFLICT (guild_id, member_id) DO NOTHING""")) {
                insert.setLong(1, guild.value());
                insert.setObject(2, timestamp(at));
                insert.setArray(3, ids(c, members));
                insert.setLong(4, guild.value());
                return insert.executeUpdate();
            }
        }));
    }

    @Override
    public void forget(Collection<GuildId> guilds, DiscordUserId member) {
        if (guilds.isEmpty()) {
            return;
        }
        db.write("forgetting an arrival", () -> db.jdbc("forgetting an arrival", c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM arrivals WHERE guild_id = ANY (?::bigint[]) AND member_id = ?")) {
                delete.setArray(1, c.createArrayOf("bigint", guilds.stream().map(GuildId::value).toArray()));
                delete.setLong(2, member.value());
                return delete.executeUpdate();
            }
        }));
    }

    @Override
    public long forgetServer(GuildId guild) {
        return db.write("forgetting a server's arrivals", () -> db.jdbc("forgetting a server's arrivals", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM arrivals WHERE guild_id = ?")) {
                delete.setLong(1, guild.value());
                return (long) delete.executeUpdate();
            }
        }));
    }

    @Override
    public Optional<Arrival> find(GuildId guild, DiscordUserId member) {
        return db.jdbc("finding an arrival", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM arrivals WHERE guild_id = ? AND member_id = ?")) {
                select.setLong(1, guild.value());
                select.setLong(2, member.value());
                List<Arrival> found = read(select);
                return found.stream().findFirst();
            }
        });
    }

    @Override
    public long count(GuildId guild) {
        return db.jdbc("counting arrivals", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT count(*) FROM arrivals WHERE guild_id = ?")) {
                select.setLong(1, guild.value());
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    @Override
    public List<Arrival> takeDueWarnings(GuildId guild, Instant joinedBy, Instant now, int max) {
        requirePositive(max);
        return db.write("taking due warnings", () -> db.jdbc("taking due warnings", c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    WITH due AS (
                        SELECT guild_id, member_id FROM arrivals
                        WHERE guild_id = ? AND warned_at IS NULL AND joined_at <= ?
                        ORDER BY joined_at, member_id LIMIT ? FOR UPDATE SKIP LOCKED)
                    UPDATE arrivals a SET warned_at = ? FROM due
                    WHERE a.guild_id = due.guild_id AND a.member_id = due.member_id AND a.warned_at IS NULL
                    RETURNING a.guild_id, a.member_id, a.joined_at, a.warned_at""")) {
                update.setLong(1, guild.value());
                update.setObject(2, timestamp(joinedBy));
                update.setInt(3, max);
                update.setObject(4, timestamp(now));
                return oldestFirst(read(update));
            }
        }));
    }

    @Override
    public List<Arrival> takeDueRemovals(GuildId guild, Instant joinedBy, Instant warnedBy, int max) {
        requirePositive(max);
        return db.write("taking due removals", () -> db.jdbc("taking due removals", c -> {
            try (PreparedStatement delete = c.prepareStatement("""
                    WITH due AS (
                        SELECT guild_id, member_id FROM arrivals
                        WHERE guild_id = ? AND warned_at <= ? AND joined_at <= ?
                        ORDER BY joined_at, member_id LIMIT ? FOR UPDATE SKIP LOCKED)
                    DELETE FROM arrivals a USING due
                    WHERE a.guild_id = due.guild_id AND a.member_id = due.member_id
                    RETURNING a.guild_id, a.member_id, a.joined_at, a.warned_at""")) {
                delete.setLong(1, guild.value());
                delete.setObject(2, timestamp(warnedBy));
                delete.setObject(3, timestamp(joinedBy));
                delete.setInt(4, max);
                return oldestFirst(read(delete));
            }
        }));
    }

    private static List<Arrival> read(PreparedStatement statement) throws SQLException {
        List<Arrival> arrivals = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                OffsetDateTime warned = rows.getObject(4, OffsetDateTime.class);
                arrivals.add(new Arrival(new GuildId(rows.getLong(1)), new DiscordUserId(rows.getLong(2)),
                        rows.getObject(3, OffsetDateTime.class).toInstant(), Optional.ofNullable(warned).map(OffsetDateTime::toInstant)));
            }
        }
        return arrivals;
    }

    /** RETURNING gives no order of its own. */
    private static List<Arrival> oldestFirst(List<Arrival> arrivals) {
        arrivals.sort(java.util.Comparator.comparing(Arrival::joinedAt).thenComparingLong(a -> a.member().value()));
        return arrivals;
    }

    private static Array ids(java.sql.Connection c, Collection<DiscordUserId> members) throws SQLException {
        return c.createArrayOf("bigint", members.stream().map(DiscordUserId::value).toArray());
    }

    private static OffsetDateTime timestamp(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static void requirePositive(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
    }
}
