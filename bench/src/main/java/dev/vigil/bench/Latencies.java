package dev.vigil.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Latency samples, each tagged with when its probe was sent (System.nanoTime), so that a window of
 * sends can be summarised after the fact.
 */
final class Latencies {

    private final List<long[]> samples = new ArrayList<>();

    synchronized void add(long sentNanos, long latencyNanos) {
        samples.add(new long[] {sentNanos, latencyNanos});
    }

    /** Latencies in milliseconds of the probes sent in [from, to), sorted. */
    synchronized double[] sentBetween(long fromNanos, long toNanos) {
        return samples.stream()
                .filter(s -> s[0] >= fromNanos && s[0] < toNanos)
                .mapToDouble(s -> s[1] / 1e6)
                .sorted()
                .toArray();
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Adds rows n, p50, p99 and max of {@code sorted} to the table. */
    static void report(Bench.Table table, String bench, String what, double[] sorted) {
        table.add(bench, what + ": samples", sorted.length, "");
        table.add(bench, what + ": p50", percentile(sorted, 50), "ms");
        table.add(bench, what + ": p99", percentile(sorted, 99), "ms");
        table.add(
                bench,
                what + ": max",
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
                "ms");
    }
}
