package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

/** What every page must look like, whatever it says. */
final class PageAssertions {
    private PageAssertions() {
    }

    /** The security headers that every response carries, error pages included. */
    static void assertSecured(HttpResponse<?> response) {
        String where = response.request().method() + " " + response.uri().getPath() + " (" + response.statusCode() + ")";
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        for (String directive : List.of("default-src 'none'", "style-src 'sha256-", "img-src 'self'", "form-action 'self'",
                "frame-ancestors 'none'", "base-uri 'none'")) {
            assertTrue(csp.contains(directive), where + ": CSP lacks " + directive + ": " + csp);
        }
        assertFalse(csp.contains("unsafe-inline") || csp.contains("script-src"), where + ": CSP allows too much: " + csp);
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(null), where);
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null), where);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), where);
    }

    /** A page with this status and heading, secured, fully translated, without script or leaked internals. */
    static void assertPage(HttpResponse<String> response, int status, String heading) {
        String body = response.body();
        assertEquals(status, response.statusCode(), () -> "status of " + response.uri().getPath() + ":\n" + text(body));
        assertSecured(response);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "an HTML page");
        assertTrue(body.contains("<meta name=\"viewport\""), "readable on a phone");
        assertTrue(body.contains("<h1>" + heading + "</h1>"), () -> "heading '" + heading + "' in:\n" + text(body));
        assertFalse(body.contains("??"), () -> "a message key is missing:\n" + body);
        assertFalse(body.toLowerCase().contains("<script"), "no script on any page");
        assertNoInternals(body);
    }

    static void assertNoInternals(String body) {
        for (String leak : List.of("Exception", "exception", "\tat ", "dev.gatehouse", "io.micronaut", "java.", "Caused by",
                GatehouseFixture.BROKEN_DETAIL)) {
            assertFalse(body.contains(leak), () -> "the page leaks '" + leak + "':\n" + body);
        }
    }

    /** The visible text of a page, roughly: tags and the style sheet removed, entities decoded. */
    static String text(String html) {
        return html.replaceAll("(?s)<style>.*?</style>", "")
                .replaceAll("(?s)<[^>]*>", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
                .replaceAll("\\s+", " ")
                .strip();
    }
}
