package dev.vigil.ingest.publish;

import dev.vigil.events.Sha256;
import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends rejected HTTP input to {@code vigil.dead-letter} from a thread of its own (so a caller on
 * an event loop never waits for Kafka metadata), with the raw body cut to a size Kafka accepts.
 * Callers pass the body already masked: secrets and contact details never reach this class.
 */
public final class DeadLetters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final RecordPublisher publisher;
    private final Clock clock;
    private final int maxRawBytes;
    private final ThreadPoolExecutor sender;

    public DeadLetters(RecordPublisher publisher, Clock clock, int maxRawBytes) {
        this.publisher = publisher;
        this.clock = clock;
        this.maxRawBytes = maxRawBytes;
        this.sender =
                new ThreadPoolExecutor(
                        1,
                        1,
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(10_000),
                        r -> {
                            Thread t = new Thread(r, "ingest-dead-letters");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Publishes a dead letter; {@code raw} is the masked body, cut to the configured size (the cut
     * is recorded in the detail together with the full length and its SHA-256).
     */
    public void send(
            String origin,
            String reason,
            String field,
            byte[] raw,
            String remoteAddress,
            Map<String, String> detail) {
        Map<String, String> more = new LinkedHashMap<>(detail);
        byte[] kept = raw;
        if (raw.length > maxRawBytes) {
            kept = Arrays.copyOf(raw, maxRawBytes);
            more.put("rawTruncated", "true");
            more.put("rawLength", Integer.toString(raw.length));
            more.put("rawSha256", Sha256.hex(raw));
        }
        DeadLetter letter =
                new DeadLetter(origin, reason, field, kept, remoteAddress, clock.instant(), more);
        try {
            sender.execute(
                    () ->
                            publisher
                                    .publish(Topics.DEAD_LETTER, letter)
                                    .whenComplete(
                                            (ok, error) -> {
                                                if (error != null) {
                                                    LOG.warn(
                                                            "Dead letter from {} ({}) not published: {}",
                                                            origin,
                                                            reason,
                                                            error.toString());
                                                }
                                            }));
        } catch (RejectedExecutionException e) {
            LOG.warn("Dead letter from {} ({}) dropped: too many waiting", origin, reason);
        }
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
