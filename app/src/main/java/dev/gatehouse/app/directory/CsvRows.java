package dev.gatehouse.app.directory;

import dev.gatehouse.core.model.DirectoryRow;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV rows through Commons CSV (RFC 4180, CRLF or LF): a header row naming the columns, then one user per row. */
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
    private String failure;
    private long failedAt;

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
    DirectoryRow read() throws IOException {
        if (headerSize < 0) {
            CSVRecord header = nextRecord();
            if (header == null) {
                return recordLine < 0 ? unreadable() : new DirectoryRow.Unreadable(1,
                        "the file is empty; expected a header row: user_id,email,name");
            }
            DirectoryRow problem = readHeader(header);
            if (problem != null) {
                return problem;
            }
        }
        CSVRecord row = nextRecord();
        if (row == null) {
            return recordLine < 0 ? unreadable() : null;
        }
        if (row.size() != headerSize) {
            return new DirectoryRow.Unreadable(recordLine, "expected " + headerSize + " fields, found " + row.size());
        }
        DirectoryRow tooLong = tooLong(row);
        if (tooLong != null) {
            return tooLong;
        }
        return DirectoryRow.user(recordLine, row.get(idColumn), row.get(emailColumn), row.get(nameColumn));
    }

    private DirectoryRow readHeader(CSVRecord header) {
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
            String column = switch (name) {
                case "id", "userid" -> "user id";
                case "email", "emailaddress", "mail" -> "email";
                case "name", "displayname", "fullname" -> "name";
                default -> null;
            };
            if (column == null) {
                continue;
            }
            int existing = column.equals("user id") ? idColumn : column.equals("email") ? emailColumn : nameColumn;
            if (existing >= 0) {
                return new DirectoryRow.Unreadable(recordLine, "the header row names the " + column + " column twice");
            }
            switch (column) {
                case "user id" -> idColumn = i;
                case "email" -> emailColumn = i;
                default -> nameColumn = i;
            }
        }
        String missing = idColumn < 0 ? "user_id" : emailColumn < 0 ? "email" : nameColumn < 0 ? "name" : null;
        if (missing != null) {
            return new DirectoryRow.Unreadable(recordLine, "the header row has no " + missing
                    + " column; it must name the columns user_id, email and name");
        }
        headerSize = header.size();
        return null;
    }

    private DirectoryRow tooLong(CSVRecord row) {
        for (String field : row) {
            if (field.length() > DirectoryFiles.MAX_FIELD_LENGTH) {
                return new DirectoryRow.Unreadable(recordLine, "a field is longer than " + DirectoryFiles.MAX_FIELD_LENGTH + " characters");
            }
        }
        return null;
    }


    /** The next record that isn't a blank line; {@code null} at the end, or with {@code recordLine} −1 on a format error. */
    private CSVRecord nextRecord() {
        while (true) {
            recordLine = parser.getCurrentLineNumber() + 1;
            text.startRow();
            try {
                if (!records.hasNext()) {
                    return null;
                }
                CSVRecord record = records.next();
                if (record.size() > MAX_FIELDS) {
                    failure = "a row has more than " + MAX_FIELDS + " fields";
                    failedAt = recordLine;
                    recordLine = -1;
                    return null;
                }
                if (!(record.size() == 1 && record.get(0).isEmpty())) {
                    return record;
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CSVException || e.getCause() instanceof RowTooLong) {
                    failure = e.getCause() instanceof RowTooLong ? e.getCause().getMessage() : formatProblem(e.getCause().getMessage());
                    failedAt = recordLine;
                    recordLine = -1;
                    return null;
                }
                throw e;
            }
        }
    }


    private DirectoryRow unreadable() {
        return new DirectoryRow.Unreadable(failedAt, failure);
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

        RowTooLong() {
            super("a field is longer than " + DirectoryFiles.MAX_FIELD_LENGTH + " characters");
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
