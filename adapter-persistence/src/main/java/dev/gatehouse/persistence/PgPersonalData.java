package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.port.out.AuditLog.AuditEntry;
import dev.gatehouse.core.port.out.PersonalData;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's rows across the tables: sessions, hand-offs and wrong answers through their repositories; member
 * updates (of the tenant's servers), rate-limit keys and audit details by plain SQL. The audit details are searched
 * with {@code strpos} for each naming word and rewritten row by row, so an entry keeps its id and time.
 */
@Singleton
@Bean(typed = PgPersonalData.class)
final class PgPersonalData implements PersonalData {
    private static final String[] RATE_KEY_TABLES = {"rate_limit_events", "rate_limit_keys", "rate_limit_blocks",
            "rate_limit_failure_counts"};

    private final Db db;
    private final SessionRepository sessions;
    private final HandoffRequestRepository handoffs;
    private final WrongAnswerRepository wrongAnswers;

    PgPersonalData(Db db, SessionRepository sessions, HandoffRequestRepository handoffs, WrongAnswerRepository wrongAnswers) {
        this.db = db;
        this.sessions = sessions;
        this.handoffs = handoffs;
        this.wrongAnswers = wrongAnswers;
    }

    @Override
    public Held find(TenantId tenant, Person person) {
        String t = tenant.value();
        return db.read("finding a person's data", () -> new Held(
                sessions.ofPerson(t, user(person), discord(person)).stream().map(PgSessions::session).toList(),
                handoffs.ofRequester(t, discord(person)).stream().map(PgHandoffRequests::request).toList(),
                wrongAnswers.ofMember(t, discord(person)).stream()
                        .map(r -> new WrongAnswer(tenant, new GuildId(r.guildId()), new DiscordUserId(r.memberId()), r.original(), r.at()))
                        .toList(),
                db.jdbc("reading a person's audit entries", c -> auditNaming(c, tenant, person)).stream().map(AuditRow::entry).toList()));
    }

    @Override
    public Erased erase(TenantId tenant, Person person, String pseudonym) {
        String t = tenant.value();
        return db.write("erasing a person's data", () -> {
            long sessionCount = sessions.deleteOfPerson(t, user(person), discord(person));
            long handoffCount = handoffs.deleteOfRequester(t, discord(person));
            long answerCount = wrongAnswers.deleteOfMember(t, discord(person));
            return db.jdbc("erasing a person's records", c -> {
                long updates = 0;
                if (person.discordUser().isPresent()) {
                    try (PreparedStatement s = c.prepareStatement("""
                            DELETE FROM member_updates
                            WHERE member_id = ? AND guild_id IN (SELECT guild_id FROM guilds WHERE tenant_id = ?)""")) {
                        s.setLong(1, discord(person));
                        s.setString(2, t);
                        updates = s.executeUpdate();
                    }
                }
                long keys = eraseRateKeys(c, tenant, person);
                List<AuditRow> named = auditNaming(c, tenant, person);
                try (PreparedStatement s = c.prepareStatement("UPDATE audit_events SET detail = ? WHERE event_id = ?")) {
                    for (AuditRow row : named) {
                        s.setString(1, person.pseudonymise(row.entry().detail(), pseudonym));
                        s.setLong(2, row.id());
                        s.addBatch();
                    }
                    if (!named.isEmpty()) {
                        s.executeBatch();
                    }
                }
                return new Erased(sessionCount, handoffCount, answerCount, updates, keys, named.size());
            });
        });
    }

    private static long eraseRateKeys(Connection c, TenantId tenant, Person person) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT key FROM rate_limit_keys WHERE key LIKE ? ESCAPE '!'
                UNION SELECT key FROM rate_limit_events WHERE key LIKE ? ESCAPE '!'
                UNION SELECT key FROM rate_limit_blocks WHERE key LIKE ? ESCAPE '!'
                UNION SELECT key FROM rate_limit_failure_counts WHERE key LIKE ? ESCAPE '!'""")) {
            String pattern = "%:" + tenant.value().replace("!", "!!").replace("%", "!%").replace("_", "!_") + ":%";
            for (int i = 1; i <= 4; i++) {
                s.setString(i, pattern);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    if (person.ownsRateKey(tenant, key)) {
                        keys.add(key);
                    }
                }
            }
        }
        if (keys.isEmpty()) {
            return 0;
        }
        for (String table : RATE_KEY_TABLES) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE key = ANY (?)")) {
                s.setArray(1, c.createArrayOf("text", keys.toArray()));
                s.executeUpdate();
            }
        }
        return keys.size();
    }

    private static List<AuditRow> auditNaming(Connection c, TenantId tenant, Person person) throws SQLException {
        List<AuditRow> rows = new ArrayList<>();
        if (person.namingWords().isEmpty()) {
            return rows;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT event_id, action, detail, at FROM audit_events
                WHERE tenant_id = ? AND EXISTS (SELECT 1 FROM unnest(?::text[]) w WHERE strpos(detail, w) > 0)
                ORDER BY event_id""")) {
            s.setString(1, tenant.value());
            s.setArray(2, c.createArrayOf("text", person.namingWords().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new AuditRow(rs.getLong(1), new AuditEntry(tenant, rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant())));
                }
            }
        }
        return rows;
    }

    private static String user(Person person) {
        return person.user().map(DirectoryUserId::value).orElse("");
    }

    private static long discord(Person person) {
        return person.discordUser().map(DiscordUserId::value).orElse(0L);
    }

    private record AuditRow(long id, AuditEntry entry) {
    }
}
