package dev.vigil.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(new RateLimit(2, 3), 2, nanos::get);

    @Test
    void allowsTheBurstThenSaysWhenToRetry() {
        assertThat(limiter.tryAcquire("nvr-1")).isEmpty();
        assertThat(limiter.tryAcquire("nvr-1")).isEmpty();
        assertThat(limiter.tryAcquire("nvr-1")).isEmpty();

        assertThat(limiter.tryAcquire("nvr-1")).contains(Duration.ofSeconds(1));
    }

    @Test
    void refillsAtTheRateUpToTheBurst() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("nvr-1");
        }

        nanos.addAndGet(Duration.ofMillis(500).toNanos()); // 2/s: one token back
        assertThat(limiter.tryAcquire("nvr-1")).isEmpty();
        assertThat(limiter.tryAcquire("nvr-1")).isPresent();

        nanos.addAndGet(Duration.ofMinutes(1).toNanos()); // never more than the burst
        assertThat(limiter.tryAcquire("nvr-1")).isEmpty();
        assertThat(limiter.tryAcquire("nvr-1")).isEmpty();
        assertThat(limiter.tryAcquire("nvr-1")).isEmpty();
        assertThat(limiter.tryAcquire("nvr-1")).isPresent();
    }

    @Test
    void clientsHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("nvr-1");
        }

        assertThat(limiter.tryAcquire("nvr-1")).isPresent();
        assertThat(limiter.tryAcquire("nvr-2")).isEmpty();
    }

    @Test
    void retryAfterGrowsWithASlowRate() {
        RateLimiter slow = new RateLimiter(new RateLimit(0.1, 1), 10, nanos::get);

        assertThat(slow.tryAcquire("addr:10.0.0.9")).isEmpty();
        assertThat(slow.tryAcquire("addr:10.0.0.9")).contains(Duration.ofSeconds(10));
    }

    @Test
    void keepsAtMostMaxClientsBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("nvr-1");
        }
        limiter.tryAcquire("nvr-2");
        limiter.tryAcquire("nvr-3"); // nvr-1 is forgotten

        assertThat(limiter.tryAcquire("nvr-1")).isEmpty();
    }
}
