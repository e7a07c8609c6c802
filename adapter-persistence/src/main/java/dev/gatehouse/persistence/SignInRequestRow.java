package dev.gatehouse.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code sign_in_requests}, keyed by the SHA-256 hex of the link token; the binding's hashes are null until bound. */
@MappedEntity("sign_in_requests")
record SignInRequestRow(
        @Id String linkHash,
        String tenantId,
        long guildId,
        String guildName,
        long requesterId,
        String requesterName,
        @Nullable String stateHash,
        @Nullable String nonceHash,
        @Nullable String verifierHash,
        Instant createdAt,
        Instant expiresAt,
        String state) {
}
