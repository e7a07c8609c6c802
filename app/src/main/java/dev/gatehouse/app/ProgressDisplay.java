package dev.gatehouse.app;

import dev.gatehouse.core.port.in.ImportDirectory.ImportProgress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An import's progress on the error stream: on a terminal a bar redrawn in place (share of the file read, rows, rows
 * per second); elsewhere (a log, a pipe) a plain line every {@value #LINE_EVERY} rows.
 */
final class ProgressDisplay implements ImportProgress {
    static final long LINE_EVERY = 10_000;
    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final PrintStream err;
    private final boolean terminal;
    private final long fileSize;
    private final AtomicLong bytesRead = new AtomicLong();
    private final long started = System.nanoTime();
    private long lastDrawn;
    private long lastRows;
    private long lastPrinted;
    private boolean drawn;

    ProgressDisplay(PrintStream err, boolean terminal, long fileSize) {
        this.err = err;
        this.terminal = terminal;
        this.fileSize = fileSize;
    }

    /** The file, counted as it is read, for the bar. */
    InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                }
                return n;
            }
        };
    }

    @Override
    public void rowsRead(long rows) {
        long now = System.nanoTime();
        lastRows = rows;
        if (terminal) {
            if (now - lastDrawn >= REDRAW_NANOS) {
                draw(now);
            }
        } else if (rows % LINE_EVERY == 0 && rows > lastPrinted) {
            line(now);
        }
    }

    /** The last state: the bar completed on a terminal, the total as a line elsewhere (for files past one line's worth). */
    void finish() {
        long now = System.nanoTime();
        if (terminal && drawn) {
            draw(now);
            err.println();
        } else if (!terminal && lastRows >= LINE_EVERY && lastRows > lastPrinted) {
            line(now);
        }
    }

    private void draw(long now) {
        lastDrawn = now;
        drawn = true;
        err.print("\r" + bar(lastRows, now));
        err.flush();
    }

    private void line(long now) {
        lastPrinted = lastRows;
        err.printf("Read %d rows (%d rows/s)%n", lastRows, rate(lastRows, now));
    }

    private String bar(long rows, long now) {
        double share = fileSize <= 0 ? 1 : Math.min(1, (double) bytesRead.get() / fileSize);
        int filled = (int) Math.round(share * BAR_WIDTH);
        return String.format("[%s%s] %3d%%  %,d rows  %,d rows/s ", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
                Math.round(share * 100), rows, rate(rows, now));
    }

    private long rate(long rows, long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        return Math.round(rows / seconds);
    }
}
