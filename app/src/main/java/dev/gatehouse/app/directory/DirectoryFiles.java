package dev.gatehouse.app.directory;

import dev.gatehouse.core.model.DirectoryRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a directory file into rows for the core's {@code ImportDirectory}, read lazily as the import consumes them.
 * A row that breaks the format becomes a {@link DirectoryRow.Unreadable} with its line, and reading stops there.
 *
 * <ul>
 *   <li>CSV, UTF-8 (a byte order mark is allowed), with a header row naming the columns {@code user_id} (or
 *       {@code id}), {@code email} and {@code name}, in any order; further columns are ignored.</li>
 *   <li>JSON: an array of {@code {"id" | "user_id": …, "email": …, "name": …}}, or the tutorial bot's
 *       {@code database.json}: {@code {"users": {"<user id>": {"email": …, "name": …}}, "discord": {"<Discord
 *       id>": "<user id>"}}}, whose {@code discord} entries become link rows.</li>
 * </ul>
 * Fields longer than {@value #MAX_FIELD_LENGTH} characters are refused rather than cut.
 */
public final class DirectoryFiles {
    /** Longest field accepted, in characters. */
    public static final int MAX_FIELD_LENGTH = 1024;

    private DirectoryFiles() {
    }

    /** The formats a directory file comes in. */
    public enum Format {
        CSV, JSON;

        /** JSON for a name ending in {@code .json}, CSV otherwise. */
        public static Format of(Path file) {
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : CSV;
        }
    }

    /**
     * The rows of a UTF-8 file; closing the stream closes {@code utf8}. Text that isn't UTF-8 ends the rows with an
     * unreadable one (line 0); other read failures surface as {@link UncheckedIOException}.
     */
    public static Stream<DirectoryRow> rows(InputStream utf8, Format format) {
        return rows(new InputStreamReader(utf8, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), format);
    }

    /** The rows of decoded text; closing the stream closes {@code text}. */
    public static Stream<DirectoryRow> rows(Reader text, Format format) {
        RowReader reader;
        try {
            Reader plain = withoutByteOrderMark(text);
            reader = format == Format.CSV ? new CsvRows(plain) : new JsonRows(plain);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the directory file failed", e);
        }
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(reader, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(reader::close);
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    static String shorten(String message) {
        String oneLine = message == null ? "" : message.replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
