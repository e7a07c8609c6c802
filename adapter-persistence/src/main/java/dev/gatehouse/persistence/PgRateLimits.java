package dev.gatehouse.persistence;

import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.port.out.RateLimitStore;
import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sliding-window counters in {@code rate_limit_events} and {@code rate_limit_failures}, blocks in
 * {@code rate_limit_blocks}. Each check-and-record first locks the key's row in {@code rate_limit_keys} with
 * an upsert, so concurrent callers on one key, in any instance, take turns.
 */
@Singleton
@Bean(typed = PgRateLimits.class)
final class PgRateLimits implements RateLimitStore {
    private final Db db;
    private final RateLimitRepository repository;

    PgRateLimits(Db db, RateLimitRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    @Override
    public Acquisition tryAcquire(String key, List<RateRule> rules, Instant now) {
        return db.write("checking a rate limit", () -> {
            repository.lockKey(key, now);
            Duration longestWait = Duration.ZERO;
            for (RateRule rule : rules) {
                List<Instant> limiting = repository.nthNewestEvent(key, now.minus(rule.window()), rule.limit() - 1);
                if (!limiting.isEmpty()) {
                    Duration wait = Duration.between(now, limiting.get(0).plus(rule.window()));
                    if (wait.compareTo(longestWait) > 0) {
                        longestWait = wait;
                    }
                }
            }
            if (!longestWait.isZero() && !longestWait.isNegative()) {
                return new Acquisition.Limited(longestWait);
            }
            repository.recordEvent(key, now);
            return new Acquisition.Acquired();
        });
    }

    @Override
    public Failures recordFailure(String key, Instant now, Duration forgetAfter) {
        return db.write("recording a failure", () -> {
            repository.lockKey(key, now);
            repository.forgetFailures(key, now.minus(forgetAfter));
            repository.recordFailure(key, now);
            return failures(repository.failuresSince(key, now.minus(forgetAfter)));
        });
    }

    @Override
    public Failures failures(String key, Instant now, Duration forgetAfter) {
        return failures(db.read("counting failures", () -> repository.failuresSince(key, now.minus(forgetAfter))));
    }

    private static Failures failures(FailureCountRow row) {
        return row.failures() == 0 ? Failures.NONE : new Failures(row.failures(), Optional.of(row.latest()));
    }

    @Override
    public void block(String key, Instant until) {
        db.write("blocking a key", () -> {
            repository.block(key, until);
            return null;
        });
    }

    @Override
    public Optional<Instant> blockedUntil(String key, Instant now) {
        return db.read("reading a block", () -> repository.findBlock(key, now)).map(RateLimitBlockRow::blockedUntil);
    }

    @Override
    public void purge(Instant now, Duration longestWindow) {
        Instant horizon = now.minus(longestWindow);
        db.write("purging rate limits", () -> {
            repository.purgeEvents(horizon);
            repository.purgeFailures(horizon);
            repository.purgeKeys(horizon);
            return repository.purgeBlocks(now);
        });
    }
}
