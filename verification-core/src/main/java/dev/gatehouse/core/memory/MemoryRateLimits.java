package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.RateRule;
import dev.gatehouse.core.port.out.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemoryRateLimits implements RateLimitStore {
    private final MemoryTransactions tx;
    private final Map<String, Deque<Instant>> events = new HashMap<>();
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private final Map<String, Instant> blocks = new HashMap<>();

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
            Deque<Instant> before = new ArrayDeque<>(failures.getOrDefault(key, new ArrayDeque<>()));
            tx.write(() -> {
                Deque<Instant> log = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
                log.removeIf(t -> !t.isAfter(now.minus(forgetAfter)));
                log.addLast(now);
            }, () -> failures.put(key, before));
            return failures(key, now, forgetAfter);
        });
    }

    @Override
    public Failures failures(String key, Instant now, Duration forgetAfter) {
        return tx.read(() -> {
            Instant horizon = now.minus(forgetAfter);
            List<Instant> recent = new ArrayList<>(failures.getOrDefault(key, new ArrayDeque<>()));
            recent.removeIf(t -> !t.isAfter(horizon));
            if (recent.isEmpty()) {
                return Failures.NONE;
            }
            return new Failures(recent.size(), recent.stream().max(Instant::compareTo));
        });
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
            failures.values().forEach(log -> log.removeIf(t -> !t.isAfter(horizon)));
            failures.values().removeIf(Deque::isEmpty);
            blocks.values().removeIf(until -> !until.isAfter(now));
            return null;
        });
    }
}
