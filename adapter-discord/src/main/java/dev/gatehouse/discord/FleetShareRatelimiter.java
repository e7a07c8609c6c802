package dev.gatehouse.discord;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.javacord.api.util.ratelimit.Ratelimiter;

/**
 * Discord's global REST limit counts the bot token, not the process, and Javacord's own limiter (5 requests per
 * 112 ms) is per process: N instances of a fleet would send N times the limit. This one gives an instance the share
 * of its connected shards: {@value #PER_BUCKET} requests per 112 ms × shards ÷ connected shards, re-read at every
 * bucket, so the fleet as a whole stays at Javacord's one-process rate whichever instance owns what.
 */
final class FleetShareRatelimiter implements Ratelimiter {
    private static final System.Logger LOG = System.getLogger(FleetShareRatelimiter.class.getName());
    static final int PER_BUCKET = 5;
    static final Duration ONE_PROCESS_BUCKET = Duration.ofMillis(112);

    /** The clock and the wait, replaceable in tests. */
    interface Time {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Time SYSTEM = new Time() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
            }
        };
    }

    private final IntSupplier connectedShards;
    private final IntSupplier shardCount;
    private final Time time;
    private long bucketEnd;
    private int remaining;
    private Duration lastBucket = Duration.ZERO;

    FleetShareRatelimiter(IntSupplier connectedShards, IntSupplier shardCount, Time time) {
        this.connectedShards = connectedShards;
        this.shardCount = shardCount;
        this.time = time;
    }

    /** The length of this instance's bucket now: a process with every shard gets Javacord's 112 ms. */
    Duration bucket() {
        int total = Math.max(1, shardCount.getAsInt());
        int mine = Math.min(total, Math.max(1, connectedShards.getAsInt()));
        return ONE_PROCESS_BUCKET.multipliedBy(total).dividedBy(mine);
    }

    @Override
    public synchronized void requestQuota() throws InterruptedException {
        long now = time.nanoTime();
        if (remaining == 0 && now - bucketEnd < 0) {
            time.sleepNanos(bucketEnd - now);
            now = time.nanoTime();
        }
        if (remaining == 0 || now - bucketEnd >= 0) {
            remaining = PER_BUCKET;
            Duration bucket = bucket();
            if (!bucket.equals(lastBucket)) {
                lastBucket = bucket;
                LOG.log(System.Logger.Level.INFO, "this instance's share of Discord's global REST limit: " + PER_BUCKET
                        + " requests per " + bucket.toMillis() + " ms (" + connectedShards.getAsInt() + " of "
                        + shardCount.getAsInt() + " shards connected)");
            }
            bucketEnd = now + bucket.toNanos();
        }
        remaining--;
    }
}
