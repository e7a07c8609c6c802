package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code sessions}: the token appears only as its SHA-256 hex. */
@MappedEntity("sessions")
record SessionRow(
        @Id UUID sessionId,
        String tenantId,
        long guildId,
        String guildName,
        long requesterId,
        String requesterName,
        String directoryUserId,
        String tokenHash,
        Instant createdAt,
        Instant expiresAt,
        String state,
        @Nullable String language) {
}
