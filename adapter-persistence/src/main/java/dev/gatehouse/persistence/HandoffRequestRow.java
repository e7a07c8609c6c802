package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code handoff_requests}, keyed by the SHA-256 hex of the hand-off token's {@code jti}. */
@MappedEntity("handoff_requests")
record HandoffRequestRow(
        @Id String jtiHash,
        String tenantId,
        long guildId,
        String guildName,
        long requesterId,
        String requesterName,
        Instant createdAt,
        Instant expiresAt,
        String state,
        @Nullable String language) {
}
