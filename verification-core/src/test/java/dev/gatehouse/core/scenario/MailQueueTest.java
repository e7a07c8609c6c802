package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.MALLORY;
import static dev.gatehouse.core.scenario.World.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.MailQueue;
import dev.gatehouse.core.port.in.RequestVerification.LinkSent;
import dev.gatehouse.core.port.in.RequestVerification.MailDelivery;
import dev.gatehouse.core.port.in.ReviewVerification.LinkWithdrawn;
import dev.gatehouse.core.port.out.VerificationMailer.MailOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The core's own mail senders: a bounded queue and a deadline, each ending in "try again" and a withdrawn link. */
class MailQueueTest {
    /** A fault-test bound far above the deadlines used here, so a loaded machine can't fail the test. */
    private static final long GENEROUS_SECONDS = 20;

    private final CountDownLatch relayStuck = new CountDownLatch(1);
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private World world;

    @AfterEach
    void release() {
        relayStuck.countDown();
        if (world != null) {
            world.gatehouse.close();
        }
    }

    @Test
    void aRequestThatFindsTheQueueFullIsToldAtOnceAndItsLinkWithdrawn() throws Exception {
        world = stuckWorld(new MailQueue(1, 0, Duration.ofMinutes(5)));
        LinkSent first = assertInstanceOf(LinkSent.class, world.verify(ALICE, LECTURES, "jdoe42"));
        awaitCalls(1);

        LinkSent second = assertInstanceOf(LinkSent.class, world.verify(MALLORY, LECTURES, "bsmith"));

        assertTrue(second.delivery().toCompletableFuture().isDone(), "the member is told at once, not after the deadline");
        assertEquals(MailDelivery.FAILED, second.delivery().toCompletableFuture().join());
        assertEquals(0, world.stores.sessions().countOpen(CS101, MALLORY.id(), World.START));
        assertTrue(world.stores.audit().recent(CS101, 5).stream()
                .anyMatch(e -> e.action().equals("verification.mail_failed") && e.detail().contains("queue is full")));
        assertEquals(1, world.stores.sessions().countOpen(CS101, ALICE.id(), World.START), "the first is still on its way");
        assertTrue(!first.delivery().toCompletableFuture().isDone());
    }

    @Test
    void aMailerThatDoesNotAnswerByTheDeadlineTellsTheMemberAndTheLateSendRevivesNothing() throws Exception {
        world = stuckWorld(new MailQueue(1, 10, Duration.ofMillis(300)));
        LinkSent sent = assertInstanceOf(LinkSent.class, world.verify(ALICE, LECTURES, "jdoe42"));

        assertEquals(MailDelivery.FAILED, sent.delivery().toCompletableFuture().get(GENEROUS_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, world.stores.sessions().countOpen(CS101, ALICE.id(), World.START));

        relayStuck.countDown();
        Thread.sleep(100);
        assertInstanceOf(LinkWithdrawn.class, world.gatehouse.reviewVerification().confirm(link(tokens.get(0))));
    }

    @Test
    void emailsThatWaitedPastTheirDeadlineAreNeverSent() throws Exception {
        world = stuckWorld(new MailQueue(1, 10, Duration.ofMillis(300)));
        LinkSent first = assertInstanceOf(LinkSent.class, world.verify(ALICE, LECTURES, "jdoe42"));
        LinkSent queued = assertInstanceOf(LinkSent.class, world.verify(MALLORY, LECTURES, "bsmith"));

        assertEquals(MailDelivery.FAILED, first.delivery().toCompletableFuture().get(GENEROUS_SECONDS, TimeUnit.SECONDS));
        assertEquals(MailDelivery.FAILED, queued.delivery().toCompletableFuture().get(GENEROUS_SECONDS, TimeUnit.SECONDS));
        relayStuck.countDown();
        LinkSent later = assertInstanceOf(LinkSent.class, world.verify(MALLORY, LECTURES, "bsmith"));

        assertEquals(MailDelivery.SENT, later.delivery().toCompletableFuture().get(GENEROUS_SECONDS, TimeUnit.SECONDS));
        assertEquals(2, calls.get(), "the stuck email and the later one; the expired one in the queue was dropped");
    }

    @Test
    void aQueueOutsideItsBoundsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MailQueue(0, 10, Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> new MailQueue(2, -1, Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> new MailQueue(2, 10, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new MailQueue(2, 10, Duration.ofMinutes(11)));
    }

    /** The first email hangs until the test releases it; later ones are sent at once. */
    private World stuckWorld(MailQueue queue) {
        World stuck = World.withMailQueue(queue);
        stuck.mailBehaviour = email -> {
            String confirm = email.confirmLink().toString();
            tokens.add(confirm.substring(confirm.lastIndexOf('/') + 1));
            if (calls.incrementAndGet() == 1) {
                try {
                    relayStuck.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return MailOutcome.sent();
        };
        return stuck;
    }

    private void awaitCalls(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(GENEROUS_SECONDS);
        while (calls.get() < n && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(n, calls.get());
    }
}
