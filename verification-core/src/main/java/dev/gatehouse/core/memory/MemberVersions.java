package dev.gatehouse.core.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.LongPredicate;

/**
 * A map from Discord user id (a positive {@code long}) to a {@code long} (a version, a flag), made for the membership
 * index: lookups take no lock and allocate nothing, so the gate answers every message from it; writes take this
 * object's monitor. Open addressing with linear probing over an array of keys and a parallel array of values; the
 * key array alone answers {@link #hasPositive} (the gate's question), since a key is stored as itself while its
 * value is positive and negated otherwise, so the gate's lookup touches 8 bytes a slot (16 MB for a million members),
 * not 16. A value of 0 means absent (a removed key keeps its slot, negated, until the next resize).
 *
 * <p>Thread-safe: a reader sees each key with a value written no earlier than the key itself; a reader that started
 * on the table before a resize may miss a write made during the resize, which the next lookup sees.
 */
public final class MemberVersions {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int MIN_CAPACITY = 16;

    /** Keys (negated while their value is not positive; 0 = empty slot) and their values, published together. */
    private record Table(long[] keys, long[] values) {
    }

    private volatile Table table = new Table(new long[MIN_CAPACITY], new long[MIN_CAPACITY]);
    private int used;

    /** An empty map. */
    public MemberVersions() {
    }

    /**
     * Whether {@code key} has a positive value; reads only the key array.
     *
     * @param key the key
     * @return true if its value is above 0
     */
    public boolean hasPositive(long key) {
        long[] keys = table.keys();
        int mask = keys.length - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            long k = (long) SLOTS.getAcquire(keys, i);
            if (k == key) {
                return true;
            }
            if (k == 0 || k == -key) {
                return false;
            }
        }
    }

    /**
     * The value stored for {@code key}, or 0 if there is none.
     *
     * @param key the key
     * @return its value, or 0
     */
    public long get(long key) {
        Table t = table;
        long[] keys = t.keys();
        int mask = keys.length - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            long k = (long) SLOTS.getAcquire(keys, i);
            if (k == key || k == -key) {
                return (long) SLOTS.getAcquire(t.values(), i);
            }
            if (k == 0) {
                return 0;
            }
        }
    }

    /**
     * Stores {@code value} for {@code key}; a value of 0 removes it.
     *
     * @param key the key
     * @param value its new value, 0 to remove it
     */
    public synchronized void put(long key, long value) {
        if (key <= 0) {
            throw new IllegalArgumentException("keys are positive, got " + key);
        }
        Table t = table;
        long[] keys = t.keys();
        int mask = keys.length - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key || k == -key) {
                SLOTS.setRelease(t.values(), i, value);
                SLOTS.setRelease(keys, i, value > 0 ? key : -key);
                return;
            }
            if (k == 0) {
                if (value == 0) {
                    return;
                }
                SLOTS.setRelease(t.values(), i, value);
                SLOTS.setRelease(keys, i, value > 0 ? key : -key);
                if (++used * 4L > keys.length * 3L) {
                    resize(t);
                }
                return;
            }
        }
    }

    /**
     * Removes every entry whose value matches.
     *
     * @param value which values to remove
     */
    public synchronized void removeIf(LongPredicate value) {
        Table t = table;
        long[] values = t.values();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0 && value.test(values[i])) {
                SLOTS.setRelease(values, i, 0L);
                SLOTS.setRelease(t.keys(), i, -Math.abs(t.keys()[i]));
            }
        }
    }

    /**
     * How many keys have a value (counts every slot: for tests and reports, not for the hot path).
     *
     * @return how many keys have a value
     */
    public synchronized int size() {
        int size = 0;
        for (long v : table.values()) {
            if (v != 0) {
                size++;
            }
        }
        return size;
    }

    private void resize(Table old) {
        int live = 0;
        for (long v : old.values()) {
            if (v != 0) {
                live++;
            }
        }
        int capacity = MIN_CAPACITY;
        while (live * 2L > capacity) {
            capacity <<= 1;
        }
        long[] keys = new long[capacity];
        long[] values = new long[capacity];
        int mask = capacity - 1;
        long[] oldKeys = old.keys();
        long[] oldValues = old.values();
        for (int j = 0; j < oldKeys.length; j++) {
            long value = oldValues[j];
            if (oldKeys[j] == 0 || value == 0) {
                continue;
            }
            long key = Math.abs(oldKeys[j]);
            int i = spread(key) & mask;
            while (keys[i] != 0) {
                i = (i + 1) & mask;
            }
            keys[i] = value > 0 ? key : -key;
            values[i] = value;
        }
        used = live;
        table = new Table(keys, values);
    }

    /** Snowflakes share their low bits' patterns; a multiplicative mix spreads them over the table. */
    private static int spread(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
