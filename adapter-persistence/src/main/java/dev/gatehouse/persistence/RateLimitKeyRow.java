package dev.gatehouse.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code rate_limit_keys}, one per rate-limited key: the row every check-and-record of that key locks.
 * The key's events live in {@code rate_limit_events}, reached through {@link RateLimitRepository}'s queries.
 */
@MappedEntity("rate_limit_keys")
record RateLimitKeyRow(@Id String key, Instant touchedAt) {
}
