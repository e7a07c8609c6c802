package dev.gatehouse.core.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.LongPredicate;

/**
 * A map from Discord user id (a positive {@code long}) to a non-zero {@code long} (a version, a flag), made for the
 * membership index: lookups take no lock and allocate nothing, so the gate answers every message from it; writes
 * take this object's monitor. Open addressing with linear probing over one array of (key, value) pairs, so a lookup
 * touches one cache line; a value of 0 means absent (a removed key keeps its slot until the next resize).
 *
 * <p>Thread-safe: a reader sees each key with a value written no earlier than the key itself; a reader that started
 * on the table before a resize may miss a write made during the resize, which the next lookup sees.
 */
public final class MemberVersions {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int MIN_CAPACITY = 16;

    private volatile long[] slots = new long[2 * MIN_CAPACITY];
    private int used;

    /** An empty map. */
    public MemberVersions() {
    }

    /** The value stored for {@code key}, or 0 if there is none. */
    public long get(long key) {
        long[] table = slots;
        int mask = (table.length >> 1) - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            long k = (long) SLOTS.getAcquire(table, i << 1);
            if (k == key) {
                return (long) SLOTS.getAcquire(table, (i << 1) + 1);
            }
            if (k == 0) {
                return 0;
            }
        }
    }

    /** Stores {@code value} for {@code key}; a value of 0 removes it. */
    public synchronized void put(long key, long value) {
        if (key <= 0) {
            throw new IllegalArgumentException("keys are positive, got " + key);
        }
        long[] table = slots;
        int mask = (table.length >> 1) - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            long k = table[i << 1];
            if (k == key) {
                SLOTS.setRelease(table, (i << 1) + 1, value);
                return;
            }
            if (k == 0) {
                if (value == 0) {
                    return;
                }
                SLOTS.setRelease(table, (i << 1) + 1, value);
                SLOTS.setRelease(table, i << 1, key);
                if (++used * 4L > (table.length >> 1) * 3L) {
                    resize(table);
                }
                return;
            }
        }
    }

    /** Removes every entry whose value matches. */
    public synchronized void removeIf(LongPredicate value) {
        long[] table = slots;
        for (int i = 1; i < table.length; i += 2) {
            if (table[i] != 0 && value.test(table[i])) {
                SLOTS.setRelease(table, i, 0L);
            }
        }
    }

    /** How many keys have a value (counts every slot: for tests and reports, not for the hot path). */
    public synchronized int size() {
        int size = 0;
        long[] table = slots;
        for (int i = 1; i < table.length; i += 2) {
            if (table[i] != 0) {
                size++;
            }
        }
        return size;
    }

    private void resize(long[] old) {
        int live = 0;
        for (int i = 1; i < old.length; i += 2) {
            if (old[i] != 0) {
                live++;
            }
        }
        int capacity = MIN_CAPACITY;
        while (live * 2L > capacity) {
            capacity <<= 1;
        }
        long[] fresh = new long[2 * capacity];
        int mask = capacity - 1;
        for (int j = 0; j < old.length; j += 2) {
            long key = old[j];
            long value = old[j + 1];
            if (key == 0 || value == 0) {
                continue;
            }
            int i = spread(key) & mask;
            while (fresh[i << 1] != 0) {
                i = (i + 1) & mask;
            }
            fresh[i << 1] = key;
            fresh[(i << 1) + 1] = value;
        }
        used = live;
        slots = fresh;
    }

    /** Snowflakes share their low bits' patterns; a multiplicative mix spreads them over the table. */
    private static int spread(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
