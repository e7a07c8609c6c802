package dev.gatehouse.core.model;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one verification session (not secret: the token is the secret).
 *
 * @param value a random UUID
 */
public record SessionId(UUID value) {
    public SessionId {
        Objects.requireNonNull(value, "session id");
    }

    /**
     * A new, random id.
     *
     * @return the id
     */
    public static SessionId random() {
        return new SessionId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
