package dev.gatehouse.app.directory;

import dev.gatehouse.core.model.DirectoryRow;
import dev.gatehouse.core.model.GroupName;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV rows through Commons CSV (RFC 4180, CRLF or LF): a header row naming the columns, then one user per row; an
 * optional {@code groups} column holds a person's groups separated by {@code ;}.
 */
final class CsvRows extends RowReader {
    private static final int MAX_FIELDS = 64;
    /** Characters one row may take, so a quote left open doesn't buffer the rest of the file. */
    private static final int MAX_ROW_LENGTH = MAX_FIELDS * (DirectoryFiles.MAX_FIELD_LENGTH + 3);
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final BoundedRows text;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long recordLine;
    private int headerSize = -1;
    private int idColumn = -1;
    private int emailColumn = -1;
    private int nameColumn = -1;
    private int groupsColumn = -1;

    CsvRows(Reader reader) throws IOException {
        this(new BoundedRows(reader));
    }

    private CsvRows(BoundedRows text) throws IOException {
        super(text);
        this.text = text;
        this.parser = CSVParser.builder().setReader(text).setFormat(FORMAT).get();
        this.records = parser.iterator();
    }

    @Override
    DirectoryRow read() {
        try {
            if (headerSize < 0) {
                readHeader(nextRecord().orElseThrow(() -> new Refusal(1,
                        "the file is empty; expected a header row: user_id,email,name")));
            }
            Optional<CSVRecord> next = nextRecord();
            if (next.isEmpty()) {
                return null;
            }
            CSVRecord row = next.get();
            if (row.size() != headerSize) {
                throw new Refusal(recordLine, "expected " + headerSize + " fields, found " + row.size());
            }
            for (String field : row) {
                if (field.length() > DirectoryFiles.MAX_FIELD_LENGTH) {
                    throw new Refusal(recordLine, RowTooLong.MESSAGE);
                }
            }
            List<String> groups = groupsColumn < 0 ? List.of() : List.of(row.get(groupsColumn).split(GroupName.SEPARATOR));
            return DirectoryRow.user(recordLine, row.get(idColumn), row.get(emailColumn), row.get(nameColumn), groups);
        } catch (Refusal r) {
            return new DirectoryRow.Unreadable(r.line, r.getMessage());
        }
    }

    private void readHeader(CSVRecord header) throws Refusal {
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
            String column = switch (name) {
                case "id", "userid" -> "user id";
                case "email", "emailaddress", "mail" -> "email";
                case "name", "displayname", "fullname" -> "name";
                case "groups", "group", "affiliation", "affiliations" -> "groups";
                default -> null;
            };
            if ("groups".equals(column)) {
                if (groupsColumn >= 0) {
                    throw new Refusal(recordLine, "the header row names the groups column twice");
                }
                groupsColumn = i;
                continue;
            }
            if (column == null) {
                continue;
            }
            int existing = column.equals("user id") ? idColumn : column.equals("email") ? emailColumn : nameColumn;
            if (existing >= 0) {
                throw new Refusal(recordLine, "the header row names the " + column + " column twice");
            }
            switch (column) {
                case "user id" -> idColumn = i;
                case "email" -> emailColumn = i;
                default -> nameColumn = i;
            }
        }
        String missing = idColumn < 0 ? "user_id" : emailColumn < 0 ? "email" : nameColumn < 0 ? "name" : null;
        if (missing != null) {
            throw new Refusal(recordLine, "the header row has no " + missing + " column; it must name the columns user_id, email and name");
        }
        headerSize = header.size();
    }

    /** The next record that isn't a blank line, with {@link #recordLine} set to the line it starts on. */
    private Optional<CSVRecord> nextRecord() throws Refusal {
        while (true) {
            recordLine = parser.getCurrentLineNumber() + 1;
            text.startRow();
            try {
                if (!records.hasNext()) {
                    return Optional.empty();
                }
                CSVRecord record = records.next();
                if (record.size() > MAX_FIELDS) {
                    throw new Refusal(recordLine, "a row has more than " + MAX_FIELDS + " fields");
                }
                if (!(record.size() == 1 && record.get(0).isEmpty())) {
                    return Optional.of(record);
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof RowTooLong) {
                    throw new Refusal(recordLine, RowTooLong.MESSAGE);
                }
                if (e.getCause() instanceof CSVException) {
                    throw new Refusal(recordLine, formatProblem(e.getCause().getMessage()));
                }
                throw e;
            }
        }
    }

    /** A row that breaks the format; reading stops there. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final long line;

        Refusal(long line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }
    }

    private static String formatProblem(String message) {
        if (message != null && message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted field is not closed before the end of the file";
        }
        if (message != null && message.contains("invalid char between encapsulated token and delimiter")) {
            return "a quoted field must end at a comma or the end of the line";
        }
        return "not valid CSV: " + DirectoryFiles.shorten(message);
    }

    /** A row longer than the limit. */
    private static final class RowTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        static final String MESSAGE = "a field is longer than " + DirectoryFiles.MAX_FIELD_LENGTH + " characters";

        RowTooLong() {
            super(MESSAGE);
        }
    }

    /** Counts the characters read since the current row started, refusing to read far past the limit. */
    private static final class BoundedRows extends FilterReader {
        private long sinceRowStart;

        BoundedRows(Reader in) {
            super(in);
        }

        void startRow() {
            sinceRowStart = 0;
        }

        @Override
        public int read() throws IOException {
            count(1);
            return super.read();
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            sinceRowStart += n;
            if (sinceRowStart > MAX_ROW_LENGTH + 16 * 1024) {
                throw new RowTooLong();
            }
        }
    }
}
