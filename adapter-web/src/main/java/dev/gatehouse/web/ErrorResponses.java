package dev.gatehouse.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * The last resort: where Micronaut builds an error response itself (requests Netty could not decode, which
 * reach no filter and no error route), it asks this processor for the body. Instead of Micronaut's JSON or
 * HTML with the error's message, it gets the service's own page and security headers.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ErrorResponses implements ErrorResponseProcessor<String> {
    private final ErrorPages pages;

    ErrorResponses(ErrorPages pages) {
        this.pages = pages;
    }

    @Override
    public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        pages.fill(context.getRequest(), response);
        @SuppressWarnings("unchecked")
        MutableHttpResponse<String> page = (MutableHttpResponse<String>) response;
        return page;
    }
}
