package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.port.out.VerificationEmail;
import dev.gatehouse.web.GatehouseFixture.Member;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person with a phone-sized headless Chromium opens the links from the email the core really sent, and
 * presses the buttons. Also checks that the style sheet passes the CSP and that markup in a name stays text.
 */
class LinkPagesInBrowserTest {
    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static TestServer server;

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    /**
     * Starts the browser and the server with the first test, not in {@code @BeforeAll}: without Chromium each
     * test is then reported as skipped with the reason (or failed, on CI), rather than vanishing from the count.
     */
    @BeforeEach
    void browserAndServerOnAFreshDay() {
        if (chromium == null) {
            chromium = HeadlessChromium.phone();
            browser = chromium.driver();
            server = TestServer.start(Map.of());
        }
        server.core.advance(Duration.ofDays(2));
        chromium.consoleMessages();
    }

    @Test
    void confirmingFromTheEmailedLinkShowsTheSuccessPage() {
        Member ada = server.core.member("Ada Lovelace", "ada_l");
        VerificationEmail email = server.core.requestLink(ada);

        browser.get(email.confirmLink().toString());

        assertEquals("Link this Discord account to you?", heading());
        String shown = visibleText();
        for (String fact : List.of("ada_l", "Ada Lovelace", GatehouseFixture.TENANT_NAME, GatehouseFixture.GUILD_NAME)) {
            assertTrue(shown.contains(fact), () -> "the page shows " + fact + ": " + shown);
        }
        assertTrue(button("Confirm").getCssValue("background-color").contains("21, 128, 61"), "the hashed style sheet applies");
        assertFitsThePhone();
        chromium.screenshot(HeadlessChromium.artifact("screenshots", "confirm-page.png"));

        press("Confirm");

        assertEquals("You’re verified", heading());
        assertTrue(visibleText().contains("The Discord account ada_l is now linked to Ada Lovelace at Acme University."));
        assertEquals(email.confirmLink(), URI.create(browser.getCurrentUrl()));
        assertTrue(server.core.linkOf(ada).isPresent());
        chromium.screenshot(HeadlessChromium.artifact("screenshots", "confirmed-page.png"));
        assertNoScriptAndNoPolicyViolation();
    }

    @Test
    void thisWasntMeOnTheConfirmPageTurnsTheRequestDown() {
        Member victim = server.core.member("Grace Hopper", "definitely_grace");
        VerificationEmail email = server.core.requestLink(victim);
        browser.get(email.confirmLink().toString());

        press("This wasn’t me");

        assertEquals("Request turned down", heading());
        assertEquals(email.denyLink(), URI.create(browser.getCurrentUrl()));
        assertTrue(server.core.linkOf(victim).isEmpty());
        assertNoScriptAndNoPolicyViolation();
    }

    @Test
    void theEmailedDenyLinkTurnsTheRequestDown() {
        Member victim = server.core.member("Katherine Johnson", "not_katherine");
        VerificationEmail email = server.core.requestLink(victim);

        browser.get(email.denyLink().toString());
        assertEquals("Turn down this request?", heading());
        assertTrue(browser.findElements(By.xpath("//button[normalize-space()='Confirm']")).isEmpty());
        chromium.screenshot(HeadlessChromium.artifact("screenshots", "deny-page.png"));

        press("This wasn’t me");

        assertEquals("Request turned down", heading());
        assertTrue(server.core.linkOf(victim).isEmpty());
        browser.get(email.confirmLink().toString());
        assertEquals("Already turned down", heading());
        assertNoScriptAndNoPolicyViolation();
    }

    @Test
    void aConfirmedLinkOpenedAfterItsExpiryShowsNoPersonalData() {
        Member ada = server.core.member("Ada Byron King", "countess_ada");
        VerificationEmail email = server.core.requestLink(ada);
        browser.get(email.confirmLink().toString());
        press("Confirm");
        browser.get(email.confirmLink().toString());
        assertEquals("Already confirmed", heading());

        server.core.advance(Duration.ofDays(40));
        browser.get(email.confirmLink().toString());

        assertEquals("This link is no longer active", heading());
        String shown = browser.getPageSource() + visibleText();
        for (String fact : List.of("countess_ada", ada.discord().id().toString(), "Ada Byron King", ada.user().id().value(),
                GatehouseFixture.TENANT_NAME, GatehouseFixture.GUILD_NAME)) {
            assertTrue(!shown.contains(fact), () -> "the page still shows " + fact + ": " + visibleText());
        }
        chromium.screenshot(HeadlessChromium.artifact("screenshots", "inactive-page.png"));
        assertNoScriptAndNoPolicyViolation();
    }

    @Test
    void markupInANameShowsAsTextAndRunsNothing() {
        String name = "<img src=x onerror=alert(1)>";
        Member member = server.core.member(name, "<script>alert(2)</script>");
        VerificationEmail email = server.core.requestLink(member);

        browser.get(email.confirmLink().toString());

        assertTrue(visibleText().contains(name), visibleText());
        assertTrue(visibleText().contains("<script>alert(2)</script>"), visibleText());
        assertTrue(browser.findElements(By.tagName("img")).isEmpty(), "no img element was made from the name");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());

        press("Confirm");

        assertEquals("You’re verified", heading());
        assertTrue(visibleText().contains(name));
        assertTrue(browser.findElements(By.tagName("img")).isEmpty());
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        assertNoScriptAndNoPolicyViolation();
    }

    @Test
    void anUnknownAddressShowsTheServicesOwnPage() {
        browser.get(server.base.resolve("/no/such/page").toString());

        assertEquals("Page not found", heading());
        assertNoScriptAndNoPolicyViolation();
    }

    private static String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    private static String visibleText() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private static WebElement button(String label) {
        return browser.findElement(By.xpath("//button[normalize-space()='" + label + "']"));
    }

    /** Presses a button and waits until the page it posts to has replaced this one. */
    private static void press(String label) {
        WebElement page = browser.findElement(By.tagName("html"));
        button(label).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> HeadlessChromium.isReplaced(page));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }

    private static void assertFitsThePhone() {
        Object contentWidth = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth;");
        Object viewportWidth = ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
        assertTrue(((Number) contentWidth).longValue() <= ((Number) viewportWidth).longValue(),
                "no sideways scrolling: content " + contentWidth + " px in a " + viewportWidth + " px window");
    }

    private static void assertNoScriptAndNoPolicyViolation() {
        assertTrue(browser.findElements(By.tagName("script")).isEmpty(), "pages carry no script");
        List<String> console = chromium.consoleMessages();
        assertTrue(console.stream().noneMatch(m -> m.contains("Content Security Policy")), () -> "CSP violations: " + console);
    }
}
