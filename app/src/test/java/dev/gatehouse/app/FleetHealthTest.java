package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.health.HealthStatus;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** In fleet mode the bot's health follows the shards this instance holds, so a standby instance is ready. */
class FleetHealthTest {

    @Test
    void upWhenEveryHeldShardIsConnectedAndForAStandbyInstanceWithNone() {
        assertEquals(HealthStatus.UP, DiscordHealth.fleetResult(Optional.of(Set.of()), Set.of()).getStatus());
        assertEquals(HealthStatus.UP, DiscordHealth.fleetResult(Optional.of(Set.of(1, 3)), Set.of(1, 3)).getStatus());
    }

    @Test
    void downWhileAHeldShardConnectsOrTheLeasesCantBeRead() {
        assertEquals(HealthStatus.DOWN, DiscordHealth.fleetResult(Optional.of(Set.of(1, 3)), Set.of(1)).getStatus());
        assertEquals(HealthStatus.DOWN, DiscordHealth.fleetResult(Optional.empty(), Set.of(1)).getStatus());
    }
}
