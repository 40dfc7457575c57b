package dev.vigil.console.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * One consumer thread that reads every partition of some topics from the earliest offset (no
 * consumer group, nothing committed: what it feeds is rebuilt on each start) and hands each record
 * to a handler. The console runs two, so that the push stream never waits behind the projection of
 * topics it does not stream. Polls at most 100 ms apart; a topic missing at start is looked for
 * again every 30 s, and then everything is read again from the start (handlers are idempotent).
 */
public final class TopicReader implements AutoCloseable {

    /** What a reader feeds. Called on the reader's thread only. */
    public interface Handler {
        /**
         * The partitions assigned (again), with the first offset Kafka still holds and the end
         * offset at assignment.
         */
        default void assigned(Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end) {}

        /** One record, in partition order. */
        void handle(ConsumerRecord<byte[], byte[]> record);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration MISSING_RECHECK = Duration.ofSeconds(30);

    private final String name;
    private final List<String> topics;
    private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
    private final Handler handler;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Set<String> missing = new TreeSet<>();
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param name the thread's name, also used in log lines
     */
    public TopicReader(
            String name,
            List<String> topics,
            Supplier<Consumer<byte[], byte[]>> consumerFactory,
            Handler handler) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.consumerFactory = consumerFactory;
        this.handler = handler;
    }

    /** Starts the thread. */
    public TopicReader start() {
        thread = new Thread(this::run, name);
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
                // Transient (broker away, topic missing): start over; the handler is idempotent.
                LOG.warn("{}: {}; reading again in 1 s", name, e.toString());
                sleep(1000);
            }
        }
    }

    private Map<TopicPartition, Long> assign(Consumer<byte[], byte[]> c) {
        List<TopicPartition> partitions = new ArrayList<>();
        missing.clear();
        for (String topic : topics) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                missing.add(topic);
                continue;
            }
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        handler.assigned(c.beginningOffsets(partitions), end);
        return new HashMap<>(end);
    }

    private void readUntilClosed(Consumer<byte[], byte[]> c, Map<TopicPartition, Long> pending) {
        pending.entrySet().removeIf(e -> e.getValue() <= 0);
        if (!missing.isEmpty()) {
            LOG.warn("{}: topics {} do not exist yet; reading them once they do", name, missing);
        }
        long lookAgainAt = System.nanoTime() + MISSING_RECHECK.toNanos();
        while (running) {
            if (!missing.isEmpty() && System.nanoTime() > lookAgainAt) {
                lookAgainAt = System.nanoTime() + MISSING_RECHECK.toNanos();
                if (missing.stream().anyMatch(t -> !c.partitionsFor(t).isEmpty())) {
                    // Assign again from the start: the handler ignores what it had.
                    return;
                }
            }
            ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                handler.handle(record);
            }
            if (caughtUp.getCount() > 0) {
                pending.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                if (pending.isEmpty()) {
                    caughtUp.countDown();
                }
            }
        }
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
