package dev.gatehouse.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;
import java.util.Locale;

/** {@code GET /}: what this service is, for anyone who opens the bare address. */
@Controller
final class HomeController {
    private final Pages pages;

    HomeController(Pages pages) {
        this.pages = pages;
    }

    @Get(uri = "/", produces = MediaType.TEXT_HTML)
    HttpResponse<String> home(HttpRequest<?> request) {
        Messages messages = pages.messages();
        Locale language = PageLanguage.of(request);
        return pages.render(Page.message(HttpStatus.OK, "info", messages.get(language, "home.title"),
                List.of(messages.get(language, "home.body"), messages.get(language, "home.how"), messages.get(language, "home.nothingHere")),
                null).in(language));
    }
}
