package dev.vigil.ingest.registry;

import dev.vigil.events.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a keyed topic (usually a compacted registry topic such as {@code vigil.sources} or {@code
 * vigil.integrations}) from its beginning into an in-memory map of the latest value per key, and
 * keeps following it, so ingest can look entries up without a database and rebuilds the map from
 * Kafka after a restart; a tombstone removes the key.
 *
 * <p>One daemon thread polls with its own consumer (assigned all partitions, no consumer group, no
 * offsets committed). {@link #caughtUp()} turns true once everything that was in the topic when the
 * view started has been read. A value that cannot be decoded is skipped (the key keeps its previous
 * value) and logged with its offset, never with its content. Listeners run on the polling thread,
 * in topic order per key, and must be quick. Reusable by any ingest server (the HJ 212 gateway's
 * device directory as much as the HTTP camera directory).
 *
 * @param <V> what the map holds per key (the topic's value, or something derived from it)
 */
public final class CompactedTopicView<V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicView.class);

    /**
     * Told about every change of a key: {@code previous} or {@code current} is null when absent.
     */
    @FunctionalInterface
    public interface Listener<V> {
        void changed(String key, V previous, V current);
    }

    private final String topic;
    private final Function<byte[], V> decode;
    private final Listener<? super V> listener;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Map<String, Object> consumerSettings;
    private volatile boolean closed;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * A view of the topic that decodes each value with {@code decode} (which may map the record to
     * something smaller) and tells {@code listener} about changes.
     */
    public CompactedTopicView(
            String bootstrapServers,
            String topic,
            Function<byte[], V> decode,
            Listener<? super V> listener) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.decode = Objects.requireNonNull(decode, "decode");
        this.listener = listener == null ? (k, p, c) -> {} : listener;
        this.consumerSettings =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        false,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "vigil-ingest-view-" + topic);
    }

    /** A view of a contract topic's values as they are. */
    public static <V> CompactedTopicView<V> of(
            String bootstrapServers, Topic<String, V> topic, Listener<? super V> listener) {
        return new CompactedTopicView<>(
                bootstrapServers,
                topic.name(),
                bytes -> topic.valueSerde().deserializer().deserialize(topic.name(), bytes),
                listener);
    }

    /** Starts following the topic on a daemon thread. */
    public synchronized CompactedTopicView<V> start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this::run, "vigil-view-" + topic);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** The latest value of the key, if it has one. */
    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A copy of the whole map. */
    public Map<String, V> snapshot() {
        return Map.copyOf(values);
    }

    /** Whether everything that was in the topic when the view started has been read. */
    public boolean caughtUp() {
        return caughtUp.isDone();
    }

    /** Completes once {@link #caughtUp()}. */
    public CompletionStage<Void> whenCaughtUp() {
        return caughtUp.minimalCompletionStage();
    }

    /** Waits until {@link #caughtUp()}; false when the time ran out first. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Applies one record: a value replaces the key's, a tombstone ({@code null}) removes it. */
    void apply(String key, byte[] bytes, long offset) {
        if (key == null) {
            LOG.warn("{}: record at offset {} has no key; skipped", topic, offset);
            return;
        }
        V current;
        if (bytes == null) {
            current = null;
        } else {
            try {
                current = decode.apply(bytes);
            } catch (RuntimeException e) {
                LOG.warn(
                        "{}: value of key {} at offset {} cannot be read ({}); the key keeps its"
                                + " previous value",
                        topic,
                        key,
                        offset,
                        e.getClass().getSimpleName());
                return;
            }
        }
        V previous = current == null ? values.remove(key) : values.put(key, current);
        if (previous != null || current != null) {
            listener.changed(key, previous, current);
        }
    }

    /** Marks the view caught up, for views fed by hand in tests. */
    void markCaughtUp() {
        caughtUp.complete(null);
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(
                        consumerSettings, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            if (closed) {
                return;
            }
            Map<TopicPartition, Long> ends = assign(c);
            while (!closed) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    apply(r.key(), r.value(), r.offset());
                }
                if (!caughtUp()
                        && ends.entrySet().stream()
                                .allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                    LOG.info("{}: caught up with {} keys", topic, values.size());
                    caughtUp.complete(null);
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                LOG.error("{}: view stopped unexpectedly", topic, e);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: view stopped; lookups keep the last known values", topic, e);
        }
    }

    /** Waits for the topic to exist, assigns all its partitions from the beginning. */
    private Map<TopicPartition, Long> assign(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> partitions = List.of();
        while (!closed && partitions.isEmpty()) {
            try {
                partitions = c.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warn("{}: no metadata yet ({}); retrying", topic, e.getMessage());
            }
            if (partitions == null || partitions.isEmpty()) {
                partitions = List.of();
                sleep();
            }
        }
        List<TopicPartition> assigned =
                partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        c.assign(assigned);
        c.seekToBeginning(assigned);
        return new HashMap<>(c.endOffsets(assigned));
    }

    private void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
