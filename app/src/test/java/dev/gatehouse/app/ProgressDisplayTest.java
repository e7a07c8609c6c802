package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    @Test
    void onATerminalABarIsRedrawnInPlaceWithTheShareReadRowsAndRate() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressDisplay progress = new ProgressDisplay(new PrintStream(err, true, StandardCharsets.UTF_8), true, 100);
        try (InputStream in = progress.counting(new ByteArrayInputStream(new byte[100]))) {
            in.readNBytes(50);
            progress.rowsRead(1000);
            in.readNBytes(50);
            progress.finish();
        }

        String shown = err.toString(StandardCharsets.UTF_8);
        assertTrue(shown.startsWith("\r[###############...............]  50%  1,000 rows  "), shown);
        assertTrue(shown.contains("\r[##############################] 100%  1,000 rows  "), shown);
        assertTrue(shown.endsWith("rows/s " + System.lineSeparator()), "the bar's line ends when the import does: " + shown);
    }

    @Test
    void offATerminalAPlainLineEveryTenThousandRowsAndTheTotal() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressDisplay progress = new ProgressDisplay(new PrintStream(err, true, StandardCharsets.UTF_8), false, 100);
        for (long rows = 1000; rows <= 21_000; rows += 1000) {
            progress.rowsRead(rows);
        }
        progress.rowsRead(21_500);
        progress.finish();

        assertEquals(3, err.toString(StandardCharsets.UTF_8).lines().count(), err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).lines().toList().get(2).startsWith("Read 21500 rows ("));
    }

    @Test
    void aSmallImportShowsNothing() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressDisplay quiet = new ProgressDisplay(new PrintStream(err, true, StandardCharsets.UTF_8), false, 100);
        quiet.rowsRead(800);
        quiet.finish();

        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
