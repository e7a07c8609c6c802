package dev.gatehouse.web;

import dev.gatehouse.core.text.Languages;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The language of a page for a request with no session to go by: the browser's {@code Accept-Language}, else English. */
final class PageLanguage {
    /** More would be a header no browser sends; the rest is ignored. */
    private static final int MAX_HEADER_LENGTH = 512;

    private PageLanguage() {
    }

    static Locale of(HttpRequest<?> request) {
        return fromAcceptLanguage(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** The first language in the header (by weight) that Gatehouse speaks; English if none or the header is malformed. */
    static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Languages.ENGLISH;
        }
        String bounded = header.length() > MAX_HEADER_LENGTH ? header.substring(0, MAX_HEADER_LENGTH).replaceAll(",[^,]*$", "")
                : header;
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(bounded);
        } catch (IllegalArgumentException e) {
            return inOrder(bounded);
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() > 0 && !range.getRange().startsWith("*")) {
                Optional<Locale> supported = Languages.ofTag(range.getRange());
                if (supported.isPresent()) {
                    return supported.get();
                }
            }
        }
        return Languages.ENGLISH;
    }

    /** A header {@link Locale.LanguageRange} refuses: its tags in the order written, weights ignored. */
    private static Locale inOrder(String header) {
        for (String part : header.split(",")) {
            Optional<Locale> supported = Languages.ofTag(part.replaceAll(";.*", "").strip());
            if (supported.isPresent()) {
                return supported.get();
            }
        }
        return Languages.ENGLISH;
    }
}
