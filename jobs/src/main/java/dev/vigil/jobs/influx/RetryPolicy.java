package dev.vigil.jobs.influx;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a failed write to InfluxDB is tried again before the sink gives up
 * and fails the job (which Flink then restarts from its last checkpoint).
 *
 * @param attempts tries in all, the first included
 * @param initialBackoff wait after the first failure; doubled after each further one
 * @param maxBackoff the longest single wait
 */
public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff)
        implements Serializable {

    /** Ten tries over about 40 s: long enough to ride out an InfluxDB restart. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(10));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff is required");
        Objects.requireNonNull(maxBackoff, "maxBackoff is required");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "need 0 <= initialBackoff <= maxBackoff, was "
                            + initialBackoff
                            + " and "
                            + maxBackoff);
        }
    }

    /** The wait after the given failed attempt (1-based). */
    public Duration backoffAfter(int failedAttempt) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < failedAttempt && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
