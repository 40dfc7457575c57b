package dev.vigil.console.state;

import dev.vigil.console.source.SourceRoutes;
import dev.vigil.console.stream.StreamEvent;
import dev.vigil.console.stream.StreamHub;
import dev.vigil.events.Json;
import dev.vigil.events.Topic;
import dev.vigil.events.Topics;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.source.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one consumer thread: assigns every partition of the topics it projects, reads them
 * from the earliest offset (no consumer group, nothing committed: the state is rebuilt on each
 * start), folds each record into {@link ConsoleState} and hands the streamed kinds to the {@link
 * StreamHub}. Polls at most 100 ms apart, so a record reaches browsers well within a second.
 */
public final class ProjectionReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionReader.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /** The topics the console projects. */
    public static final List<Topic<String, ?>> TOPICS =
            List.of(
                    Topics.INCIDENTS,
                    Topics.ALERTS,
                    Topics.DELIVERIES,
                    Topics.SOURCES,
                    Topics.RULES,
                    Topics.RULE_HISTORY,
                    Topics.ACCOUNTS,
                    Topics.VIDEO_EVENTS,
                    Topics.COMPLAINTS,
                    Topics.AUDIT);

    private static final Map<String, String> STREAMED =
            Map.of(
                    Topics.ALERTS.name(), "alert",
                    Topics.INCIDENTS.name(), "incident",
                    Topics.DELIVERIES.name(), "delivery",
                    Topics.SOURCES.name(), "source",
                    Topics.RULES.name(), "rule");

    private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
    private final ConsoleState state;
    private final StreamHub hub;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Map<String, Topic<String, ?>> byName = new HashMap<>();
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile boolean running = true;
    private Thread thread;

    public ProjectionReader(
            Supplier<Consumer<byte[], byte[]>> consumerFactory, ConsoleState state, StreamHub hub) {
        this.consumerFactory = consumerFactory;
        this.state = state;
        this.hub = hub;
        TOPICS.forEach(t -> byName.put(t.name(), t));
    }

    /** Starts the thread. */
    public ProjectionReader start() {
        thread = new Thread(this::run, "console-projections");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Waits until what Kafka held at start has been read; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        while (running) {
            try (Consumer<byte[], byte[]> c = consumerFactory.get()) {
                consumer = c;
                Map<TopicPartition, Long> endAtStart = assign(c);
                readUntilClosed(c, endAtStart);
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                // Transient (broker away, topic missing): start over; the state is idempotent.
                LOG.warn("console projections: {}; reading again in 1 s", e.toString());
                sleep(1000);
            }
        }
    }

    private Map<TopicPartition, Long> assign(Consumer<byte[], byte[]> c) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<String, ?> topic : TOPICS) {
            List<PartitionInfo> infos = c.partitionsFor(topic.name(), Duration.ofSeconds(10));
            if (infos == null) {
                continue;
            }
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> beginning = c.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            if (STREAMED.containsKey(tp.topic())) {
                hub.partition(tp, beginning.getOrDefault(tp, 0L), end.getOrDefault(tp, 0L));
            }
        }
        return new HashMap<>(end);
    }

    private void readUntilClosed(Consumer<byte[], byte[]> c, Map<TopicPartition, Long> pending) {
        pending.entrySet().removeIf(e -> e.getValue() <= 0);
        while (running) {
            ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                handle(record);
            }
            if (caughtUp.getCount() > 0) {
                pending.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                if (pending.isEmpty()) {
                    caughtUp.countDown();
                }
            }
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        Topic<String, ?> topic = byName.get(record.topic());
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        Object value;
        try {
            value = Json.fromBytes(record.value(), topic.valueType());
        } catch (RuntimeException e) {
            LOG.warn(
                    "skipping unreadable record {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return;
        }
        if (value == null && !topic.compacted()) {
            return;
        }
        state.apply(record.topic(), key, value);
        String kind = STREAMED.get(record.topic());
        if (kind != null && value != null) {
            hub.publish(
                    new StreamEvent(
                            new TopicPartition(record.topic(), record.partition()),
                            record.offset(),
                            kind,
                            value,
                            value instanceof Source source
                                    ? new String(
                                            Json.toBytes(SourceRoutes.masked(source)),
                                            StandardCharsets.UTF_8)
                                    : new String(record.value(), StandardCharsets.UTF_8),
                            incidentOf(value)));
        }
    }

    private static String incidentOf(Object value) {
        if (value instanceof IncidentEvent e) {
            return e.incidentId();
        }
        if (value instanceof Delivery d) {
            return d.incidentId();
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
