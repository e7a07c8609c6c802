package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.ReviewVerification.AlreadyConfirmed;
import dev.gatehouse.core.port.in.ReviewVerification.AwaitingDecision;
import dev.gatehouse.core.port.in.ReviewVerification.ConfirmResult;
import dev.gatehouse.core.port.in.ReviewVerification.Confirmed;
import dev.gatehouse.core.port.in.ReviewVerification.LinkUnknown;
import dev.gatehouse.core.port.in.ReviewVerification.TooManyAttempts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LinkAttemptBackoffTest {
    private static final ClientIp SCANNER = new ClientIp("203.0.113.66");
    private static final String GUESS = "guessedTokenguessedTokenguessedTokenguessed";

    private static void fail(ReviewVerification review, int times) {
        for (int i = 0; i < times; i++) {
            assertInstanceOf(LinkUnknown.class, review.confirm(link(GUESS, SCANNER)));
        }
    }

    @Test
    void fiveFailuresMeanTenSecondsTenMeanTwentyFifteenMeanForty() {
        World world = new World();
        ReviewVerification review = world.gatehouse.reviewVerification();

        fail(review, 4);
        assertInstanceOf(LinkUnknown.class, review.preview(link(GUESS, SCANNER)), "four failures cost nothing yet");
        world.clock.advance(Duration.ofSeconds(9));
        assertEquals(new TooManyAttempts(Duration.ofSeconds(10)), review.preview(link(GUESS, SCANNER)), "the 6th came too soon");

        for (int failures = 7; failures <= 10; failures++) {
            world.clock.advance(Duration.ofSeconds(10));
            fail(review, 1);
        }
        world.clock.advance(Duration.ofSeconds(19));
        assertEquals(new TooManyAttempts(Duration.ofSeconds(20)), review.confirm(link(GUESS, SCANNER)), "the 11th came too soon");

        for (int failures = 12; failures <= 15; failures++) {
            world.clock.advance(Duration.ofSeconds(20));
            fail(review, 1);
        }
        world.clock.advance(Duration.ofSeconds(39));
        assertEquals(new TooManyAttempts(Duration.ofSeconds(40)), review.deny(link(GUESS, SCANNER)), "the 16th came too soon");
        world.clock.advance(Duration.ofSeconds(40));
        assertInstanceOf(LinkUnknown.class, review.deny(link(GUESS, SCANNER)), "waiting the 40 s lets the next guess be answered");
    }

    @Test
    void betweenStepsEachFurtherGuessWaitsTheCurrentStep() {
        World world = new World();
        ReviewVerification review = world.gatehouse.reviewVerification();
        fail(review, 5);
        world.clock.advance(Duration.ofSeconds(10));

        fail(review, 1);

        assertEquals(new TooManyAttempts(Duration.ofSeconds(10)), review.confirm(link(GUESS, SCANNER)), "6 failures: still 10 s");
    }

    @Test
    void guessingOnDuringTheWaitCountsAndStartsTheWaitAgain() {
        World world = new World();
        ReviewVerification review = world.gatehouse.reviewVerification();
        fail(review, 5);

        world.clock.advance(Duration.ofSeconds(7));
        assertEquals(new TooManyAttempts(Duration.ofSeconds(10)), review.confirm(link(GUESS, SCANNER)));
        world.clock.advance(Duration.ofSeconds(7));

        assertEquals(new TooManyAttempts(Duration.ofSeconds(10)), review.confirm(link(GUESS, SCANNER)),
                "14 s after the 5th but 7 s after the 6th");
    }

    @Test
    void aGoodLinkWorksFromAnAddressThatIsGuessingAndIsNotCounted() {
        World world = new World();
        ReviewVerification review = world.gatehouse.reviewVerification();
        world.verify(ALICE, LECTURES, "jdoe42");
        String good = world.lastToken();
        fail(review, 5);
        for (int i = 0; i < 20; i++) {
            assertInstanceOf(TooManyAttempts.class, review.confirm(link(GUESS, SCANNER)));
        }

        assertInstanceOf(AwaitingDecision.class, review.preview(link(good, SCANNER)));
        assertInstanceOf(Confirmed.class, review.confirm(link(good, SCANNER)), "a bystander behind the same address");
        assertInstanceOf(AlreadyConfirmed.class, review.confirm(link(good, SCANNER)), "a used good link isn't a guess either");
    }

    @Test
    void manyParallelGuessesGetFiveAnswersAndTheRestWait() throws Exception {
        World world = new World();
        ReviewVerification review = world.gatehouse.reviewVerification();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ConfirmResult>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return review.confirm(link(GUESS, SCANNER));
                }));
            }
            start.countDown();
            int answered = 0;
            int refused = 0;
            for (Future<ConfirmResult> result : results) {
                ConfirmResult outcome = result.get();
                if (outcome instanceof LinkUnknown) {
                    answered++;
                } else if (outcome instanceof TooManyAttempts) {
                    refused++;
                }
            }

            assertEquals(5, answered);
            assertEquals(59, refused);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64SoRotatingAddressesDoesNotHelp() {
        World world = new World();
        ReviewVerification review = world.gatehouse.reviewVerification();
        for (int i = 1; i <= 5; i++) {
            assertInstanceOf(LinkUnknown.class, review.confirm(link(GUESS, new ClientIp("2001:db8:1:2::" + Integer.toHexString(i)))));
        }

        assertInstanceOf(TooManyAttempts.class, review.confirm(link(GUESS, new ClientIp("2001:db8:1:2:ffff::9"))));
        assertInstanceOf(LinkUnknown.class, review.confirm(link(GUESS, new ClientIp("2001:db8:1:3::1"))), "another /64 is another client");
    }

    @Test
    void failuresAreForgottenAfterADayWithoutOne() {
        World world = new World();
        ReviewVerification review = world.gatehouse.reviewVerification();
        fail(review, 5);

        world.clock.advance(Duration.ofDays(1).plusSeconds(1));
        fail(review, 4);

        assertInstanceOf(LinkUnknown.class, review.preview(link(GUESS, SCANNER)), "the count started again");
    }
}
