package dev.gatehouse.core.service;

import dev.gatehouse.core.model.Backoff;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.port.out.RateLimitStore;
import dev.gatehouse.core.port.out.RateLimitStore.Failures;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The wait imposed on a client address after repeated unusable links or callbacks. */
final class ClientBackoff {
    private final RateLimitStore rateLimits;
    private final Backoff backoff;

    ClientBackoff(RateLimitStore rateLimits, Backoff backoff) {
        this.rateLimits = rateLimits;
        this.backoff = backoff;
    }

    /** How long the client must still wait, if at all. */
    Optional<Duration> waitFor(ClientIp client, Instant now) {
        Failures failures = rateLimits.failures(RateKeys.linkFailures(client), now, backoff.forgetAfter());
        Duration wait = backoff.waitAfter(failures.count());
        if (wait.isZero() || failures.last().isEmpty()) {
            return Optional.empty();
        }
        Instant allowedAt = failures.last().get().plus(wait);
        return now.isBefore(allowedAt) ? Optional.of(Duration.between(now, allowedAt)) : Optional.empty();
    }

    void recordFailure(ClientIp client, Instant now) {
        rateLimits.recordFailure(RateKeys.linkFailures(client), now, backoff.forgetAfter());
    }
}
