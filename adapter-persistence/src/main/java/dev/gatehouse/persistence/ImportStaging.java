package dev.gatehouse.persistence;

import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.GroupName;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A temporary table ({@code import_rows}, dropped at commit) filled through {@code COPY … FROM STDIN} while the
 * file is read, so a file of any size streams into the database without being held in memory. Directory users
 * and links share the table ({@code kind} U or L) because a connection can feed only one COPY at a time.
 */
final class ImportStaging implements AutoCloseable {
    private static final int FLUSH_AT = 256 * 1024;

    private final CopyIn copy;
    private final StringBuilder pending = new StringBuilder(FLUSH_AT + 1024);
    private long users;
    private long links;

    ImportStaging(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TEMPORARY TABLE import_rows (
                        line bigint NOT NULL, kind char(1) NOT NULL, user_id text NOT NULL,
                        email text, display_name text, discord_user_id bigint, groups text
                    ) ON COMMIT DROP
                    """);
        }
        copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY import_rows (line, kind, user_id, email, display_name, discord_user_id, groups) FROM STDIN");
    }

    void user(DirectoryRow.User user) throws SQLException {
        pending.append(user.line()).append("\tU\t");
        escape(user.id().value());
        pending.append('\t');
        escape(user.email().value());
        pending.append('\t');
        escape(user.name().value());
        pending.append("\t\\N\t");
        escape(GroupName.format(user.groups()));
        pending.append('\n');
        users++;
        flushIfFull();
    }

    void link(DirectoryRow.Link link) throws SQLException {
        pending.append(link.line()).append("\tL\t");
        escape(link.user().value());
        pending.append("\t\\N\t\\N\t").append(link.discordUser().value()).append("\t\\N\n");
        links++;
        flushIfFull();
    }

    long users() {
        return users;
    }

    long links() {
        return links;
    }

    /** Ends the COPY; the rows are then visible to the transaction. */
    void finish() throws SQLException {
        flush();
        copy.endCopy();
    }

    /** Abandons an unfinished COPY so the transaction can be rolled back. */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void flushIfFull() throws SQLException {
        if (pending.length() >= FLUSH_AT) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (pending.length() > 0) {
            byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            pending.setLength(0);
        }
    }

    /** COPY text format: backslash, tab, newline and carriage return are escaped. */
    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> pending.append("\\\\");
                case '\t' -> pending.append("\\t");
                case '\n' -> pending.append("\\n");
                case '\r' -> pending.append("\\r");
                default -> pending.append(c);
            }
        }
    }
}
