package dev.gatehouse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.persistence.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code status} shows the fleet sharing the bot token, as the shard leases in the database record it. */
class FleetStatusTest {
    private static TestDatabase database;
    private static Map<String, Object> settings;

    @BeforeAll
    static void database() {
        database = TestDatabase.createEmpty();
        settings = Map.of("datasources.default.url", database.jdbcUrl(), "gatehouse.secrets.key", database.secretsKey(),
                "gatehouse.discord.shard-count", "3");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    private static String status() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OperatorCli.run(new String[] {"status"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), settings);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusListsInstancesTheirShardsAndHeartbeatsAndAShardWithoutOwner() throws Exception {
        assertFalse(status().contains("Fleet:"), "no fleet section before any instance joined");
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO fleet_instances VALUES ('gh-a', now() - interval '2 seconds'), ('gh-b', now())");
            s.executeUpdate("INSERT INTO shard_leases VALUES (0, 'gh-a', now() - interval '2 seconds'), (2, 'gh-b', now())");
        }

        String out = status();

        assertTrue(out.contains("Fleet: 2 instances, 3 shards"), out);
        assertTrue(out.matches("(?s).*  instance gh-a: last heartbeat \\S+ \\(\\d+ s ago\\), shards 0\n.*"), out);
        assertTrue(out.matches("(?s).*  instance gh-b: last heartbeat \\S+ \\(\\d+ s ago\\), shards 2\n.*"), out);
        assertTrue(out.contains("  shard 0: gh-a, lease renewed "), out);
        assertTrue(out.contains("  shard 1: no owner"), out);
        assertTrue(out.contains("  shard 2: gh-b, lease renewed "), out);
    }
}
