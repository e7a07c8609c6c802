package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.core.model.ClientIp;
import dev.gatehouse.core.port.in.ReviewVerification;
import dev.gatehouse.core.port.in.ReviewVerification.AwaitingDecision;
import dev.gatehouse.core.port.in.ReviewVerification.LinkUnknown;
import dev.gatehouse.core.port.in.ReviewVerification.TooManyAttempts;
import java.time.Duration;
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
        assertEquals(new TooManyAttempts(Duration.ofSeconds(10)), review.preview(link(GUESS, SCANNER)));

        for (int failures = 6; failures <= 10; failures++) {
            world.clock.advance(Duration.ofSeconds(10));
            fail(review, 1);
        }
        assertEquals(new TooManyAttempts(Duration.ofSeconds(20)), review.confirm(link(GUESS, SCANNER)));

        for (int failures = 11; failures <= 15; failures++) {
            world.clock.advance(Duration.ofSeconds(20));
            fail(review, 1);
        }
        assertEquals(new TooManyAttempts(Duration.ofSeconds(40)), review.deny(link(GUESS, SCANNER)));
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
    void theWaitCountsDownFromTheLastFailure() {
        World world = new World();
        ReviewVerification review = world.gatehouse.reviewVerification();
        fail(review, 5);

        world.clock.advance(Duration.ofSeconds(7));

        assertEquals(new TooManyAttempts(Duration.ofSeconds(3)), review.confirm(link(GUESS, SCANNER)));
    }

    @Test
    void aBlockedAddressCannotUseEvenAGoodLinkButOthersCan() {
        World world = new World();
        ReviewVerification review = world.gatehouse.reviewVerification();
        world.verify(ALICE, LECTURES, "jdoe42");
        String good = world.lastToken();
        fail(review, 5);

        assertInstanceOf(TooManyAttempts.class, review.preview(link(good, SCANNER)));
        assertInstanceOf(AwaitingDecision.class, review.preview(link(good, new ClientIp("198.51.100.20"))));
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
