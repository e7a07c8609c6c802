package dev.gatehouse.core.model;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one queued member update in the outbox.
 *
 * @param value a random UUID
 */
public record UpdateId(UUID value) {
    public UpdateId {
        Objects.requireNonNull(value, "update id");
    }

    /**
     * A new, random id.
     *
     * @return the id
     */
    public static UpdateId random() {
        return new UpdateId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
