package dev.gatehouse.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.discord.GatewayRecommendation.Recommended;
import dev.gatehouse.discord.GatewayRecommendation.Unavailable;
import org.junit.jupiter.api.Test;

/** Discord's {@code GET /gateway/bot} answer read into a shard count and {@code max_concurrency}, or why not. */
class GatewayRecommendationTest {

    @Test
    void aRecommendationGivesTheShardCountAndTheConcurrency() {
        assertEquals(new Recommended(4, 16), GatewayRecommendation.parse("""
                {"url":"wss://gateway.discord.gg","shards":4,"session_start_limit":{"total":1000,"remaining":998,
                "reset_after":86400000,"max_concurrency":16}}"""));
    }

    @Test
    void garbageOrAMissingOrZeroFieldIsNoRecommendation() {
        assertInstanceOf(Unavailable.class, GatewayRecommendation.parse("<html>bad gateway</html>"));
        assertInstanceOf(Unavailable.class, GatewayRecommendation.parse("{\"shards\":2}"));
        assertInstanceOf(Unavailable.class, GatewayRecommendation.parse(
                "{\"shards\":0,\"session_start_limit\":{\"max_concurrency\":1}}"));
        assertInstanceOf(Unavailable.class, GatewayRecommendation.parse("null"));
    }
}
