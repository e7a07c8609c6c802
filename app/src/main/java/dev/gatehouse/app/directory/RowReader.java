package dev.gatehouse.app.directory;

import dev.gatehouse.core.model.DirectoryRow;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Rows pulled one at a time from a format's parser; after an unreadable row there are no more. */
abstract class RowReader implements Iterator<DirectoryRow>, Closeable {
    private final Closeable source;
    private DirectoryRow next;
    private boolean done;

    RowReader(Closeable source) {
        this.source = source;
    }

    /** The next row, or {@code null} at the end of the file. */
    abstract DirectoryRow read() throws IOException;

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            try {
                next = read();
            } catch (CharacterCodingException e) {
                next = new DirectoryRow.Unreadable(0, "the file is not UTF-8 text");
            } catch (IOException e) {
                throw new UncheckedIOException("reading the directory file failed: " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    next = new DirectoryRow.Unreadable(0, "the file is not UTF-8 text");
                } else {
                    throw e;
                }
            }
            done = next == null || next instanceof DirectoryRow.Unreadable;
        }
        return next != null;
    }

    @Override
    public final DirectoryRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        DirectoryRow row = next;
        next = null;
        return row;
    }

    @Override
    public final void close() {
        try {
            source.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
