package dev.vigil.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code vigil.incidents} and hands every record to the handler, committing an offset only
 * after the record was handled, so a restart resumes at the first unhandled event. Failures are
 * sorted as Kafka's own examples do: fatal (auth) stops the loop, transient (retriable) waits and
 * polls again, and a handler failure re-reads the record from its offset after a pause.
 */
public final class IncidentPollLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentPollLoop.class);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final IncidentEventHandler handler;
    private final AtomicReference<Instant> lastPoll = new AtomicReference<>();
    private final AtomicReference<String> fatal = new AtomicReference<>();
    private final AtomicLong handled = new AtomicLong();
    private volatile boolean running = true;

    public IncidentPollLoop(
            Consumer<String, byte[]> consumer, String topic, IncidentEventHandler handler) {
        this.consumer = consumer;
        this.topic = topic;
        this.handler = handler;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(500));
                } catch (RetriableException e) {
                    LOG.warn("Kafka not reachable for now, polling again: {}", e.getMessage());
                    continue;
                }
                // A poll also returns, empty, when no broker answers: only a consumer that joined
                // its group and holds partitions has proven that Kafka is there.
                if (!consumer.assignment().isEmpty()) {
                    lastPoll.set(Instant.now());
                }
                boolean anyFailed = false;
                for (TopicPartition partition : records.partitions()) {
                    anyFailed |= !handlePartition(partition, records.records(partition));
                }
                if (anyFailed) {
                    sleepQuietly(Duration.ofSeconds(1));
                }
            }
        } catch (WakeupException | InterruptException e) {
            // Shutting down.
        } catch (AuthenticationException | AuthorizationException e) {
            fatal.set(e.getMessage());
            LOG.error("Alerting cannot read {}: {}", topic, e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Handles a partition's records in order and commits after each. On a failure the partition is
     * rewound to the failed record, so it is read again on a later poll; other partitions go on.
     */
    private boolean handlePartition(
            TopicPartition partition, List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                handler.handle(record);
            } catch (Exception e) {
                consumer.seek(partition, record.offset());
                LOG.warn(
                        "Incident event at {}@{} not handled yet, will retry: {}",
                        partition,
                        record.offset(),
                        e.toString());
                return false;
            }
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
            handled.incrementAndGet();
        }
        return true;
    }

    /** Stops the loop from another thread. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /**
     * When the loop last polled while holding partitions, or null before it joined its group (so an
     * instance beyond the topic's partition count reports itself as not connected).
     */
    public Instant lastPoll() {
        return lastPoll.get();
    }

    /** Why the loop stopped for good, or null while it runs. */
    public String fatalError() {
        return fatal.get();
    }

    /** How many incident events were handled since start. */
    public long handled() {
        return handled.get();
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
