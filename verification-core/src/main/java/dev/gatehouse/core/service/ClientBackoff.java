package dev.gatehouse.core.service;

import dev.gatehouse.core.model.Backoff;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.port.out.RateLimitStore;
import dev.gatehouse.core.port.out.RateLimitStore.Failures;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The per-address backoff on unusable links and callbacks. It throttles guessing, not people: it is consulted
 * only once a token has proved unusable, so a good token works whatever else its address sent (ASVS 6.1.1).
 * Every failure counts, the refused ones too; the n-th is answered normally only if the schedule's wait after
 * n-1 failures has passed since the one before it.
 */
final class ClientBackoff {
    private final RateLimitStore rateLimits;
    private final Backoff backoff;

    ClientBackoff(RateLimitStore rateLimits, Backoff backoff) {
        this.rateLimits = rateLimits;
        this.backoff = backoff;
    }

    /** Counts a failure by the client's address; if it came too soon, how long the address must now wait. */
    Optional<Duration> recordFailure(ClientIp client, Instant now) {
        Failures before = rateLimits.recordFailure(RateKeys.linkFailures(client), now, backoff.forgetAfter());
        Duration wait = backoff.waitAfter(before.count());
        if (wait.isZero() || before.last().isEmpty() || !now.isBefore(before.last().get().plus(wait))) {
            return Optional.empty();
        }
        return Optional.of(backoff.waitAfter(before.count() + 1));
    }
}
