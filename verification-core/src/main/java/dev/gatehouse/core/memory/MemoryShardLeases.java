package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.FleetMember;
import dev.gatehouse.core.model.InstanceId;
import dev.gatehouse.core.model.RelayedNotice;
import dev.gatehouse.core.model.ShardLease;
import dev.gatehouse.core.port.out.ShardLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** Shard leases of a fleet that lives in one JVM (the embedded default: one instance owns every shard). */
public final class MemoryShardLeases implements ShardLeases {
    private static final Duration DAY = Duration.ofDays(1);

    private final Map<InstanceId, Instant> heartbeats = new HashMap<>();
    private final Map<Integer, ShardLease> leases = new TreeMap<>();
    private final Map<Integer, Instant> lastIdentify = new HashMap<>();
    private final Deque<Instant> identifiesToday = new ArrayDeque<>();
    private final Map<String, RegistrationClaim.AlreadyClaimed> registrations = new HashMap<>();
    private final List<RelayedNotice> notices = new ArrayList<>();
    private final Map<UUID, Instant> claimedUntil = new HashMap<>();

    /** No instances, no leases, no registration claimed. */
    public MemoryShardLeases() {
    }

    @Override
    public synchronized void relayNotice(RelayedNotice notice) {
        java.util.Objects.requireNonNull(notice, "notice");
        int at = 0;
        while (at < notices.size() && !notices.get(at).createdAt().isAfter(notice.createdAt())) {
            at++;
        }
        notices.add(at, notice);
    }

    @Override
    public synchronized List<RelayedNotice> claimNotices(int shard, int shardCount, int max, Instant now, Duration claimFor) {
        List<RelayedNotice> taken = new ArrayList<>();
        for (Iterator<RelayedNotice> waiting = notices.iterator(); waiting.hasNext() && taken.size() < max; ) {
            RelayedNotice notice = waiting.next();
            Instant claimed = claimedUntil.get(notice.id());
            if (notice.shard(shardCount) == shard && (claimed == null || !claimed.isAfter(now))) {
                taken.add(notice);
                claimedUntil.put(notice.id(), now.plus(claimFor));
            }
        }
        return taken;
    }

    @Override
    public synchronized void noticePosted(UUID notice) {
        notices.removeIf(n -> n.id().equals(notice));
        claimedUntil.remove(notice);
    }

    @Override
    public synchronized Map<Integer, Long> waitingNotices(int shardCount) {
        Map<Integer, Long> waiting = new TreeMap<>();
        notices.forEach(notice -> waiting.merge(notice.shard(shardCount), 1L, Long::sum));
        return waiting;
    }

    @Override
    public synchronized Set<Integer> heartbeat(InstanceId instance, Instant now) {
        heartbeats.put(instance, now);
        Set<Integer> held = new TreeSet<>();
        leases.replaceAll((shard, lease) -> {
            if (!lease.owner().equals(instance)) {
                return lease;
            }
            held.add(shard);
            return new ShardLease(shard, instance, now);
        });
        return held;
    }

    @Override
    public synchronized List<FleetMember> fleet(Instant now, Duration expiry) {
        return heartbeats.entrySet().stream()
                .filter(e -> e.getValue().plus(expiry).isAfter(now))
                .map(e -> new FleetMember(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(m -> m.instance().value()))
                .toList();
    }

    @Override
    public synchronized List<ShardLease> leases() {
        return List.copyOf(leases.values());
    }

    @Override
    public synchronized Acquisition acquire(int shard, InstanceId instance, Instant now, Duration expiry) {
        ShardLease current = leases.get(shard);
        if (current != null && !current.owner().equals(instance) && !current.expiredAt(now, expiry)) {
            return new Acquisition.HeldByAnother(current);
        }
        ShardLease taken = new ShardLease(shard, instance, now);
        leases.put(shard, taken);
        return new Acquisition.Acquired(taken);
    }

    @Override
    public synchronized void release(int shard, InstanceId instance) {
        ShardLease current = leases.get(shard);
        if (current != null && current.owner().equals(instance)) {
            leases.remove(shard);
        }
    }

    @Override
    public synchronized void leave(InstanceId instance) {
        leases.values().removeIf(lease -> lease.owner().equals(instance));
        heartbeats.remove(instance);
    }

    @Override
    public synchronized IdentifySlot reserveIdentify(int bucket, Instant now, Duration spacing, int dailyLimit) {
        while (!identifiesToday.isEmpty() && !identifiesToday.peekFirst().plus(DAY).isAfter(now)) {
            identifiesToday.removeFirst();
        }
        if (identifiesToday.size() >= dailyLimit) {
            return new IdentifySlot.NotBefore(identifiesToday.peekFirst().plus(DAY), true);
        }
        Instant last = lastIdentify.get(bucket);
        if (last != null && last.plus(spacing).isAfter(now)) {
            return new IdentifySlot.NotBefore(last.plus(spacing), false);
        }
        lastIdentify.put(bucket, now);
        identifiesToday.addLast(now);
        return new IdentifySlot.Granted();
    }

    @Override
    public synchronized RegistrationClaim claimCommandRegistration(String commandSetHash, InstanceId instance, Instant now) {
        RegistrationClaim.AlreadyClaimed earlier = registrations.get(commandSetHash);
        if (earlier != null) {
            return earlier;
        }
        registrations.put(commandSetHash, new RegistrationClaim.AlreadyClaimed(instance, now));
        return new RegistrationClaim.Claimed();
    }
}
