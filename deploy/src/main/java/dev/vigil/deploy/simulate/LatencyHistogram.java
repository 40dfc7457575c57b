package dev.vigil.deploy.simulate;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts latencies in microseconds in log-linear buckets (32 per power of two, so percentiles are
 * within about 3 %), lock-free so every event loop can record into one histogram.
 */
final class LatencyHistogram {

    private static final int SUB_BUCKETS = 32;
    private static final int LINEAR = 2 * SUB_BUCKETS;
    private static final int BUCKETS = LINEAR + 40 * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Records one latency. */
    void record(long micros) {
        counts.incrementAndGet(index(Math.max(0, micros)));
    }

    /** Adds every count of {@code other} to this one. */
    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            long count = other.counts.get(i);
            if (count != 0) {
                counts.addAndGet(i, count);
            }
        }
    }

    /** Moves every count into a new histogram and leaves this one empty. */
    LatencyHistogram drain() {
        LatencyHistogram drained = new LatencyHistogram();
        for (int i = 0; i < BUCKETS; i++) {
            long count = counts.getAndSet(i, 0);
            if (count != 0) {
                drained.counts.set(i, count);
            }
        }
        return drained;
    }

    /** How many latencies were recorded. */
    long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /**
     * The latency at {@code percentile} (0..100) in microseconds, or -1 when nothing was recorded.
     */
    long percentile(double percentile) {
        long total = count();
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(total * percentile / 100));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return middle(i);
            }
        }
        return middle(BUCKETS - 1);
    }

    /** The largest latency recorded (to bucket precision), or -1. */
    long max() {
        for (int i = BUCKETS - 1; i >= 0; i--) {
            if (counts.get(i) != 0) {
                return middle(i);
            }
        }
        return -1;
    }

    static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int highestBit = 63 - Long.numberOfLeadingZeros(micros);
        int shift = highestBit - 5;
        int index = LINEAR + (shift - 1) * SUB_BUCKETS + (int) ((micros >>> shift) - SUB_BUCKETS);
        return Math.min(index, BUCKETS - 1);
    }

    /** The middle of a bucket's range. */
    static long middle(int index) {
        if (index < LINEAR) {
            return index;
        }
        int shift = (index - LINEAR) / SUB_BUCKETS + 1;
        long low = (long) ((index - LINEAR) % SUB_BUCKETS + SUB_BUCKETS) << shift;
        return low + (1L << shift) / 2;
    }
}
