package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.Arrival;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.GuildSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Contract of {@code Arrivals}: the members counted for the removal of unverified members. */
public abstract class ArrivalsContract extends StoreContract {
    private static final GuildId GUILD = new GuildId(42);
    private static final GuildId OTHER_GUILD = new GuildId(43);

    private void bindGuilds() {
        createTenants();
        stores.guilds().save(GuildSettings.boundTo(GUILD, TENANT));
        stores.guilds().save(GuildSettings.boundTo(OTHER_GUILD, TENANT));
    }

    private static DiscordUserId member(long id) {
        return new DiscordUserId(id);
    }

    @Test
    void aMemberRecordedTwiceKeepsTheFirstJoiningTime() {
        bindGuilds();
        assertEquals(1, stores.arrivals().arrived(GUILD, List.of(member(1)), T0));
        assertEquals(1, stores.arrivals().arrived(GUILD, List.of(member(1), member(2)), T0.plusSeconds(60)), "only member 2 is new");

        assertEquals(Optional.of(new Arrival(GUILD, member(1), T0, Optional.empty())), stores.arrivals().find(GUILD, member(1)));
        assertEquals(Optional.of(new Arrival(GUILD, member(2), T0.plusSeconds(60), Optional.empty())),
                stores.arrivals().find(GUILD, member(2)));
        assertEquals(2, stores.arrivals().count(GUILD));
        assertEquals(0, stores.arrivals().count(OTHER_GUILD));
    }

    @Test
    void forgettingRemovesTheMemberFromTheGivenServersOnly() {
        bindGuilds();
        stores.arrivals().arrived(GUILD, List.of(member(1), member(2)), T0);
        stores.arrivals().arrived(OTHER_GUILD, List.of(member(1)), T0);

        stores.arrivals().forget(List.of(GUILD), member(1));

        assertEquals(Optional.empty(), stores.arrivals().find(GUILD, member(1)));
        assertTrue(stores.arrivals().find(OTHER_GUILD, member(1)).isPresent());
        assertTrue(stores.arrivals().find(GUILD, member(2)).isPresent());

        stores.arrivals().forget(List.of(GUILD, OTHER_GUILD), member(1));
        assertEquals(Optional.empty(), stores.arrivals().find(OTHER_GUILD, member(1)));
    }

    @Test
    void forgettingAServerForgetsItsMembersOnly() {
        bindGuilds();
        stores.arrivals().arrived(GUILD, List.of(member(1), member(2)), T0);
        stores.arrivals().arrived(OTHER_GUILD, List.of(member(1)), T0);

        assertEquals(2, stores.arrivals().forgetServer(GUILD));

        assertEquals(0, stores.arrivals().count(GUILD));
        assertEquals(1, stores.arrivals().count(OTHER_GUILD));
    }

    @Test
    void dueWarningsAreMarkedAndReturnedOnceOldestFirst() {
        bindGuilds();
        stores.arrivals().arrived(GUILD, List.of(member(2)), T0.plusSeconds(10));
        stores.arrivals().arrived(GUILD, List.of(member(1)), T0);
        stores.arrivals().arrived(GUILD, List.of(member(3)), T0.plusSeconds(100));
        stores.arrivals().arrived(OTHER_GUILD, List.of(member(4)), T0);
        Instant now = T0.plusSeconds(500);

        List<Arrival> warned = stores.arrivals().takeDueWarnings(GUILD, T0.plusSeconds(10), now, 10);

        assertEquals(List.of(new Arrival(GUILD, member(1), T0, Optional.of(now)),
                new Arrival(GUILD, member(2), T0.plusSeconds(10), Optional.of(now))), warned);
        assertEquals(List.of(), stores.arrivals().takeDueWarnings(GUILD, T0.plusSeconds(10), now.plusSeconds(1), 10));
        assertEquals(Optional.of(new Arrival(GUILD, member(1), T0, Optional.of(now))), stores.arrivals().find(GUILD, member(1)));
        assertEquals(Optional.empty(), stores.arrivals().find(GUILD, member(3)).flatMap(Arrival::warnedAt));
        assertEquals(Optional.empty(), stores.arrivals().find(OTHER_GUILD, member(4)).flatMap(Arrival::warnedAt));
    }

    @Test
    void takingWarningsStopsAtTheLimit() {
        bindGuilds();
        stores.arrivals().arrived(GUILD, List.of(member(1), member(2), member(3)), T0);

        assertEquals(2, stores.arrivals().takeDueWarnings(GUILD, T0, T0.plusSeconds(1), 2).size());
        assertEquals(1, stores.arrivals().takeDueWarnings(GUILD, T0, T0.plusSeconds(1), 2).size());
    }

    @Test
    void dueRemovalsNeedAWarningOldEnoughAndAreDeletedOnce() {
        bindGuilds();
        stores.arrivals().arrived(GUILD, List.of(member(1), member(2)), T0);
        stores.arrivals().arrived(GUILD, List.of(member(3)), T0.plusSeconds(50));
        stores.arrivals().takeDueWarnings(GUILD, T0, T0.plusSeconds(100), 10);
        stores.arrivals().takeDueWarnings(GUILD, T0.plusSeconds(50), T0.plusSeconds(200), 10);

        assertEquals(List.of(), stores.arrivals().takeDueRemovals(GUILD, T0.plusSeconds(50), T0.plusSeconds(99), 10),
                "nobody was warned by then");
        List<Arrival> removed = stores.arrivals().takeDueRemovals(GUILD, T0.plusSeconds(50), T0.plusSeconds(150), 10);

        assertEquals(List.of(member(1), member(2)), removed.stream().map(Arrival::member).toList());
        assertEquals(List.of(), stores.arrivals().takeDueRemovals(GUILD, T0.plusSeconds(50), T0.plusSeconds(150), 10));
        assertEquals(Optional.empty(), stores.arrivals().find(GUILD, member(1)));
        assertEquals(1, stores.arrivals().count(GUILD));
    }

    @Test
    void anUnwarnedMemberIsNeverTakenForRemoval() {
        bindGuilds();
        stores.arrivals().arrived(GUILD, List.of(member(1)), T0);

        assertEquals(List.of(), stores.arrivals().takeDueRemovals(GUILD, T0.plusSeconds(1000), T0.plusSeconds(1000), 10));
        assertTrue(stores.arrivals().find(GUILD, member(1)).isPresent());
    }

    @Test
    void takingInARolledBackTransactionTakesNothing() {
        bindGuilds();
        stores.arrivals().arrived(GUILD, List.of(member(1)), T0);
        try {
            stores.transactions().inTransaction(() -> {
                stores.arrivals().takeDueWarnings(GUILD, T0, T0.plusSeconds(5), 10);
                throw new IllegalStateException("queueing the warning failed");
            });
        } catch (IllegalStateException expected) {
            // the warning must still be due
        }

        assertEquals(1, stores.arrivals().takeDueWarnings(GUILD, T0, T0.plusSeconds(6), 10).size());
    }

    @Test
    void concurrentSweepsWarnEachMemberOnce() throws Exception {
        bindGuilds();
        List<DiscordUserId> members = IntStream.rangeClosed(1, 60).mapToObj(i -> member(i)).toList();
        stores.arrivals().arrived(GUILD, members, T0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<DiscordUserId>>> sweeps = new ArrayList<>();
        try {
            for (int s = 0; s < 4; s++) {
                sweeps.add(pool.submit(() -> {
                    start.await();
                    List<DiscordUserId> taken = new ArrayList<>();
                    List<Arrival> batch;
                    do {
                        batch = stores.transactions().inTransaction(() -> stores.arrivals().takeDueWarnings(GUILD, T0,
                                T0.plusSeconds(1), 7));
                        batch.forEach(a -> taken.add(a.member()));
                    } while (!batch.isEmpty());
                    return taken;
                }));
            }
            start.countDown();
            List<DiscordUserId> all = new ArrayList<>();
            for (Future<List<DiscordUserId>> sweep : sweeps) {
                all.addAll(sweep.get(30, TimeUnit.SECONDS));
            }
            Set<DiscordUserId> distinct = new HashSet<>(all);
            assertEquals(all.size(), distinct.size(), "a member was warned twice");
            assertEquals(new HashSet<>(members), distinct);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), stores.arrivals().takeDueWarnings(GUILD, T0, T0.plusSeconds(2), 100));
    }
}
