package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Without a browser, browser tests fail on CI and are skipped elsewhere, saying what to install. */
class HeadlessChromiumTest {
    private static final Path NOWHERE = Path.of("/nonexistent/chromium");

    @Test
    void aMissingBrowserFailsTheTestOnCi() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> HeadlessChromium.requireInstalled(NOWHERE, NOWHERE, "true"));

        assertTrue(failure.getMessage().contains("apt-get install -y chromium chromium-driver"), failure.getMessage());
        assertTrue(failure.getMessage().contains("/nonexistent/chromium"), failure.getMessage());
    }

    @Test
    void aMissingBrowserSkipsTheTestElsewhere() {
        assertThrows(TestAbortedException.class, () -> HeadlessChromium.requireInstalled(NOWHERE, NOWHERE, null));
        assertThrows(TestAbortedException.class, () -> HeadlessChromium.requireInstalled(NOWHERE, NOWHERE, "false"));
    }
}
