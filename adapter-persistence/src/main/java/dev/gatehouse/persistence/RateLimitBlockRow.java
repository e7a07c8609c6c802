package dev.gatehouse.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code rate_limit_blocks}: the key is refused until {@code blocked_until}. */
@MappedEntity("rate_limit_blocks")
record RateLimitBlockRow(@Id String key, Instant blockedUntil) {
}
