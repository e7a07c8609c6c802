package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.text.Languages;
import dev.gatehouse.web.GatehouseFixture.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The link page in each language Gatehouse speaks, on a 375 × 812 phone in headless Chromium: the language comes from
 * the session (the member's Discord), else the browser's Accept-Language, else English. Each language's page is saved
 * as {@code target/screenshots/link-page-<lang>-375x812.png}, and no element may be wider than the viewport.
 */
class LinkPagesInLanguagesTest {
    private static final int WIDTH = 375;
    private static final int HEIGHT = 812;
    /** Every element that sticks out of the viewport, or whose content is wider than its own box. */
    private static final String OVERFLOWING = """
            const width = window.innerWidth;
            const out = [];
            if (document.documentElement.scrollWidth > width) out.push('page ' + document.documentElement.scrollWidth + 'px');
            for (const e of document.querySelectorAll('body *')) {
              const box = e.getBoundingClientRect();
              if (box.right > width + 0.5 || box.left < -0.5 || box.width > width || e.scrollWidth > e.clientWidth + 1) {
                out.push(e.tagName + ' "' + e.textContent.trim().slice(0, 40) + '" ' + Math.round(box.left) + '..' + Math.round(box.right));
              }
            }
            return out;""";

    private static HeadlessChromium chromium;
    private static WebDriver browser;
    private static TestServer server;
    private final Messages messages = new Messages();

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void browserAndServer() {
        if (chromium == null) {
            chromium = HeadlessChromium.phone(WIDTH, HEIGHT);
            browser = chromium.driver();
            server = TestServer.start(Map.of());
        }
    }

    @Test
    void theLinkPageInEveryLanguageFitsAPhoneAndIsSavedAsAScreenshot() throws Exception {
        for (Locale language : Languages.SUPPORTED) {
            chromium.acceptLanguage(language.toLanguageTag());
            Member member = server.core.member("Maximiliane Grünewald-Oberstedt", "maximiliane_gruenewald");
            browser.get(server.core.requestLink(member).confirmLink().toString());

            assertEquals(messages.get(language, "review.confirm.title"), browser.findElement(By.tagName("h1")).getText(), language.toString());
            assertEquals(language.toLanguageTag(), browser.findElement(By.tagName("html")).getAttribute("lang"));
            assertTrue(browser.findElement(By.tagName("body")).getText().contains(messages.get(language, "review.confirm.button")));
            Path shot = chromium.screenshot(HeadlessChromium.artifact("screenshots", "link-page-" + language.toLanguageTag() + "-"
                    + WIDTH + "x" + HEIGHT + ".png"));
            assertTrue(Files.size(shot) > 1_000, "the screenshot was written: " + shot);
            assertEquals(List.of(), ((JavascriptExecutor) browser).executeScript(OVERFLOWING),
                    "no text overflows its box at " + WIDTH + " px in " + language);
        }
    }

    @Test
    void aBrowserAskingForFrenchGetsTheFrenchPage() {
        chromium.acceptLanguage("fr-CH,fr,en");
        Member member = server.core.member("Claire Dubois", "claire");
        browser.get(server.core.requestLink(member).confirmLink().toString());

        assertEquals("Associer ce compte Discord à vous ?", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("Ce n’était pas moi"));
        assertEquals("fr", browser.findElement(By.tagName("html")).getAttribute("lang"));
    }

    @Test
    void anUnknownLanguageFallsBackToEnglish() {
        chromium.acceptLanguage("ja, xx-YY;q=0.5");
        Member member = server.core.member("Kenji Sato", "kenji");
        browser.get(server.core.requestLink(member).confirmLink().toString());

        assertEquals("Link this Discord account to you?", browser.findElement(By.tagName("h1")).getText());
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
    }

    @Test
    void theLanguageOfTheMembersDiscordWinsOverTheBrowsers() {
        chromium.acceptLanguage("fr");
        Member member = server.core.member("Jürgen Weber", "juergen");
        browser.get(server.core.requestLink(member, Optional.of(Locale.GERMAN)).confirmLink().toString());

        assertEquals("Dieses Discord-Konto mit Ihnen verknüpfen?", browser.findElement(By.tagName("h1")).getText());
        String body = browser.findElement(By.tagName("body")).getText();
        assertTrue(body.contains("Uhr UTC (noch 10 Minuten)"), "expiry as a time with its zone and as a duration: " + body);
    }

    @Test
    void theAcceptLanguageHeaderIsReadByWeightAndGarbageIsEnglish() {
        assertEquals(Locale.GERMAN, PageLanguage.fromAcceptLanguage("it;q=0.9, de;q=0.8, fr;q=0.7"));
        assertEquals(Languages.BRAZILIAN_PORTUGUESE, PageLanguage.fromAcceptLanguage("pt-PT"));
        assertEquals(Locale.forLanguageTag("es"), PageLanguage.fromAcceptLanguage("es-419,es;q=0.9"));
        assertEquals(Locale.ENGLISH, PageLanguage.fromAcceptLanguage("fr;q=0, *"));
        assertEquals(Locale.ENGLISH, PageLanguage.fromAcceptLanguage(";;;=garbage"));
        assertEquals(Locale.FRENCH, PageLanguage.fromAcceptLanguage("fr;q=abc, en"), "a malformed weight: the order written");
        assertEquals(Locale.ENGLISH, PageLanguage.fromAcceptLanguage(null));
    }
}
