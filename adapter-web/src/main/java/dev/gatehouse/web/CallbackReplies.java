package dev.gatehouse.web;

import dev.gatehouse.core.model.Link;
import dev.gatehouse.core.port.in.CompleteHandoff.CallbackRefused;
import dev.gatehouse.core.port.in.CompleteHandoff.HandoffCompleted;
import dev.gatehouse.core.port.in.CompleteHandoff.HandoffConflict;
import dev.gatehouse.core.port.in.CompleteHandoff.HandoffResult;
import dev.gatehouse.core.port.in.CompleteHandoff.TooManyAttempts;
import dev.gatehouse.core.port.in.ServiceUnavailable;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON answers of the hand-off callback, {@code {"status": "…", "message": "…"}}, for the organisation's
 * site rather than for a person: a stable machine-readable {@code status} and an English {@code message} from
 * the message bundle. Nothing the caller sent is echoed, least of all the token.
 */
@Singleton
final class CallbackReplies {
    static final String PATH_PREFIX = "/handoff/";
    static final Duration OUTAGE_RETRY = Duration.ofSeconds(30);

    private static final Argument<Map<String, String>> BODY = Argument.mapOf(String.class, String.class);

    private final JsonMapper json;
    private final Messages messages;
    private final SecurityHeaders headers;

    CallbackReplies(JsonMapper json, Messages messages, SecurityHeaders headers) {
        this.json = json;
        this.messages = messages;
        this.headers = headers;
    }

    /** Whether a request went to the callback API, whose errors are JSON too; false if its path can't be read. */
    static boolean isCallbackRequest(@Nullable HttpRequest<?> request) {
        if (request == null) {
            return false;
        }
        try {
            String path = request.getPath();
            return path != null && path.startsWith(PATH_PREFIX);
        } catch (RuntimeException e) {
            return false;
        }
    }

    MutableHttpResponse<String> of(HandoffResult result) {
        if (result instanceof HandoffCompleted completed) {
            return linked(completed.link());
        }
        if (result instanceof CallbackRefused refused) {
            return switch (refused.reason()) {
                case MALFORMED -> reply(HttpStatus.BAD_REQUEST, "malformed");
                case WRONG_TYPE -> reply(HttpStatus.BAD_REQUEST, "wrong_type");
                case CLAIMS_MISMATCH -> reply(HttpStatus.BAD_REQUEST, "claims_mismatch");
                case INVALID_MEMBER_ID -> reply(HttpStatus.BAD_REQUEST, "invalid_member_id");
                case BAD_SIGNATURE -> reply(HttpStatus.UNAUTHORIZED, "bad_signature")
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                case NOT_ENABLED -> reply(HttpStatus.NOT_FOUND, "not_enabled");
                case UNKNOWN_REQUEST -> reply(HttpStatus.NOT_FOUND, "unknown_request");
                case ALREADY_USED -> reply(HttpStatus.CONFLICT, "already_used");
                case REPLACED -> reply(HttpStatus.CONFLICT, "replaced");
                case EXPIRED -> reply(HttpStatus.GONE, "expired");
            };
        }
        if (result instanceof HandoffConflict conflict) {
            return switch (conflict.conflict()) {
                case ACCOUNT_ALREADY_LINKED -> reply(HttpStatus.CONFLICT, "account_already_linked");
                case MEMBER_LINKED_ELSEWHERE -> reply(HttpStatus.CONFLICT, "member_linked_elsewhere");
            };
        }
        if (result instanceof TooManyAttempts throttled) {
            long seconds = Pages.seconds(throttled.retryAfter());
            return reply(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", Long.toString(seconds))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        if (result instanceof ServiceUnavailable) {
            return unavailable();
        }
        throw new IllegalStateException("no reply for hand-off result " + result.getClass().getSimpleName());
    }

    /** 503, as for any store outage: the service recovers by itself, so try again shortly. */
    MutableHttpResponse<String> unavailable() {
        return reply(HttpStatus.SERVICE_UNAVAILABLE, "unavailable")
                .header(HttpHeaders.RETRY_AFTER, Long.toString(OUTAGE_RETRY.toSeconds()));
    }

    MutableHttpResponse<String> missingToken() {
        return reply(HttpStatus.BAD_REQUEST, "missing_token");
    }

    MutableHttpResponse<String> unreadableBody() {
        return reply(HttpStatus.BAD_REQUEST, "bad_request");
    }

    MutableHttpResponse<String> tooLarge(int limit) {
        return reply(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", Integer.toString(limit));
    }

    MutableHttpResponse<String> unsupportedType() {
        return reply(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    }

    /** The reply for an error status that Micronaut or the error handler produced on a callback route. */
    MutableHttpResponse<String> error(HttpStatus status) {
        return switch (status.getCode()) {
            case 403 -> reply(status, "forbidden");
            case 404 -> reply(status, "not_found");
            case 405 -> reply(status, "method_not_allowed");
            case 413 -> tooLarge(HandoffController.MAX_BODY_BYTES);
            case 415 -> unsupportedType();
            case 503 -> unavailable();
            default -> status.getCode() >= 500 ? reply(status, "error") : reply(status, "bad_request");
        };
    }

    private MutableHttpResponse<String> linked(Link link) {
        Map<String, String> body = body("linked");
        body.put("discord_user_id", link.discordUser().toString());
        body.put("member_id", link.directoryUser().value());
        return respond(HttpStatus.OK, body);
    }

    private MutableHttpResponse<String> reply(HttpStatus status, String code, Object... arguments) {
        return respond(status, body(code, arguments));
    }

    private Map<String, String> body(String code, Object... arguments) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", code);
        body.put("message", messages.get("callback." + camel(code), arguments));
        return body;
    }

    private MutableHttpResponse<String> respond(HttpStatus status, Map<String, String> body) {
        String text;
        try {
            text = json.writeValueAsString(BODY, body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a callback reply", e);
        }
        MutableHttpResponse<String> response = HttpResponse.<String>status(status).body(text)
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        headers.apply(response);
        return response;
    }

    /** {@code too_many_attempts} → {@code tooManyAttempts}, the message key's last part. */
    static String camel(String code) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : code.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
