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

import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.model.WrongAnswer;
import dev.gatehouse.core.port.in.PurgeOldRecords.Purged;
import dev.gatehouse.core.port.in.ReviewVerification.LinkUnknown;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sessions, hand-offs and wrong answers are deleted after each tenant's retention; links stay. */
class RetentionTest {

    @Test
    void purgeDeletesRecordsPastTheTenantsThirtyDaysAndKeepsYoungerOnes() {
        World world = new World();
        world.verify(ALICE, LECTURES, "jdoe42");
        String old = world.lastToken();
        world.gatehouse.reviewVerification().confirm(link(old));
        world.stores.wrongAnswers().record(new WrongAnswer(CS101, LECTURES, new DiscordUserId(9001), "41",
                world.clock.instant()));
        world.clock.advance(Duration.ofDays(10));
        world.verify(MALLORY, LECTURES, "bsmith");
        String young = world.lastToken();
        world.stores.wrongAnswers().record(new WrongAnswer(CS101, LECTURES, new DiscordUserId(9666), "43",
                world.clock.instant()));

        world.clock.advance(Duration.ofDays(20).plusMinutes(15).plusSeconds(1));
        Purged purged = world.gatehouse.retention().purge();

        assertEquals(new Purged(1, 0, 1), purged);
        assertTrue(world.stores.sessions().findByTokenHash(VerificationToken.of(old).hash()).isEmpty());
        assertTrue(world.stores.sessions().findByTokenHash(VerificationToken.of(young).hash()).isPresent());
        assertEquals(1, world.stores.wrongAnswers().top(CS101, 10).size());
        assertEquals(1, world.stores.links().count(CS101), "links are not records to purge");
        assertInstanceOf(LinkUnknown.class, world.gatehouse.reviewVerification().preview(link(old)));
        assertEquals(new Purged(0, 0, 0), world.gatehouse.retention().purge());
    }

    @Test
    void aTenantsShorterRetentionPurgesSooner() {
        World world = new World(t -> t.withRetention(Duration.ofDays(2)));
        world.verify(ALICE, LECTURES, "jdoe42");

        world.clock.advance(Duration.ofDays(2));
        assertEquals(new Purged(0, 0, 0), world.gatehouse.retention().purge());
        world.clock.advance(TenantSettings.DEFAULT_SESSION_LIFETIME.plusSeconds(1));
        assertEquals(new Purged(1, 0, 0), world.gatehouse.retention().purge());
    }

    @Test
    void retentionIsBetweenADayAndTenYears() {
        TenantSettings tenant = TenantSettings.defaults(CS101, "CS 101");

        assertEquals(Duration.ofDays(30), tenant.retention());
        assertThrows(IllegalArgumentException.class, () -> tenant.withRetention(Duration.ofHours(23)));
        assertThrows(IllegalArgumentException.class, () -> tenant.withRetention(Duration.ofDays(3651)));
    }
}
