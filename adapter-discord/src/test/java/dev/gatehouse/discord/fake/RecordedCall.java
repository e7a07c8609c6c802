package dev.gatehouse.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One REST request the client sent to the fake Discord, as received: method, path after {@code /api/v10},
 * query, body, headers (names lower-cased), the moment it arrived and the status the fake answered.
 */
public record RecordedCall(long sequence, Instant at, long nanoTime, String method, String path, String query,
                           String body, Map<String, String> headers, int status) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The {@code X-Audit-Log-Reason} header, URL-decoded as Discord shows it in the audit log. */
    public Optional<String> auditLogReason() {
        return header("X-Audit-Log-Reason").map(v -> java.net.URLDecoder.decode(v, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The body parsed as JSON (a missing node when the body is empty). */
    public JsonNode json() {
        if (body.isEmpty()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("request body is not JSON: " + body, e);
        }
    }

    /** How long after {@code earlier} this request arrived, measured on the monotonic clock. */
    public Duration after(RecordedCall earlier) {
        return Duration.ofNanos(nanoTime - earlier.nanoTime);
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + status
                + (body.isEmpty() ? "" : " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
    }
}
