package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.link;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.port.in.DeliverMemberUpdates;
import dev.gatehouse.core.port.in.DeliverMemberUpdates.DeliveryReport;
import dev.gatehouse.core.port.out.AsyncMemberAccess;
import dev.gatehouse.core.port.out.MemberAccess.AccessOutcome;
import dev.gatehouse.core.port.out.MemberUpdates.Shard;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every delivery scenario of {@link MemberUpdateDeliveryTest} again, through {@link AsyncMemberAccess} completing on
 * other threads (as JDA's and Javacord's futures do), plus what only an asynchronous port can do: not finish in time.
 */
class AsyncMemberUpdateDeliveryTest extends MemberUpdateDeliveryTest {
    private final ExecutorService platform = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "fake-chat-platform");
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void stopThePlatform() {
        platform.shutdownNow();
    }

    @Override
    DeliverMemberUpdates delivery(World world) {
        return world.gatehouse.deliverMemberUpdatesAsyncVia(
                update -> CompletableFuture.supplyAsync(() -> world.access(update), platform), Shard.ALL);
    }

    private static World confirmedAlice() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        world.gatehouse.reviewVerification().confirm(link(world.lastToken()));
        return world;
    }

    @Override
    @Test
    void aSlowPassStopsBeforeItsClaimRunsOutAndLeavesTheRestToComeDueAgain() {
        World world = confirmedAlice();
        AtomicInteger grants = new AtomicInteger();
        AsyncMemberAccess grantsHang = update -> update.change() instanceof MemberChange.GrantRole && grants.incrementAndGet() <= 2
                ? new CompletableFuture<>() : CompletableFuture.supplyAsync(() -> world.access(update), platform);
        DeliverMemberUpdates delivery = world.gatehouse.deliverMemberUpdatesAsyncVia(grantsHang, Shard.ALL);

        assertEquals(new DeliveryReport(2, 0, 0), delivery.deliverDue(100), "the nicknames; the grants never answered");
        assertEquals(0, delivery.deliverDue(100).attempted(), "the unanswered grants are still claimed");
        world.clock.advance(Duration.ofSeconds(10));
        assertEquals(new DeliveryReport(2, 0, 0), delivery.deliverDue(100), "due again once their claim ran out");
        assertEquals(4, grants.get());
    }

    @Test
    void anAsynchronousAccessThatThrowsInsteadOfFailingItsStageCountsAsAFailureToRetry() {
        World world = confirmedAlice();
        DeliverMemberUpdates delivery = world.gatehouse.deliverMemberUpdatesAsyncVia(update -> {
            throw new IllegalStateException("not connected");
        }, Shard.ALL);

        assertEquals(new DeliveryReport(0, 4, 0), delivery.deliverDue(100));
        world.clock.advance(Duration.ofSeconds(5));
        assertEquals(new DeliveryReport(4, 0, 0), delivery(world).deliverDue(100));
    }

    @Test
    void aStageCompletedWithNothingCountsAsAFailureToRetry() {
        World world = confirmedAlice();
        DeliverMemberUpdates delivery = world.gatehouse.deliverMemberUpdatesAsyncVia(
                update -> CompletableFuture.supplyAsync(() -> (AccessOutcome) null, platform), Shard.ALL);

        assertEquals(new DeliveryReport(0, 4, 0), delivery.deliverDue(100));
        assertEquals(4, world.stores.memberUpdates().depth(world.clock.instant()).pending());
    }
}
