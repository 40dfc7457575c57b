package dev.vigil.ingest.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the HTTP endpoints did, per origin (e.g. {@code http:video}) and outcome (e.g. {@code
 * published}, {@code duplicate}, {@code unauthorized}), for the counters endpoint and for tests;
 * cheap enough to call on every request.
 */
public final class HttpCounters {

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    /** Adds one to the origin's outcome. */
    public void count(String origin, String outcome) {
        counts.computeIfAbsent(origin, o -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> new LongAdder())
                .increment();
    }

    /** The current count of an origin's outcome. */
    public long get(String origin, String outcome) {
        LongAdder adder = counts.getOrDefault(origin, Map.of()).get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    /** All counts, sorted by origin and outcome. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        counts.forEach(
                (origin, outcomes) -> {
                    Map<String, Long> values = new TreeMap<>();
                    outcomes.forEach((outcome, adder) -> values.put(outcome, adder.sum()));
                    copy.put(origin, values);
                });
        return copy;
    }
}
