package dev.gatehouse.core.memory;

import dev.gatehouse.core.model.Arrival;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.port.out.Arrivals;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

final class MemoryArrivals implements Arrivals {
    private static final Comparator<Arrival> OLDEST_FIRST = Comparator.comparing(Arrival::joinedAt)
            .thenComparingLong(a -> a.member().value());

    private record Key(GuildId guild, DiscordUserId member) {
    }

    private final MemoryTransactions tx;
    private final Map<Key, Arrival> arrivals = new HashMap<>();

    MemoryArrivals(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public int arrived(GuildId guild, Collection<DiscordUserId> members, Instant at) {
        return tx.read(() -> {
            int recorded = 0;
            for (DiscordUserId member : members) {
                Key key = new Key(guild, member);
                if (!arrivals.containsKey(key)) {
                    tx.write(() -> arrivals.put(key, new Arrival(guild, member, at, Optional.empty())), () -> arrivals.remove(key));
                    recorded++;
                }
            }
            return recorded;
        });
    }

    @Override
    public void forget(Collection<GuildId> guilds, DiscordUserId member) {
        tx.read(() -> {
            for (GuildId guild : guilds) {
                Key key = new Key(guild, member);
                Arrival old = arrivals.get(key);
                if (old != null) {
                    tx.write(() -> arrivals.remove(key), () -> arrivals.put(key, old));
                }
            }
            return null;
        });
    }

    @Override
    public long forgetServer(GuildId guild) {
        return tx.read(() -> {
            List<Arrival> gone = arrivals.values().stream().filter(a -> a.guild().equals(guild)).toList();
            gone.forEach(a -> {
                Key key = new Key(guild, a.member());
                tx.write(() -> arrivals.remove(key), () -> arrivals.put(key, a));
            });
            return (long) gone.size();
        });
    }

    @Override
    public Optional<Arrival> find(GuildId guild, DiscordUserId member) {
        return Optional.ofNullable(tx.get(arrivals, new Key(guild, member)));
    }

    @Override
    public long count(GuildId guild) {
        return tx.read(() -> arrivals.keySet().stream().filter(k -> k.guild().equals(guild)).count());
    }

    @Override
    public List<Arrival> takeDueWarnings(GuildId guild, Instant joinedBy, Instant now, int max) {
        requirePositive(max);
        return tx.read(() -> {
            List<Arrival> due = due(guild, a -> a.warnedAt().isEmpty() && !a.joinedAt().isAfter(joinedBy), max);
            return due.stream().map(old -> {
                Arrival warned = new Arrival(old.guild(), old.member(), old.joinedAt(), Optional.of(now));
                Key key = new Key(guild, old.member());
                tx.write(() -> arrivals.put(key, warned), () -> arrivals.put(key, old));
                return warned;
            }).toList();
        });
    }

    @Override
    public List<Arrival> takeDueRemovals(GuildId guild, Instant joinedBy, Instant warnedBy, int max) {
        requirePositive(max);
        return tx.read(() -> {
            List<Arrival> due = due(guild, a -> a.warnedAt().filter(w -> !w.isAfter(warnedBy)).isPresent()
                    && !a.joinedAt().isAfter(joinedBy), max);
            due.forEach(old -> {
                Key key = new Key(guild, old.member());
                tx.write(() -> arrivals.remove(key), () -> arrivals.put(key, old));
            });
            return due;
        });
    }

    private List<Arrival> due(GuildId guild, Predicate<Arrival> condition, int max) {
        return arrivals.values().stream().filter(a -> a.guild().equals(guild)).filter(condition).sorted(OLDEST_FIRST)
                .limit(max).toList();
    }

    private static void requirePositive(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
    }
}
