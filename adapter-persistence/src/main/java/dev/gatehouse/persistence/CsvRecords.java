package dev.gatehouse.persistence;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180: comma-separated, fields optionally in double quotes with {@code ""} for a quote,
 * CRLF or LF line ends) one at a time from a reader, without holding more than one record. A leading byte
 * order mark is skipped. Refuses fields and records beyond the given sizes instead of buffering them.
 */
final class CsvRecords {
    private static final int EOF = -1;

    private final Reader in;
    private final int maxFieldLength;
    private final int maxFields;
    private final char[] buffer = new char[16 * 1024];
    private int position;
    private int limit;
    private long line = 1;
    private long recordLine;
    private boolean started;

    /** A record that breaks the format, with the line it starts on. */
    static final class CsvException extends Exception {
        private static final long serialVersionUID = 1L;
        final long line;

        CsvException(long line, String message) {
            super(message);
            this.line = line;
        }
    }

    CsvRecords(Reader in, int maxFieldLength, int maxFields) {
        this.in = in;
        this.maxFieldLength = maxFieldLength;
        this.maxFields = maxFields;
    }

    /** The line on which the record last returned by {@link #next()} starts (1-based). */
    long recordLine() {
        return recordLine;
    }

    /** The next record that isn't a blank line, or {@code null} at the end of the input. */
    List<String> next() throws IOException, CsvException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        while (true) {
            if (peek() == EOF) {
                return null;
            }
            recordLine = line;
            List<String> record = readRecord();
            if (!(record.size() == 1 && record.get(0).isEmpty())) {
                return record;
            }
        }
    }

    private List<String> readRecord() throws IOException, CsvException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            field.setLength(0);
            int c = peek();
            if (c == '"') {
                read();
                readQuoted(field);
                c = read();
                if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    throw new CsvException(recordLine, "a quoted field must end at a comma or the end of the line");
                }
            } else {
                while (true) {
                    c = read();
                    if (c == ',' || c == '\n' || c == '\r' || c == EOF) {
                        break;
                    }
                    append(field, (char) c);
                }
            }
            if (fields.size() == maxFields) {
                throw new CsvException(recordLine, "a row has more than " + maxFields + " fields");
            }
            fields.add(field.toString());
            if (c == ',') {
                continue;
            }
            if (c == '\r' && peek() == '\n') {
                read();
            }
            if (c != EOF) {
                line++;
            }
            return fields;
        }
    }

    private void readQuoted(StringBuilder field) throws IOException, CsvException {
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new CsvException(recordLine, "a quoted field is not closed before the end of the file");
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    append(field, '"');
                    continue;
                }
                return;
            }
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            append(field, (char) c);
        }
    }

    private void append(StringBuilder field, char c) throws CsvException {
        if (field.length() >= maxFieldLength) {
            throw new CsvException(recordLine, "a field is longer than " + maxFieldLength + " characters");
        }
        field.append(c);
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
