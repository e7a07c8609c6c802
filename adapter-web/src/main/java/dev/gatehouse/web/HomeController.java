package dev.gatehouse.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;

/** {@code GET /}: what this service is, for anyone who opens the bare address. */
@Controller
final class HomeController {
    private final Pages pages;

    HomeController(Pages pages) {
        this.pages = pages;
    }

    @Get(uri = "/", produces = MediaType.TEXT_HTML)
    HttpResponse<String> home() {
        Messages messages = pages.messages();
        return pages.render(Page.message(HttpStatus.OK, "info", messages.get("home.title"),
                List.of(messages.get("home.body"), messages.get("home.how"), messages.get("home.nothingHere")), null));
    }
}
