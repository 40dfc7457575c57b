package dev.vigil.console.state;

import dev.vigil.console.kafka.Publisher;
import dev.vigil.console.kafka.TopicReader;
import dev.vigil.events.Json;
import dev.vigil.events.Topic;
import dev.vigil.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's projection thread: reads the topics it projects from the earliest offset and folds
 * each record into {@link ConsoleState}. It does not feed the push stream, which has its own reader
 * ({@link dev.vigil.console.stream.StreamReader}), so a burst on one of these topics, or a long
 * read of the state by a request, never delays what browsers are sent.
 */
public final class ProjectionReader implements ReadBack, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionReader.class);

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

    private final ConsoleState state;
    private final Map<String, Topic<String, ?>> byName = new HashMap<>();
    private final TopicReader reader;

    /**
     * The next offset to be read per partition of {@code vigil.accounts}, the one topic whose
     * writers read their records back (account changes, see {@link ReadBack}); guarded by {@code
     * this}. The other topics carry the console's whole live load and take no lock per record.
     */
    private final Map<Integer, Long> nextAccountOffsets = new HashMap<>();

    public ProjectionReader(
            Supplier<Consumer<byte[], byte[]>> consumerFactory, ConsoleState state) {
        this.state = state;
        TOPICS.forEach(t -> byName.put(t.name(), t));
        reader =
                new TopicReader(
                        "console-projections",
                        TOPICS.stream().map(Topic::name).toList(),
                        consumerFactory,
                        this::handle);
    }

    /** Starts the thread. */
    public ProjectionReader start() {
        reader.start();
        return this;
    }

    /** Waits until what Kafka held at start has been read; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return reader.awaitCaughtUp(timeout);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException for a record not on {@code vigil.accounts}, the only topic
     *     whose read position is kept
     */
    @Override
    public synchronized boolean awaitRead(Publisher.Written written, Duration timeout)
            throws InterruptedException {
        if (!written.topic().equals(Topics.ACCOUNTS.name())) {
            throw new IllegalArgumentException(
                    "read-back is kept for "
                            + Topics.ACCOUNTS.name()
                            + " only, not for "
                            + written.topic());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (nextAccountOffsets.getOrDefault(written.partition(), 0L) <= written.offset()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        try {
            project(record);
        } finally {
            if (record.topic().equals(Topics.ACCOUNTS.name())) {
                synchronized (this) {
                    nextAccountOffsets.merge(record.partition(), record.offset() + 1, Math::max);
                    notifyAll();
                }
            }
        }
    }

    private void project(ConsumerRecord<byte[], byte[]> record) {
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
    }

    @Override
    public void close() {
        reader.close();
    }
}
