package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.UpdateId;
import dev.gatehouse.core.port.out.MemberUpdates;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemoryMemberUpdates implements MemberUpdates {
    private final MemoryTransactions tx;
    private final Map<UpdateId, Entry> entries = new LinkedHashMap<>();

    MemoryMemberUpdates(MemoryTransactions tx) {
        this.tx = tx;
    }

    private record Entry(MemberUpdate update, int attempts, Instant dueAt, Optional<String> lastError) {
    }

    @Override
    public void enqueue(List<MemberUpdate> updates) {
        for (MemberUpdate update : updates) {
            tx.write(() -> entries.put(update.id(), new Entry(update, 0, update.createdAt(), Optional.empty())),
                    () -> entries.remove(update.id()));
        }
    }

    @Override
    public List<ClaimedUpdate> claim(Shard shard, int max, Instant now, Duration lease) {
        return tx.read(() -> {
            List<Entry> due = entries.values().stream()
                    .filter(e -> !e.dueAt().isAfter(now) && shard.owns(e.update().guild().value()))
                    .sorted(Comparator.comparing(Entry::dueAt).thenComparing(e -> e.update().createdAt()))
                    .limit(max)
                    .toList();
            Instant leasedUntil = now.plus(lease);
            for (Entry e : due) {
                Entry leased = new Entry(e.update(), e.attempts(), leasedUntil, e.lastError());
                tx.write(() -> entries.put(e.update().id(), leased), () -> entries.put(e.update().id(), e));
            }
            return due.stream().map(e -> new ClaimedUpdate(e.update(), e.attempts())).toList();
        });
    }

    @Override
    public void complete(UpdateId id) {
        Entry previous = tx.read(() -> entries.get(id));
        if (previous != null) {
            tx.write(() -> entries.remove(id), () -> entries.put(id, previous));
        }
    }

    @Override
    public void retryAt(UpdateId id, Instant notBefore, String lastError) {
        Entry previous = tx.read(() -> entries.get(id));
        if (previous != null) {
            Entry next = new Entry(previous.update(), previous.attempts() + 1, notBefore, Optional.of(lastError));
            tx.write(() -> entries.put(id, next), () -> entries.put(id, previous));
        }
    }

    @Override
    public Map<Integer, Long> pendingByShard(int shardCount) {
        return tx.read(() -> {
            Map<Integer, Long> pending = new java.util.TreeMap<>();
            entries.values().forEach(e -> pending.merge((int) ((e.update().guild().value() >> 22) % shardCount), 1L, Long::sum));
            return pending;
        });
    }

    @Override
    public OutboxDepth depth(Instant now) {
        return tx.read(() -> new OutboxDepth(entries.size(), entries.values().stream()
                .map(e -> e.update().createdAt())
                .min(Instant::compareTo)
                .map(oldest -> Duration.between(oldest, now))));
    }

    /** Deletes the queued updates that match (undone with the transaction). */
    long removeMatching(java.util.function.Predicate<MemberUpdate> which) {
        return tx.read(() -> {
            List<Entry> removed = entries.values().stream().filter(e -> which.test(e.update())).toList();
            removed.forEach(e -> tx.write(() -> entries.remove(e.update().id()), () -> entries.put(e.update().id(), e)));
            return (long) removed.size();
        });
    }
}
