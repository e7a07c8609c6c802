package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.port.out.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemoryRateLimits implements RateLimitStore {
    private final MemoryTransactions tx;
    private final Map<String, Deque<Instant>> events = new HashMap<>();
    private final Map<String, FailureRecord> failures = new HashMap<>();
    private final Map<String, Instant> blocks = new HashMap<>();

    /** A key's failures: how many, the newest, and when they are forgotten unless another comes. */
    private record FailureRecord(long count, Instant last, Instant forgetAt) {
    }

    MemoryRateLimits(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Acquisition tryAcquire(String key, List<RateRule> rules, Instant now) {
        return tx.read(() -> {
            Deque<Instant> log = events.getOrDefault(key, new ArrayDeque<>());
            Duration longestWait = Duration.ZERO;
            for (RateRule rule : rules) {
                Instant windowStart = now.minus(rule.window());
                List<Instant> inWindow = log.stream().filter(t -> t.isAfter(windowStart)).sorted().toList();
                if (inWindow.size() >= rule.limit()) {
                    Instant freesAt = inWindow.get(inWindow.size() - rule.limit()).plus(rule.window());
                    Duration wait = Duration.between(now, freesAt);
                    if (wait.compareTo(longestWait) > 0) {
                        longestWait = wait;
                    }
                }
            }
            if (!longestWait.isZero()) {
                return new Acquisition.Limited(longestWait);
            }
            tx.write(() -> events.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now),
                    () -> events.get(key).removeLastOccurrence(now));
            return new Acquisition.Acquired();
        });
    }

    @Override
    public Failures recordFailure(String key, Instant now, Duration forgetAfter) {
        return tx.read(() -> {
            FailureRecord previous = failures.get(key);
            FailureRecord current = previous == null || !previous.last().isAfter(now.minus(forgetAfter))
                    ? new FailureRecord(1, now, now.plus(forgetAfter))
                    : new FailureRecord(previous.count() + 1, max(previous.last(), now), max(previous.forgetAt(), now.plus(forgetAfter)));
            tx.write(() -> failures.put(key, current), () -> {
                if (previous == null) {
                    failures.remove(key);
                } else {
                    failures.put(key, previous);
                }
            });
            return current.count() == 1 ? Failures.NONE : new Failures(previous.count(), Optional.of(previous.last()));
        });
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public void block(String key, Instant until) {
        Instant previous = tx.read(() -> blocks.get(key));
        tx.write(() -> blocks.put(key, until), () -> {
            if (previous == null) {
                blocks.remove(key);
            } else {
                blocks.put(key, previous);
            }
        });
    }

    @Override
    public Optional<Instant> blockedUntil(String key, Instant now) {
        return tx.read(() -> Optional.ofNullable(blocks.get(key)).filter(until -> until.isAfter(now)));
    }

    @Override
    public void purge(Instant now, Duration longestWindow) {
        tx.read(() -> {
            Instant horizon = now.minus(longestWindow);
            events.values().forEach(log -> log.removeIf(t -> !t.isAfter(horizon)));
            events.values().removeIf(Deque::isEmpty);
            failures.values().removeIf(record -> !record.forgetAt().isAfter(now));
            blocks.values().removeIf(until -> !until.isAfter(now));
            return null;
        });
    }

    /** Deletes every counter, failure record and block whose key matches (undone with the transaction); {@return the keys} */
    long removeKeysMatching(java.util.function.Predicate<String> which) {
        return tx.read(() -> {
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (Map<String, ?> map : List.of(events, failures, blocks)) {
                map.keySet().stream().filter(which).forEach(keys::add);
            }
            for (String key : keys) {
                removeKey(events, key);
                removeKey(failures, key);
                removeKey(blocks, key);
            }
            return (long) keys.size();
        });
    }

    private <V> void removeKey(Map<String, V> map, String key) {
        V previous = map.get(key);
        if (previous != null) {
            tx.write(() -> map.remove(key), () -> map.put(key, previous));
        }
    }
}
