package dev.vigil.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps a recent answer to "can ingest reach Kafka?" so the health endpoint never blocks a Netty
 * event loop on a metadata request.
 */
final class KafkaReachability implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private volatile String problem = "not yet checked";
    private volatile Instant checkedAt;

    /** {@code probe} returns null when Kafka answered, or what went wrong. */
    KafkaReachability(Supplier<String> probe, Duration every) {
        timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "ingest-kafka-health");
                            t.setDaemon(true);
                            return t;
                        });
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        problem = probe.get();
                    } catch (RuntimeException e) {
                        problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                    checkedAt = Instant.now();
                },
                0,
                every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Null when Kafka answered the last check, otherwise why not. */
    String problem() {
        return problem;
    }

    Instant checkedAt() {
        return checkedAt;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
