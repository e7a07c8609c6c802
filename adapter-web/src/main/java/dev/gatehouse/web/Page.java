package dev.gatehouse.web;

import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A page to answer with: status, template, the template's model, a wait for {@code Retry-After} if any, and its language. */
record Page(HttpStatus status, String template, Map<String, Object> model, Optional<Duration> retryAfter, Locale language) {
    Page {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(template, "template");
        model = Map.copyOf(model);
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(language, "language");
    }

    Page(HttpStatus status, String template, Map<String, Object> model, Optional<Duration> retryAfter) {
        this(status, template, model, retryAfter, Messages.LOCALE);
    }

    /** The message template: a title, paragraphs, and optionally the details of a verification. */
    static Page message(HttpStatus status, String tone, String title, List<String> lines, Map<String, String> details) {
        Map<String, Object> model = new HashMap<>();
        model.put("tone", tone);
        model.put("title", title);
        model.put("lines", List.copyOf(lines));
        model.put("hasDetails", details != null);
        model.put("link", details == null ? Map.of() : Map.copyOf(details));
        return new Page(status, "message", model, Optional.empty());
    }

    Page withRetryAfter(Duration wait) {
        return new Page(status, template, model, Optional.of(wait), language);
    }

    /** The page in {@code newLanguage}: its {@code lang} and the texts the template itself looks up. */
    Page in(Locale newLanguage) {
        return new Page(status, template, model, retryAfter, newLanguage);
    }
}
