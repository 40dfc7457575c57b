package dev.vigil.alerting.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long and how often a failed delivery is tried again: exponential backoff from {@code
 * initialBackoff}, capped at {@code maxBackoff}, with {@code jitter} of it randomized (1.0 is "full
 * jitter"), until {@code maxAttempts} or {@code deadline} after the first attempt, whichever is
 * first.
 */
public record RetryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double jitter,
        Duration deadline) {

    /** Hours, not minutes: up to 6 h, backoff from 5 s to 15 min with full jitter. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(
                    1000, Duration.ofSeconds(5), Duration.ofMinutes(15), 1.0, Duration.ofHours(6));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: must be >= 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff is required");
        Objects.requireNonNull(maxBackoff, "maxBackoff is required");
        Objects.requireNonNull(deadline, "deadline is required");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff: must be positive");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff: must be >= initialBackoff");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter: must be within 0..1, was " + jitter);
        }
    }

    /** The backoff ceiling after attempt number {@code attempt} (1-based) failed. */
    public Duration ceiling(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 40);
        long millis = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        for (int i = 0; i < doublings && millis < cap; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, cap));
    }

    /** The wait after attempt {@code attempt} failed: ceiling × (1 − jitter + jitter × random). */
    public Duration delay(int attempt, RandomGenerator random) {
        long cap = ceiling(attempt).toMillis();
        long fixed = Math.round(cap * (1 - jitter));
        long random1 = Math.round(cap * jitter * random.nextDouble());
        return Duration.ofMillis(fixed + random1);
    }

    /**
     * When to try again after attempt {@code attempt} failed at {@code now}, or null when the
     * budget is spent (the delivery is then dead-lettered).
     */
    public Instant nextAttempt(int attempt, Instant firstAttempt, Instant now, RandomGenerator r) {
        if (attempt >= maxAttempts) {
            return null;
        }
        Instant next = now.plus(delay(attempt, r));
        return next.isAfter(firstAttempt.plus(deadline)) ? null : next;
    }
}
