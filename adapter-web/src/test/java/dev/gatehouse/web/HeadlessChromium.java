package dev.gatehouse.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium for browser tests, from the Debian packages {@code chromium} and
 * {@code chromium-driver}, driven by Selenium through an explicit chromedriver path so that Selenium
 * Manager never downloads a browser or driver. Each instance has a fresh profile directory, deleted on close.
 *
 * <p>When the browser or driver is missing, a test using this fails if the environment variable {@code CI}
 * is {@code true} (a CI machine must run the browser tests), and is skipped with the reason elsewhere.
 * Override the binaries with the system properties {@value #BROWSER_PROPERTY} and {@value #DRIVER_PROPERTY}.
 *
 * <p>Shipped in adapter-web's test-jar for other modules' end-to-end tests; they need
 * {@code org.seleniumhq.selenium:selenium-java} and JUnit 5 on their test classpath.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final List<java.util.logging.Logger> CDP_NOTICES = quietCdpNotices();
    public static final String BROWSER_PROPERTY = "gatehouse.test.chromium";
    public static final String DRIVER_PROPERTY = "gatehouse.test.chromedriver";
    public static final Path DEFAULT_BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DEFAULT_DRIVER = Path.of("/usr/bin/chromedriver");
    /** The flags every instance starts with (plus a window size and a fresh {@code --user-data-dir}). */
    public static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * A browser emulating a phone: a 390 × 844 CSS-pixel mobile viewport at device pixel ratio 2, which honours
     * the page's viewport meta tag as a phone does. (A plain headless window can't be narrower than about 500 pixels.)
     */
    public static HeadlessChromium phone() {
        return start(390, 844, true);
    }

    /** A browser emulating a phone with a viewport of this many CSS pixels (375 × 812: an iPhone X). */
    public static HeadlessChromium phone(int width, int height) {
        return start(width, height, true);
    }

    /** A desktop browser with a window of this size; fails or skips the test when Chromium is not installed (see above). */
    public static HeadlessChromium start(int width, int height) {
        return start(width, height, false);
    }

    private static HeadlessChromium start(int width, int height, boolean mobile) {
        Path browser = configured(BROWSER_PROPERTY, DEFAULT_BROWSER);
        Path chromedriver = configured(DRIVER_PROPERTY, DEFAULT_DRIVER);
        requireInstalled(browser, chromedriver, System.getenv("CI"));
        Path profile;
        try {
            profile = Files.createTempDirectory("gatehouse-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments = new ArrayList<>(FLAGS);
        arguments.add("--window-size=" + width + "," + height);
        arguments.add("--user-data-dir=" + profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(arguments);
        if (mobile) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", height, "pixelRatio", 2.0, "mobile", true, "touch", true)));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
    }

    /**
     * Lets the calling test go on only if both binaries are there: otherwise fails it when {@code ci} is
     * {@code "true"}, and skips it (a JUnit assumption) when not.
     */
    public static void requireInstalled(Path browser, Path chromedriver, String ci) {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(browser)) {
            missing.add("Chromium at " + browser);
        }
        if (!Files.isExecutable(chromedriver)) {
            missing.add("chromedriver at " + chromedriver);
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "Browser tests need " + String.join(" and ", missing)
                + ": install the Debian packages with 'apt-get install -y chromium chromium-driver', or point -D"
                + BROWSER_PROPERTY + " / -D" + DRIVER_PROPERTY + " at them.";
        if ("true".equalsIgnoreCase(ci == null ? "" : ci.strip())) {
            Assertions.fail("CI=true, so browser tests may not be skipped. " + message);
        }
        Assumptions.abort(message);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Messages the page logged to the browser console, such as Content-Security-Policy violations. */
    public List<String> consoleMessages() {
        List<String> messages = new ArrayList<>();
        driver.manage().logs().get(LogType.BROWSER).forEach(entry -> messages.add(entry.getLevel() + " " + entry.getMessage()));
        return messages;
    }

    /** From now on the browser sends this {@code Accept-Language} header (as a browser set to those languages does). */
    public void acceptLanguage(String header) {
        ChromeDriver chrome = driver;
        String userAgent = String.valueOf(chrome.executeScript("return navigator.userAgent;"));
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", userAgent, "acceptLanguage", header));
    }

    /** Saves what the window shows as a PNG file, creating its directory. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether {@code element}'s page has been replaced (after a form's POST, say). Chromium reports a replaced element
     * either as stale or, mid-load, as "Node with given id does not belong to the document"; both mean replaced.
     */
    public static boolean isReplaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** The given file under this module's {@code target/} directory, where Maven keeps build artifacts. */
    public static Path artifact(String first, String... more) {
        return Path.of(System.getProperty("basedir", "."), "target").resolve(Path.of(first, more));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    /**
     * Selenium warns that it has no DevTools bindings for Debian's newer Chromium; these tests use only WebDriver,
     * so the warning is noise. The loggers are kept in a field so the level sticks.
     */
    private static List<java.util.logging.Logger> quietCdpNotices() {
        List<java.util.logging.Logger> loggers = List.of(
                java.util.logging.Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"),
                java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"));
        loggers.forEach(logger -> logger.setLevel(Level.SEVERE));
        return loggers;
    }

    private static Path configured(String property, Path fallback) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Only a temporary profile is left behind.
        }
    }
}
