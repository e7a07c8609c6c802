package dev.gatehouse.web;

import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the callback token in a request body: the form field {@code token} or {@code jwt}, the member
 * {@code token} or {@code jwt} of a JSON object, or the whole body of an {@code application/jwt} (or
 * {@code text/plain}) request. Exactly one token must be given.
 */
final class CallbackBody {
    static final List<String> FIELDS = List.of("token", "jwt");

    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private CallbackBody() {
    }

    /** What the body held. */
    sealed interface Extracted {
        record Found(String token) implements Extracted {
            @Override
            public String toString() {
                return "Found[token=[redacted]]";
            }
        }

        /** No token, or more than one. */
        record NoSingleToken() implements Extracted {
        }

        /** Not a form, JSON object or text as its content type says. */
        record Unreadable() implements Extracted {
        }

        /** A content type the callback doesn't take. */
        record UnsupportedType() implements Extracted {
        }
    }

    static Extracted extract(Optional<MediaType> contentType, byte[] body, JsonMapper json) {
        if (contentType.isEmpty()) {
            return new Extracted.UnsupportedType();
        }
        String type = contentType.get().getName();
        if (type.equalsIgnoreCase(MediaType.APPLICATION_FORM_URLENCODED)) {
            return fromForm(body);
        }
        if (type.equalsIgnoreCase(MediaType.APPLICATION_JSON)) {
            return fromJson(body, json);
        }
        if (type.equalsIgnoreCase("application/jwt") || type.equalsIgnoreCase(MediaType.TEXT_PLAIN)) {
            return single(List.of(new String(body, StandardCharsets.UTF_8)));
        }
        return new Extracted.UnsupportedType();
    }

    private static Extracted fromForm(byte[] body) {
        List<String> values = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            for (String pair : text.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                if (FIELDS.contains(name)) {
                    values.add(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            return new Extracted.Unreadable();
        }
        return single(values);
    }

    private static Extracted fromJson(byte[] body, JsonMapper json) {
        Map<String, Object> object;
        try {
            object = json.readValue(body, JSON_OBJECT);
        } catch (IOException | RuntimeException e) {
            return new Extracted.Unreadable();
        }
        if (object == null) {
            return new Extracted.Unreadable();
        }
        List<String> values = new ArrayList<>();
        for (String field : FIELDS) {
            Object value = object.get(field);
            if (value instanceof String text) {
                values.add(text);
            } else if (value != null) {
                return new Extracted.NoSingleToken();
            }
        }
        return single(values);
    }

    private static Extracted single(List<String> values) {
        List<String> given = values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
        return given.size() == 1 ? new Extracted.Found(given.get(0)) : new Extracted.NoSingleToken();
    }
}
