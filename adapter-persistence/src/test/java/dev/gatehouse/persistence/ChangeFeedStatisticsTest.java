package dev.gatehouse.persistence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The change feed counts its whole reloads and notifications, and measures its notification lag with probes. */
class ChangeFeedStatisticsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void reloadsNotificationsAndTheProbeLagAreCounted() throws Exception {
        try (TestDatabase db = TestDatabase.create(); ApplicationContext context = db.startContext()) {
            context.getBean(PostgresStores.class);
            ChangeFeedStatistics feed = context.getBean(ChangeFeedStatistics.class);
            assertTrue(feed.reloads() >= 1, "the caches were loaded at start");
            long reloads = feed.reloads();
            long notifications = feed.notifications();

            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("NOTIFY gatehouse_links, '*'");
            }

            awaitTrue(() -> feed.reloads() == reloads + 1 && feed.notifications() == notifications + 1,
                    "a bulk change reloads the index once and counts one notification");
            awaitTrue(() -> feed.notificationLag().isPresent(), "a probe came back");
            assertTrue(feed.notificationLag().orElseThrow().compareTo(PATIENCE) < 0, feed.notificationLag().toString());
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(50);
        }
    }
}
