package dev.gatehouse.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberNotice;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.RoleId;
import dev.gatehouse.core.model.UpdateId;
import dev.gatehouse.core.port.out.MemberUpdates.ClaimedUpdate;
import dev.gatehouse.core.port.out.MemberUpdates.OutboxDepth;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Contract of the {@code MemberUpdates} outbox. */
public abstract class MemberUpdatesContract extends StoreContract {
    private static final Duration LEASE = Duration.ofMinutes(2);

    private static MemberUpdate grant(long guild, long member, Instant at) {
        return MemberUpdate.of(new GuildId(guild), new DiscordUserId(member), new MemberChange.GrantRole(new RoleId(77)),
                "Gatehouse: verified", at);
    }

    private static List<UpdateId> ids(List<ClaimedUpdate> claimed) {
        return claimed.stream().map(c -> c.update().id()).toList();
    }

    @Test
    void updatesAreClaimedOldestFirstAndComeBackAsQueued() {
        MemberUpdate second = grant(1, 2, T0.plusSeconds(1));
        MemberUpdate first = MemberUpdate.of(new GuildId(1), new DiscordUserId(1), new MemberChange.SetNickname("Jane Doe"),
                "Gatehouse: verified", T0);
        MemberUpdate third = MemberUpdate.of(new GuildId(1), new DiscordUserId(3), new MemberChange.ResetNickname(),
                "Gatehouse: unlinked", T0.plusSeconds(2));
        stores.memberUpdates().enqueue(List.of(second, first, third));

        List<ClaimedUpdate> claimed = stores.memberUpdates().claim(Shard.ALL, 10, T0.plusSeconds(5), LEASE);

        assertEquals(List.of(new ClaimedUpdate(first, 0), new ClaimedUpdate(second, 0), new ClaimedUpdate(third, 0)), claimed);
    }

    @Test
    void kicksAndEveryNoticeComeBackAsQueued() {
        ZoneId vienna = ZoneId.of("Europe/Vienna");
        List<MemberUpdate> queued = List.of(
                MemberUpdate.of(new GuildId(1), new DiscordUserId(1), new MemberChange.Kick(), "Gatehouse: not verified in time", T0),
                MemberUpdate.of(new GuildId(1), new DiscordUserId(2), new MemberChange.Notify(
                        new MemberNotice.VerificationEnding(T0.plus(Duration.ofDays(7)), Locale.GERMAN, vienna)), "Gatehouse: reminder",
                        T0.plusSeconds(1)),
                MemberUpdate.of(new GuildId(1), new DiscordUserId(3), new MemberChange.Notify(
                        new MemberNotice.VerificationLapsed(Locale.forLanguageTag("pt-BR"))), "Gatehouse: lapsed", T0.plusSeconds(2)),
                MemberUpdate.of(new GuildId(1), new DiscordUserId(4), new MemberChange.Notify(
                        new MemberNotice.RemovalWarning(T0.plus(Duration.ofHours(24)), Locale.ENGLISH, ZoneId.of("UTC"))),
                        "Gatehouse: warning", T0.plusSeconds(3)));
        stores.memberUpdates().enqueue(queued);

        List<ClaimedUpdate> claimed = stores.memberUpdates().claim(Shard.ALL, 10, T0.plusSeconds(5), LEASE);

        assertEquals(queued.stream().map(u -> new ClaimedUpdate(u, 0)).toList(), claimed);
    }

    @Test
    void aClaimedUpdateIsHiddenUntilItsLeaseRunsOut() {
        MemberUpdate update = grant(1, 2, T0);
        stores.memberUpdates().enqueue(List.of(update));

        assertEquals(List.of(update.id()), ids(stores.memberUpdates().claim(Shard.ALL, 10, T0, LEASE)));
        assertEquals(List.of(), stores.memberUpdates().claim(Shard.ALL, 10, T0.plusSeconds(60), LEASE));
        assertEquals(List.of(update.id()), ids(stores.memberUpdates().claim(Shard.ALL, 10, T0.plus(LEASE), LEASE)));
    }

    @Test
    void aCompletedUpdateLeavesTheOutbox() {
        MemberUpdate update = grant(1, 2, T0);
        stores.memberUpdates().enqueue(List.of(update));
        stores.memberUpdates().claim(Shard.ALL, 10, T0, LEASE);

        stores.memberUpdates().complete(update.id());

        assertEquals(List.of(), stores.memberUpdates().claim(Shard.ALL, 10, T0.plus(Duration.ofHours(1)), LEASE));
        assertEquals(new OutboxDepth(0, Optional.empty()), stores.memberUpdates().depth(T0));
    }

    @Test
    void aRetriedUpdateIsDueAgainAtItsTimeWithTheAttemptCounted() {
        MemberUpdate update = grant(1, 2, T0);
        stores.memberUpdates().enqueue(List.of(update));
        stores.memberUpdates().claim(Shard.ALL, 10, T0, LEASE);

        stores.memberUpdates().retryAt(update.id(), T0.plusSeconds(30), "HTTP 503");

        assertEquals(List.of(), stores.memberUpdates().claim(Shard.ALL, 10, T0.plusSeconds(29), LEASE));
        assertEquals(List.of(new ClaimedUpdate(update, 1)), stores.memberUpdates().claim(Shard.ALL, 10, T0.plusSeconds(30), LEASE));
    }

    @Test
    void aShardClaimsOnlyItsOwnGuilds() {
        long guildOnShard0 = 4L << 22;
        long guildOnShard1 = 5L << 22;
        MemberUpdate mine = grant(guildOnShard1, 2, T0);
        stores.memberUpdates().enqueue(List.of(grant(guildOnShard0, 2, T0), mine));

        assertEquals(List.of(mine.id()), ids(stores.memberUpdates().claim(new Shard(1, 2), 10, T0, LEASE)));
    }

    @Test
    void thePendingUpdatesAreCountedByTheShardOfTheirGuild() {
        stores.memberUpdates().enqueue(List.of(grant(4L << 22, 2, T0), grant(5L << 22, 3, T0), grant(7L << 22, 4, T0)));

        assertEquals(java.util.Map.of(0, 1L, 1, 2L), stores.memberUpdates().pendingByShard(2));
        assertEquals(java.util.Map.of(0, 3L), stores.memberUpdates().pendingByShard(1));
    }

    @Test
    void theDepthCountsWaitingUpdatesAndTheAgeOfTheOldest() {
        stores.memberUpdates().enqueue(List.of(grant(1, 2, T0), grant(1, 3, T0.plusSeconds(30))));

        assertEquals(new OutboxDepth(2, Optional.of(Duration.ofSeconds(90))), stores.memberUpdates().depth(T0.plusSeconds(90)));
    }

    @Test
    void concurrentClaimersNeverGetTheSameUpdate() throws Exception {
        List<MemberUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            updates.add(grant(1, 100 + i, T0.plusMillis(i)));
        }
        stores.memberUpdates().enqueue(updates);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ClaimedUpdate>>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add(pool.submit(() -> stores.memberUpdates().claim(Shard.ALL, 5, T0.plusSeconds(1), LEASE)));
            }
            Set<UpdateId> seen = new HashSet<>();
            int total = 0;
            for (Future<List<ClaimedUpdate>> claim : claims) {
                for (ClaimedUpdate c : claim.get()) {
                    assertTrue(seen.add(c.update().id()), "claimed twice: " + c.update().id());
                    total++;
                }
            }
            assertEquals(40, total);
        } finally {
            pool.shutdownNow();
        }
    }
}
