package dev.gatehouse.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemberVersionsTest {

    @Test
    void holdsAMillionMembersAndForgetsTheRemovedOnes() {
        MemberVersions versions = new MemberVersions();
        for (long id = 1; id <= 1_000_000; id++) {
            versions.put(id * 4_194_304L, id);
        }
        for (long id = 1; id <= 1_000_000; id += 2) {
            versions.put(id * 4_194_304L, 0);
        }
        assertEquals(500_000, versions.size());
        assertEquals(2, versions.get(2 * 4_194_304L));
        assertEquals(0, versions.get(3 * 4_194_304L));
        assertEquals(0, versions.get(7));
        versions.put(3 * 4_194_304L, -9);
        assertEquals(-9, versions.get(3 * 4_194_304L));
    }

    @Test
    void removesByValue() {
        MemberVersions versions = new MemberVersions();
        versions.put(10, 5);
        versions.put(11, -6);
        versions.put(12, 7);
        versions.removeIf(v -> Math.abs(v) < 7);
        assertEquals(0, versions.get(10));
        assertEquals(0, versions.get(11));
        assertEquals(7, versions.get(12));
        assertEquals(1, versions.size());
    }

    @Test
    void refusesKeysThatAreNoDiscordIds() {
        assertThrows(IllegalArgumentException.class, () -> new MemberVersions().put(0, 1));
    }

    @Test
    void aReaderDuringGrowthNeverSeesAnEntryLost() throws InterruptedException {
        MemberVersions versions = new MemberVersions();
        versions.put(1, 42);
        AtomicLong wrong = new AtomicLong();
        Thread writer = new Thread(() -> {
            for (long id = 2; id < 300_000; id++) {
                versions.put(id, id);
            }
        });
        writer.start();
        while (writer.isAlive()) {
            if (versions.get(1) != 42) {
                wrong.incrementAndGet();
            }
        }
        writer.join();
        assertEquals(0, wrong.get());
        assertEquals(299_999, versions.size());
    }
}
