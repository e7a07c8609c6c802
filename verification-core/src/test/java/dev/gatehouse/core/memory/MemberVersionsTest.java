package dev.gatehouse.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
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
    void answersLikeAHashMapWhateverTheSequenceOfWrites() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            MemberVersions versions = new MemberVersions();
            Map<Long, Long> expected = new HashMap<>();
            int keyRange = 1 + random.nextInt(5_000);
            for (int step = 0; step < 20_000; step++) {
                long key = 1 + random.nextInt(keyRange) * (random.nextBoolean() ? 1L : 4_194_304L);
                int action = random.nextInt(10);
                if (action < 6) {
                    long value = random.nextLong(-1_000, 1_000);
                    versions.put(key, value);
                    if (value == 0) {
                        expected.remove(key);
                    } else {
                        expected.put(key, value);
                    }
                } else if (action < 7) {
                    long below = random.nextLong(0, 1_000);
                    versions.removeIf(v -> Math.abs(v) < below);
                    expected.values().removeIf(v -> Math.abs(v) < below);
                } else {
                    long value = expected.getOrDefault(key, 0L);
                    assertEquals(value, versions.get(key), () -> "value of " + key);
                    assertEquals(value > 0, versions.hasPositive(key), () -> "sign of " + key);
                }
            }
            assertEquals(expected.size(), versions.size());
            expected.forEach((key, value) -> {
                assertEquals(value, versions.get(key));
                assertEquals(value > 0, versions.hasPositive(key));
            });
        }
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
            if (versions.get(1) != 42 || !versions.hasPositive(1)) {
                wrong.incrementAndGet();
            }
        }
        writer.join();
        assertEquals(0, wrong.get());
        assertEquals(299_999, versions.size());
    }
}
