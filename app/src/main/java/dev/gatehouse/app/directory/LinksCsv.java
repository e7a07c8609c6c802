package dev.gatehouse.app.directory;

import dev.gatehouse.core.model.Link;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A tenant's links as CSV (RFC 4180 through Commons CSV: CRLF line ends, cells with commas, quotes, CR or LF quoted),
 * with the header {@code discord_user_id,user_id,linked_at,origin}. A cell starting with {@code =}, {@code +},
 * {@code -}, {@code @}, tab or CR gets a leading single quote, so a spreadsheet shows it as text instead of running it
 * as a formula (OWASP CSV injection).
 */
public final class LinksCsv implements AutoCloseable {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader("discord_user_id", "user_id", "linked_at", "origin")
            .get();

    private final CSVPrinter printer;

    /** Writes the header at once; closing flushes and closes {@code out}. */
    public LinksCsv(Appendable out) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
    }

    public void write(Link link) throws IOException {
        printer.printRecord(link.discordUser().toString(), neutralised(link.directoryUser().value()), link.linkedAt().toString(),
                link.origin().name().toLowerCase(Locale.ROOT));
    }

    /** A cell a spreadsheet won't run as a formula. */
    public static String neutralised(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** One value as the CSV cell this writer prints for it. */
    public static String cell(String value) {
        return CSVFormat.RFC4180.format(neutralised(value));
    }

    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
