package dev.gatehouse.web;

import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.ReviewVerification.LinkCommand;
import dev.gatehouse.web.LinkPages.Action;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The emailed links. GET (and HEAD, which Micronaut routes here too) only previews: mail scanners open links
 * before people do. Confirming and denying take a POST, sent by a plain HTML form button; there is no script.
 * Pages speak the language the member's Discord client used at {@code /verify}, else the browser's
 * {@code Accept-Language}, else English. Created at start-up, so an application that provides no {@link ReviewVerification} bean fails to start.
 */
@Context
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class LinkController {
    private final ReviewVerification review;
    private final ClientAddresses clients;
    private final LinkPages outcomes;
    private final Pages pages;

    LinkController(ReviewVerification review, ClientAddresses clients, LinkPages outcomes, Pages pages) {
        this.review = review;
        this.clients = clients;
        this.outcomes = outcomes;
        this.pages = pages;
    }

    @Get(uri = "/verify/{token}", produces = MediaType.TEXT_HTML)
    HttpResponse<String> showConfirm(@PathVariable String token, HttpRequest<?> request) {
        return pages.render(outcomes.preview(review.preview(command(token, request)), Action.CONFIRM, token, PageLanguage.of(request)));
    }

    @Post(uri = "/verify/{token}", consumes = MediaType.ALL, produces = MediaType.TEXT_HTML)
    HttpResponse<String> confirm(@PathVariable String token, HttpRequest<?> request) {
        return pages.render(outcomes.confirm(review.confirm(command(token, request)), PageLanguage.of(request)));
    }

    @Get(uri = "/deny/{token}", produces = MediaType.TEXT_HTML)
    HttpResponse<String> showDeny(@PathVariable String token, HttpRequest<?> request) {
        return pages.render(outcomes.preview(review.preview(command(token, request)), Action.DENY, token, PageLanguage.of(request)));
    }

    @Post(uri = "/deny/{token}", consumes = MediaType.ALL, produces = MediaType.TEXT_HTML)
    HttpResponse<String> deny(@PathVariable String token, HttpRequest<?> request) {
        return pages.render(outcomes.deny(review.deny(command(token, request)), PageLanguage.of(request)));
    }

    private LinkCommand command(String token, HttpRequest<?> request) {
        return new LinkCommand(token, clients.of(request));
    }
}
