package dev.gatehouse.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Gives the service's error page to error responses that other filters answer with an empty body (such as
 * Micronaut's CORS filter refusing a cross-origin request), so every error a browser sees reads the same.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ErrorBodies implements Ordered {
    private final ErrorPages pages;

    ErrorBodies(ErrorPages pages) {
        this.pages = pages;
    }

    @ResponseFilter
    void fillEmptyErrors(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() >= 400 && response.getBody().isEmpty() && request.getMethod() != HttpMethod.HEAD) {
            pages.fill(request, response);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
