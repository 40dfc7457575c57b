package dev.vigil.ingest.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A token bucket per client (an integration, or a remote address), so that one camera group or one
 * misbehaving host cannot crowd out the others. At most {@code maxClients} buckets are kept; the
 * least recently used one is forgotten first (a forgotten client starts with a full bucket).
 */
public final class RateLimiter {

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }

    private final RateLimit limit;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets;

    public RateLimiter(RateLimit limit, int maxClients) {
        this(limit, maxClients, System::nanoTime);
    }

    /** With the clock to read, for tests. */
    public RateLimiter(RateLimit limit, int maxClients, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.buckets =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                        return size() > maxClients;
                    }
                };
    }

    /**
     * Takes one token from the client's bucket: empty when the request may go ahead, otherwise how
     * long until a token is there (at least one second, as {@code Retry-After} counts).
     */
    public synchronized Optional<Duration> tryAcquire(String client) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(limit.burst(), now));
        double refill = (now - bucket.updatedNanos) / 1e9 * limit.perSecond();
        bucket.tokens = Math.min(limit.burst(), bucket.tokens + refill);
        bucket.updatedNanos = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Optional.empty();
        }
        double seconds = (1 - bucket.tokens) / limit.perSecond();
        return Optional.of(Duration.ofSeconds(Math.max(1, (long) Math.ceil(seconds))));
    }
}
