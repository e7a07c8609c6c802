package dev.gatehouse.discord.fake;

import java.time.Duration;
import java.util.Map;

/** A scripted answer for the fake Discord's REST API: status, JSON body and extra headers. */
public record FakeResponse(int status, String body, Map<String, String> headers) {

    public FakeResponse {
        headers = Map.copyOf(headers);
    }

    /** A Discord per-route rate limit: 429 with both the {@code Retry-After} header and JSON {@code retry_after}. */
    public static FakeResponse rateLimited(Duration retryAfter) {
        double seconds = retryAfter.toMillis() / 1000.0;
        return new FakeResponse(429,
                "{\"message\":\"You are being rate limited.\",\"retry_after\":" + seconds + ",\"global\":false}",
                Map.of("Retry-After", Long.toString((long) Math.ceil(seconds)),
                        "X-RateLimit-Remaining", "0",
                        "X-RateLimit-Scope", "user"));
    }

    /** A Discord JSON error such as 403 {@code {"code":50013,"message":"Missing Permissions"}}. */
    public static FakeResponse error(int status, int code, String message) {
        return new FakeResponse(status, "{\"message\":\"" + message + "\",\"code\":" + code + "}", Map.of());
    }

    /** A server error with no Discord error code. */
    public static FakeResponse serverError() {
        return new FakeResponse(502, "{\"message\":\"Bad Gateway\",\"code\":0}", Map.of());
    }

    /** 204 No Content. */
    public static FakeResponse noContent() {
        return new FakeResponse(204, "", Map.of());
    }
}
