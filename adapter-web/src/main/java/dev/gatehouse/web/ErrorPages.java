package dev.gatehouse.web;

import dev.gatehouse.core.port.out.StoreUnavailableException;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Micronaut's error responses with the service's own pages, so no stack trace or exception text
 * reaches anyone: unknown routes (404), wrong methods (405), unreadable requests (400), and any exception
 * (503 for a store outage, 500 otherwise; logged here without the token from the URL). Under {@code /handoff/},
 * where the organisation's site rather than a person is the caller, the answers are the callback's JSON instead.
 *
 * <p>One global exception handler does it all: Micronaut raises route misses as {@link HttpStatusException}s.
 * There are deliberately no {@code @Error(status = …)} routes: Micronaut would send the link pages' own 404
 * ("Link not found") through them too and replace it.
 */
@Controller
final class ErrorPages {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
    private static final Pattern TOKEN_PATH = Pattern.compile("^(/(?:verify|deny)/)[^/?]*");

    private final Pages pages;
    private final LinkPages outcomes;
    private final CallbackReplies callbackReplies;

    ErrorPages(Pages pages, LinkPages outcomes, CallbackReplies callbackReplies) {
        this.pages = pages;
        this.outcomes = outcomes;
        this.callbackReplies = callbackReplies;
    }

    @Error(global = true, exception = Throwable.class)
    HttpResponse<String> failure(HttpRequest<?> request, Throwable error) {
        HttpStatus status = statusOf(error);
        if (error instanceof java.io.EOFException) {
            LOG.debug("{} {}: the client went away before its whole body arrived (or was cut off by the read timeout)",
                    request.getMethodName(), redacted(request.getPath()));
            return page(request, HttpStatus.BAD_REQUEST);
        }
        if (error instanceof StoreUnavailableException) {
            LOG.warn("{} {} answered 503: {}", request.getMethodName(), redacted(request.getPath()), oneLine(error));
        } else if (status.getCode() >= 500) {
            LOG.error("{} {} failed", request.getMethodName(), redacted(request.getPath()), error);
        } else {
            LOG.debug("{} {} refused with {}: {}", request.getMethodName(), redacted(request.getPath()), status.getCode(),
                    error.getClass().getName());
        }
        MutableHttpResponse<String> page = page(request, status);
        if (error instanceof NotAllowedException) {
            page.header(HttpHeaders.ALLOW, String.join(", ", new TreeSet<>(((NotAllowedException) error).getAllowedMethods())));
        }
        return page;
    }

    /** The failure and its innermost cause on one line, for outages that would otherwise log a trace per request. */
    static String oneLine(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == error ? String.valueOf(error.getMessage())
                : error.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return text.replaceAll("[\\r\\n]+", " ");
    }

    private static HttpStatus statusOf(Throwable error) {
        if (error instanceof StoreUnavailableException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (error instanceof HttpStatusException) {
            return ((HttpStatusException) error).getStatus();
        }
        if (error instanceof TooLongHttpLineException) {
            return HttpStatus.REQUEST_URI_TOO_LONG;
        }
        if (error instanceof TooLongHttpHeaderException) {
            return HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        if (error instanceof TooLongFrameException) {
            return HttpStatus.REQUEST_ENTITY_TOO_LARGE;
        }
        if (error instanceof UnsatisfiedRouteException || error instanceof UnsatisfiedArgumentException
                || error instanceof ConversionErrorException || error instanceof CodecException || isUnparsable(error)) {
            return HttpStatus.BAD_REQUEST;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    /**
     * A request Netty could not decode (a garbled request line, a bad Content-Length) or whose URI is not
     * valid: Micronaut hands over the parser's own exception, so it is recognised by where it was thrown.
     */
    private static boolean isUnparsable(Throwable error) {
        if (error instanceof URISyntaxException || error instanceof DecoderException) {
            return true;
        }
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 4); i++) {
            if (frames[i].getClassName().startsWith("io.netty.handler.codec.")) {
                return true;
            }
        }
        return false;
    }

    /** Replaces the response's body and content headers with the page (or JSON reply) for its status. */
    void fill(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpResponse<String> page = page(request, response.status());
        response.body(page.body());
        page.getHeaders().forEach((name, values) -> {
            response.getHeaders().remove(name);
            values.forEach(value -> response.getHeaders().add(name, value));
        });
    }

    /** The callback API's JSON reply for the status on its routes; elsewhere the page for it. */
    private MutableHttpResponse<String> page(HttpRequest<?> request, HttpStatus status) {
        return CallbackReplies.isCallbackRequest(request) ? callbackReplies.error(status) : page(status, PageLanguage.of(request));
    }

    /** The page for an error status in English. */
    MutableHttpResponse<String> page(HttpStatus status) {
        return page(status, Messages.LOCALE);
    }

    /** The page for an error status: a generic one by status class, the outage page for 503. */
    MutableHttpResponse<String> page(HttpStatus status, Locale language) {
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            return pages.render(outcomes.unavailable(language));
        }
        Messages messages = pages.messages();
        String kind = kindOf(status);
        return pages.render(Page.message(status, "problem", messages.get(language, "error." + kind + ".title"),
                List.of(messages.get(language, "error." + kind + ".body"), messages.get(language, "error." + kind + ".next")), null)
                .in(language));
    }

    private static String kindOf(HttpStatus status) {
        int code = status.getCode();
        if (code == 404) {
            return "notFound";
        }
        if (code == 405) {
            return "methodNotAllowed";
        }
        return code >= 500 ? "internal" : "badRequest";
    }

    /** The path with any link token replaced, fit for a log. */
    static String redacted(String path) {
        return TOKEN_PATH.matcher(path).replaceFirst("$1[token]");
    }
}
