package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.link;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.port.in.DeliverMemberUpdates;
import dev.gatehouse.core.port.in.DeliverMemberUpdates.DeliveryReport;
import dev.gatehouse.core.port.out.MemberAccess.AccessOutcome;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outbox's delivery through the synchronous {@code MemberAccess}; {@link AsyncMemberUpdateDeliveryTest} runs the same through the asynchronous port. */
class MemberUpdateDeliveryTest {

    /** The delivery under test, over the world's member access. */
    DeliverMemberUpdates delivery(World world) {
        return world.gatehouse.deliverMemberUpdates();
    }

    private static World confirmedAlice() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));
        return world;
    }

    @Test
    void aRateLimitedUpdateIsRetriedAfterRetryAfterAndNotBefore() {
        World world = confirmedAlice();
        AtomicInteger roleAttempts = new AtomicInteger();
        world.accessBehaviour = update -> update.change() instanceof MemberChange.GrantRole && roleAttempts.incrementAndGet() == 1
                ? new AccessOutcome.RateLimited(Duration.ofSeconds(30)) : AccessOutcome.applied();

        DeliveryReport first = delivery(world).deliverDue(100);
        assertEquals(1, first.retried());

        world.clock.advance(Duration.ofSeconds(29));
        assertEquals(0, delivery(world).deliverDue(100).attempted());
        world.clock.advance(Duration.ofSeconds(1));
        DeliveryReport retry = delivery(world).deliverDue(100);

        assertEquals(new DeliveryReport(1, 0, 0), retry);
        assertEquals(3, roleAttempts.get(), "two servers' grants, and the limited one once more");
    }

    @Test
    void failuresAreRetriedWithGrowingBackoffUntilTheyWork() {
        World world = confirmedAlice();
        AtomicInteger calls = new AtomicInteger();
        world.accessBehaviour = update -> calls.incrementAndGet() <= 8 ? new AccessOutcome.Failed("HTTP 503") : AccessOutcome.applied();

        delivery(world).deliverDue(100);
        world.clock.advance(Duration.ofSeconds(4));
        assertEquals(0, delivery(world).deliverDue(100).attempted(), "first retry after 5 s");
        world.clock.advance(Duration.ofSeconds(1));
        assertEquals(4, delivery(world).deliverDue(100).retried());
        world.clock.advance(Duration.ofSeconds(9));
        assertEquals(0, delivery(world).deliverDue(100).attempted(), "second retry after 10 s");
        world.clock.advance(Duration.ofSeconds(1));

        assertEquals(new DeliveryReport(4, 0, 0), delivery(world).deliverDue(100));
        assertEquals(0, world.stores.memberUpdates().depth(world.clock.instant()).pending());
    }

    @Test
    void anImpossibleUpdateIsDroppedWithoutBlockingTheOthers() {
        World world = confirmedAlice();
        world.accessBehaviour = update -> update.change() instanceof MemberChange.SetNickname
                ? new AccessOutcome.Impossible("cannot change the server owner's nickname") : AccessOutcome.applied();

        DeliveryReport report = delivery(world).deliverDue(100);

        assertEquals(new DeliveryReport(2, 0, 2), report);
        assertEquals(0, world.stores.memberUpdates().depth(world.clock.instant()).pending());
    }

    @Test
    void memberAccessThatThrowsCountsAsAFailureToRetry() {
        World world = confirmedAlice();
        world.accessBehaviour = update -> {
            throw new IllegalStateException("not connected");
        };

        assertEquals(new DeliveryReport(0, 4, 0), delivery(world).deliverDue(100));
        assertEquals(4, world.stores.memberUpdates().depth(world.clock.instant()).pending());
    }

    @Test
    void longNamesAreCutToDiscordsNicknameLimit() {
        World world = new World();
        world.addUser(World.CS101, "longname", "long@uni.example.edu", "Maximiliana Alexandrina Wolfeschlegelsteinhausen");
        world.verify(ALICE, LECTURES, "longname");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));

        delivery(world).deliverDue(100);
        String nickname = world.applied.stream()
                .filter(u -> u.change() instanceof MemberChange.SetNickname)
                .map(u -> ((MemberChange.SetNickname) u.change()).nickname())
                .findFirst().orElseThrow();

        assertEquals("Maximiliana Alexandrina Wolfesch", nickname);
        assertEquals(32, nickname.length());
    }

    @Test
    void anUpdateClaimedByAProcessThatDiedIsDueAgainTenSecondsLater() {
        World world = confirmedAlice();
        world.stores.memberUpdates().claim(Shard.ALL, 100,
                world.clock.instant(), Duration.ofSeconds(10));

        world.clock.advance(Duration.ofSeconds(9));
        assertEquals(0, delivery(world).deliverDue(100).attempted(), "still leased to the dead claimer");
        world.clock.advance(Duration.ofSeconds(1));

        assertEquals(new DeliveryReport(4, 0, 0), delivery(world).deliverDue(100));
    }

    @Test
    void aSlowPassStopsBeforeItsClaimRunsOutAndLeavesTheRestToComeDueAgain() {
        World world = confirmedAlice();
        AtomicInteger calls = new AtomicInteger();
        world.accessBehaviour = update -> {
            calls.incrementAndGet();
            world.clock.advance(Duration.ofSeconds(3));
            return AccessOutcome.applied();
        };

        DeliveryReport slow = delivery(world).deliverDue(100);

        assertEquals(new DeliveryReport(2, 0, 0), slow, "two updates took 6 s, past half the 10 s lease");
        assertEquals(0, delivery(world).deliverDue(100).attempted(), "the rest are still claimed");
        world.clock.advance(Duration.ofSeconds(4));
        assertEquals(new DeliveryReport(2, 0, 0), delivery(world).deliverDue(100));
        assertEquals(4, calls.get(), "each update applied once");
    }
}
