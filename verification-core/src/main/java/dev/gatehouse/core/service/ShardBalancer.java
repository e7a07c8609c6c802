package dev.gatehouse.core.service;

import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.ShardLease;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The fair-share rule for Discord shards: of {@code n} shards and {@code k} live instances ordered by id, the first
 * {@code n % k} own {@code n / k + 1} shards and the rest {@code n / k}. An instance keeps what it holds up to its
 * share, hands over the surplus (highest shards first) and takes free shards (lowest first) up to its share. Pure.
 */
public final class ShardBalancer {
    private ShardBalancer() {
    }

    /** What one instance should do next: shards to take (they are free) and shards to hand over. */
    public record Moves(Set<Integer> take, Set<Integer> handOver) {
        public Moves {
            take = Set.copyOf(take);
            handOver = Set.copyOf(handOver);
        }
    }

    /** The share of {@code self} among {@code live} instances for {@code shardCount} shards (0 if not live). */
    public static int share(int shardCount, InstanceId self, Collection<InstanceId> live) {
        List<InstanceId> ordered = ordered(live);
        int position = ordered.indexOf(self);
        if (position < 0) {
            return 0;
        }
        int base = shardCount / ordered.size();
        return position < shardCount % ordered.size() ? base + 1 : base;
    }

    /**
     * The moves of {@code self}, given the live instances (self among them) and the leases that are still valid
     * (expired ones must be left out: their shards are free).
     */
    public static Moves moves(int shardCount, InstanceId self, Collection<InstanceId> live, Collection<ShardLease> validLeases) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, got " + shardCount);
        }
        Set<InstanceId> liveSet = Set.copyOf(live);
        Map<Integer, InstanceId> owners = validLeases.stream()
                .filter(l -> liveSet.contains(l.owner()))
                .collect(Collectors.toMap(ShardLease::shard, ShardLease::owner, (a, b) -> a));
        TreeSet<Integer> held = owners.entrySet().stream().filter(e -> e.getValue().equals(self))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        TreeSet<Integer> handOver = new TreeSet<>(held.tailSet(shardCount));
        held.removeAll(handOver);
        int share = share(shardCount, self, liveSet);
        while (held.size() > share) {
            handOver.add(held.pollLast());
        }
        TreeSet<Integer> take = new TreeSet<>();
        for (int shard = 0; shard < shardCount && held.size() + take.size() < share; shard++) {
            if (!owners.containsKey(shard)) {
                take.add(shard);
            }
        }
        return new Moves(take, handOver);
    }

    private static List<InstanceId> ordered(Collection<InstanceId> live) {
        return live.stream().distinct().sorted(Comparator.comparing(InstanceId::value)).toList();
    }
}
