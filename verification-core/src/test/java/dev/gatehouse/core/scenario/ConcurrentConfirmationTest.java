package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.core.event.MemberVerified;
import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.port.in.ReviewVerification.AlreadyConfirmed;
import dev.gatehouse.core.port.in.ReviewVerification.ConfirmResult;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.ReviewVerification.LinkCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;

class ConcurrentConfirmationTest {

    @RepeatedTest(5)
    void manyThreadsConfirmingOneTokenMakeExactlyOneConfirmation() throws Exception {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        String token = world.lastToken();
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ConfirmResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ClientIp client = new ClientIp("198.51.100." + (i + 1));
                results.add(pool.submit(() -> {
                    start.await();
                    return world.gatehouse.reviewVerification().confirm(new LinkCommand(token, client));
                }));
            }
            start.countDown();
            int confirmed = 0;
            int already = 0;
            for (Future<ConfirmResult> result : results) {
                ConfirmResult r = result.get();
                if (r instanceof Confirmed) {
                    confirmed++;
                } else if (r instanceof AlreadyConfirmed) {
                    already++;
                }
            }
            assertEquals(1, confirmed);
            assertEquals(threads - 1, already);
            assertEquals(1, world.events.stream().filter(MemberVerified.class::isInstance).count());
            assertEquals(4, world.stores.memberUpdates().depth(world.clock.instant()).pending(),
                    "one set of updates, not one per thread");
        } finally {
            pool.shutdownNow();
        }
    }
}
