package dev.gatehouse.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.gatehouse.core.model.DirectoryUser;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.DisplayName;
import dev.gatehouse.core.model.EmailAddress;
import dev.gatehouse.core.model.TenantId;
import dev.gatehouse.core.model.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Imports an organisation's directory from a file, all or nothing: every row is checked with the core's value
 * objects while the file streams into a staging table, then one transaction adds new users, updates changed
 * ones in place and leaves the rest. A single bad row (missing field, bad email, an id twice, a wrong number of
 * columns, an oversized field) rejects the whole file with its line number, and nothing changes.
 *
 * <p>Formats:
 * <ul>
 *   <li>CSV, UTF-8 (a byte order mark is allowed), with a header row naming the columns {@code user_id} (or
 *       {@code id}), {@code email} and {@code name}, in any order; further columns are ignored.</li>
 *   <li>JSON: an array of {@code {"id" | "user_id": …, "email": …, "name": …}}, or the tutorial bot's
 *       {@code database.json}: {@code {"users": {"<user id>": {"email": …, "name": …}}, "discord": {"<Discord
 *       id>": "<user id>"}}}, whose {@code discord} entries become links (origin IMPORT), so a server moves over
 *       with its verified members.</li>
 * </ul>
 * An imported link that contradicts an existing one (the Discord account or the user already linked elsewhere
 * in the tenant) rejects the file: an admin unlinks first. Imported links queue no role changes.
 *
 * <p>The import is one Micronaut transaction; its statements are plain JDBC on that transaction's connection,
 * because the rows stream in through PostgreSQL's {@code COPY}, which no repository can express, and the checks
 * and the upsert are set-based SQL over the staging table.
 */
public final class DirectoryImporter {
    /** Longest field accepted, in characters; longer ones reject the file rather than being cut. */
    public static final int MAX_FIELD_LENGTH = 1024;
    private static final int MAX_CSV_FIELDS = 64;
    /** Memory for the import's joins and duplicate checks, for this transaction only. */
    private static final String WORK_MEM = "128MB";

    private final Db db;
    private final PgMembershipIndex index;
    private final Clock clock;
    private final JsonFactory json = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_FIELD_LENGTH)
                    .maxNameLength(MAX_FIELD_LENGTH)
                    .maxNestingDepth(8)
                    .build())
            .build();

    DirectoryImporter(Db db, PgMembershipIndex index, Clock clock) {
        this.db = db;
        this.index = index;
        this.clock = clock;
    }

    /** The outcome of an import. */
    public sealed interface ImportResult {
        /** The file was imported; what changed. */
        record Imported(ImportCounts counts) implements ImportResult {
            public Imported {
                Objects.requireNonNull(counts, "counts");
            }
        }

        /** Nothing was imported because of the given line (1-based) of the file. */
        record Rejected(long line, String reason) implements ImportResult {
            public Rejected {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /**
     * Users new to the tenant, users whose email or name changed, users already as in the file, and links
     * imported ({@code linksUnchanged}: links the tenant already had).
     */
    public record ImportCounts(long added, long updated, long unchanged, long linksImported, long linksUnchanged) {
    }

    /**
     * Imports a CSV file decoded as UTF-8.
     *
     * @throws IllegalArgumentException if the tenant doesn't exist
     * @throws dev.gatehouse.core.port.out.StoreUnavailableException if the database can't be reached
     */
    public ImportResult importCsv(TenantId tenant, InputStream utf8) {
        return importCsv(tenant, utf8Reader(utf8));
    }

    /** Imports CSV text; see {@link #importCsv(TenantId, InputStream)}. */
    public ImportResult importCsv(TenantId tenant, Reader csv) {
        return run(tenant, staging -> readCsv(tenant, new CsvRecords(csv, MAX_FIELD_LENGTH, MAX_CSV_FIELDS), staging));
    }

    /**
     * Imports a JSON file decoded as UTF-8.
     *
     * @throws IllegalArgumentException if the tenant doesn't exist
     * @throws dev.gatehouse.core.port.out.StoreUnavailableException if the database can't be reached
     */
    public ImportResult importJson(TenantId tenant, InputStream utf8) {
        return importJson(tenant, utf8Reader(utf8));
    }

    /** Imports JSON text; see {@link #importJson(TenantId, InputStream)}. */
    public ImportResult importJson(TenantId tenant, Reader text) {
        return run(tenant, staging -> {
            try (JsonParser parser = json.createParser(withoutByteOrderMark(text))) {
                try {
                    readJson(tenant, parser, staging);
                } catch (JsonProcessingException e) {
                    long line = e.getLocation() != null ? e.getLocation().getLineNr() : parser.currentLocation().getLineNr();
                    throw new Rejection(line, "not valid JSON: " + shorten(e.getOriginalMessage()));
                }
            }
        });
    }

    /** Reads the file into the staging table, throwing {@link Rejection} at the first bad row. */
    @FunctionalInterface
    private interface FileReader {
        void read(ImportStaging staging) throws IOException, SQLException;
    }

    /** A bad row: the import stops and its transaction rolls back. */
    private static final class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long line;

        Rejection(long line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }
    }

    private ImportResult run(TenantId tenant, FileReader file) {
        Objects.requireNonNull(tenant, "tenant");
        try {
            ImportCounts counts = db.inTransaction(() -> db.jdbc("importing a directory", c -> {
                requireTenant(c, tenant);
                try (ImportStaging staging = new ImportStaging(c)) {
                    try {
                        file.read(staging);
                    } catch (CharacterCodingException e) {
                        throw new Rejection(0, "the file is not UTF-8 text");
                    } catch (IOException e) {
                        throw new UncheckedIOException("reading the import file failed", e);
                    }
                    staging.finish();
                    return apply(c, tenant, staging);
                }
            }));
            if (counts.linksImported() > 0) {
                index.reload();
            }
            return new ImportResult.Imported(counts);
        } catch (Rejection r) {
            return new ImportResult.Rejected(r.line, r.getMessage());
        }
    }

    private static void requireTenant(Connection c, TenantId tenant) throws SQLException {
        try (PreparedStatement s = Sql.bind(c.prepareStatement("SELECT 1 FROM tenants WHERE tenant_id = ? FOR SHARE"), tenant.value());
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalArgumentException("no tenant " + tenant);
            }
        }
    }

    private ImportCounts apply(Connection c, TenantId tenant, ImportStaging staging) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL work_mem = '" + WORK_MEM + "'");
            s.execute("ANALYZE import_rows");
        }
        long added = 0;
        long updated = 0;
        if (staging.users() > 0) {
            rejectFirstRepeat(c, "U", "user_id", "user id");
            try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                    WITH saved AS (
                        INSERT INTO directory_users (tenant_id, user_id, email, display_name)
                        SELECT ?, r.user_id, r.email, r.display_name
                        FROM import_rows r LEFT JOIN directory_users d ON d.tenant_id = ? AND d.user_id = r.user_id
                        WHERE r.kind = 'U'
                          AND (d.user_id IS NULL OR (d.email, d.display_name) IS DISTINCT FROM (r.email, r.display_name))
                        ON CONFLICT (tenant_id, user_id) DO UPDATE
                            SET email = EXCLUDED.email, display_name = EXCLUDED.display_name
                        RETURNING (xmax = 0) AS added)
                    SELECT count(*) FILTER (WHERE added), count(*) FILTER (WHERE NOT added) FROM saved
                    """), tenant.value(), tenant.value());
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                added = rs.getLong(1);
                updated = rs.getLong(2);
            }
        }
        long linksImported = 0;
        if (staging.links() > 0) {
            rejectFirstRepeat(c, "L", "discord_user_id", "Discord user");
            rejectFirstRepeat(c, "L", "user_id", "user id");
            rejectFirst(c, tenant, """
                    SELECT line, user_id FROM import_rows r
                    WHERE kind = 'L' AND NOT EXISTS (
                        SELECT 1 FROM directory_users d WHERE d.tenant_id = ? AND d.user_id = r.user_id)
                    ORDER BY line LIMIT 1
                    """, "Discord user links to user id '%s', which is not in the directory");
            rejectFirst(c, tenant, """
                    SELECT r.line, r.discord_user_id::text FROM import_rows r
                    JOIN links l ON l.tenant_id = ? AND l.discord_user_id = r.discord_user_id
                    WHERE r.kind = 'L' AND l.directory_user_id <> r.user_id
                    ORDER BY r.line LIMIT 1
                    """, "Discord user %s is already linked to another user in this tenant; unlink it first");
            rejectFirst(c, tenant, """
                    SELECT r.line, r.user_id FROM import_rows r
                    JOIN links l ON l.tenant_id = ? AND l.directory_user_id = r.user_id
                    WHERE r.kind = 'L' AND l.discord_user_id <> r.discord_user_id
                    ORDER BY r.line LIMIT 1
                    """, "user id '%s' is already linked to another Discord account in this tenant; unlink it first");
            try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                    WITH inserted AS (
                        INSERT INTO links (tenant_id, discord_user_id, directory_user_id, linked_at, origin)
                        SELECT ?, discord_user_id, user_id, ?, 'IMPORT' FROM import_rows WHERE kind = 'L'
                        ON CONFLICT DO NOTHING
                        RETURNING 1)
                    SELECT count(*) FROM inserted
                    """), tenant.value(), Sql.timestamp(clock.instant()));
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                linksImported = rs.getLong(1);
            }
            if (linksImported > 0) {
                try (PreparedStatement s = Sql.bind(c.prepareStatement("SELECT pg_notify(?, '*')"), PgLinks.CHANNEL)) {
                    s.execute();
                }
            }
        }
        return new ImportCounts(added, updated, staging.users() - added - updated, linksImported, staging.links() - linksImported);
    }

    /**
     * Rejects the file at the second occurrence of a value of {@code column} among rows of {@code kind}, if any.
     * A hash aggregate answers "any repeat?" cheaply; only a file with a repeat pays for finding its first line.
     */
    private static void rejectFirstRepeat(Connection c, String kind, String column, String what) throws SQLException {
        try (PreparedStatement s = Sql.bind(c.prepareStatement(
                "SELECT 1 FROM import_rows WHERE kind = ? GROUP BY %s HAVING count(*) > 1 LIMIT 1".formatted(column)), kind);
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return;
            }
        }
        try (PreparedStatement s = Sql.bind(c.prepareStatement("""
                SELECT line, first_line, value FROM (
                    SELECT line, %1$s::text AS value, min(line) OVER (PARTITION BY %1$s) AS first_line
                    FROM import_rows WHERE kind = ?) r
                WHERE line > first_line ORDER BY line LIMIT 1
                """.formatted(column)), kind);
                ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                throw new Rejection(rs.getLong(1), what + " '" + Texts.preview(rs.getString(3)) + "' appears again (first on line "
                        + rs.getLong(2) + ")");
            }
        }
    }

    private static void rejectFirst(Connection c, TenantId tenant, String sql, String reason) throws SQLException {
        try (PreparedStatement s = Sql.bind(c.prepareStatement(sql), tenant.value()); ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                throw new Rejection(rs.getLong(1), reason.formatted(Texts.preview(rs.getString(2))));
            }
        }
    }

    private static void readCsv(TenantId tenant, CsvRecords csv, ImportStaging staging) throws IOException, SQLException {
        try {
            List<String> header = csv.next();
            if (header == null) {
                throw new Rejection(1, "the file is empty; expected a header row: user_id,email,name");
            }
            int idColumn = -1;
            int emailColumn = -1;
            int nameColumn = -1;
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
                int column = i;
                switch (name) {
                    case "id", "userid" -> idColumn = checkOnce(idColumn, column, csv.recordLine(), "user id");
                    case "email", "emailaddress", "mail" -> emailColumn = checkOnce(emailColumn, column, csv.recordLine(), "email");
                    case "name", "displayname", "fullname" -> nameColumn = checkOnce(nameColumn, column, csv.recordLine(), "name");
                    default -> {
                    }
                }
            }
            if (idColumn < 0 || emailColumn < 0 || nameColumn < 0) {
                throw new Rejection(csv.recordLine(), "the header row must name the columns user_id, email and name");
            }
            for (List<String> row = csv.next(); row != null; row = csv.next()) {
                if (row.size() != header.size()) {
                    throw new Rejection(csv.recordLine(), "expected " + header.size() + " fields, found " + row.size());
                }
                staging.user(csv.recordLine(), user(tenant, csv.recordLine(), row.get(idColumn), row.get(emailColumn), row.get(nameColumn)));
            }
        } catch (CsvRecords.CsvException e) {
            throw new Rejection(e.line, e.getMessage());
        }
    }

    private static int checkOnce(int current, int column, long line, String what) {
        if (current >= 0) {
            throw new Rejection(line, "the header row names the " + what + " column twice");
        }
        return column;
    }

    private static DirectoryUser user(TenantId tenant, long line, String id, String email, String name) {
        try {
            return new DirectoryUser(tenant, new DirectoryUserId(id), new EmailAddress(email), new DisplayName(name));
        } catch (IllegalArgumentException e) {
            throw new Rejection(line, e.getMessage());
        }
    }

    private static void readJson(TenantId tenant, JsonParser p, ImportStaging staging) throws IOException, SQLException {
        JsonToken first = p.nextToken();
        if (first == JsonToken.START_ARRAY) {
            readUserArray(tenant, p, staging);
        } else if (first == JsonToken.START_OBJECT) {
            boolean any = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("users") && value == JsonToken.START_OBJECT) {
                    readUserMap(tenant, p, staging);
                    any = true;
                } else if (field.equals("users") && value == JsonToken.START_ARRAY) {
                    readUserArray(tenant, p, staging);
                    any = true;
                } else if (field.equals("discord") && value == JsonToken.START_OBJECT) {
                    readDiscordMap(p, staging);
                    any = true;
                } else if (field.equals("users") || field.equals("discord")) {
                    throw new Rejection(line(p), "\"" + field + "\" must be an object");
                } else {
                    p.skipChildren();
                }
            }
            if (!any) {
                throw new Rejection(line(p), "expected \"users\" (and optionally \"discord\") in the top-level object");
            }
        } else {
            throw new Rejection(line(p), "expected an array of users or an object with \"users\"");
        }
        if (p.nextToken() != null) {
            throw new Rejection(line(p), "unexpected content after the end of the JSON document");
        }
    }

    private static void readUserArray(TenantId tenant, JsonParser p, ImportStaging staging) throws IOException, SQLException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                throw new Rejection(line(p), "each user must be an object with id, email and name");
            }
            long line = line(p);
            String id = null;
            String email = null;
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "id", "user_id" -> {
                        if (id != null) {
                            throw new Rejection(line(p), "a user has both \"id\" and \"user_id\"");
                        }
                        id = scalar(p, field);
                    }
                    case "email" -> email = scalar(p, field);
                    case "name" -> name = scalar(p, field);
                    default -> p.skipChildren();
                }
            }
            staging.user(line, user(tenant, line, required(id, "user id", line), required(email, "email", line),
                    required(name, "name", line)));
        }
    }

    private static void readUserMap(TenantId tenant, JsonParser p, ImportStaging staging) throws IOException, SQLException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            long line = line(p);
            String id = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Rejection(line(p), "user '" + Texts.preview(id) + "' must be an object with email and name");
            }
            String email = null;
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "email" -> email = scalar(p, field);
                    case "name" -> name = scalar(p, field);
                    default -> p.skipChildren();
                }
            }
            staging.user(line, user(tenant, line, id, required(email, "email", line), required(name, "name", line)));
        }
    }

    private static void readDiscordMap(JsonParser p, ImportStaging staging) throws IOException, SQLException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            long line = line(p);
            String discordId = p.currentName();
            p.nextToken();
            String userId = scalar(p, "discord." + Texts.preview(discordId));
            try {
                staging.link(line, DiscordUserId.parse(discordId), new DirectoryUserId(userId));
            } catch (IllegalArgumentException e) {
                throw new Rejection(line, e.getMessage());
            }
        }
    }

    private static String scalar(JsonParser p, String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        throw new Rejection(line(p), "\"" + field + "\" must be a string");
    }

    private static String required(String value, String what, long line) {
        if (value == null) {
            throw new Rejection(line, "a user has no " + what);
        }
        return value;
    }

    private static long line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static Reader utf8Reader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    private static String shorten(String message) {
        String oneLine = message == null ? "" : message.replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
