package dev.vigil.jobs.detect;

import dev.vigil.events.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record of one topic from its beginning, read by a background consumer, for assertions in
 * integration tests: a consumer as the alerting service would run it, minus the deduplication.
 */
final class TopicLog<V> implements AutoCloseable {

    private final Class<V> type;
    private final List<V> values = new ArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    TopicLog(String bootstrapServers, String topic, Class<V> type) {
        this.type = type;
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                        new StringDeserializer(),
                        new ByteArrayDeserializer());
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader =
                new Thread(
                        () -> {
                            try (consumer) {
                                while (running) {
                                    for (ConsumerRecord<String, byte[]> record :
                                            consumer.poll(Duration.ofMillis(100))) {
                                        V value = Json.fromBytes(record.value(), this.type);
                                        synchronized (values) {
                                            values.add(value);
                                        }
                                    }
                                }
                            }
                        },
                        "topic-log-" + topic);
        reader.setDaemon(true);
        reader.start();
    }

    /** Everything read so far, in the order read. */
    List<V> all() {
        synchronized (values) {
            return List.copyOf(values);
        }
    }

    /** Waits until what was read satisfies {@code done}; fails after {@code patience}. */
    List<V> await(Predicate<List<V>> done, Duration patience, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            List<V> now = all();
            if (done.test(now)) {
                return now;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("within " + patience + " no " + what + "; got " + all());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
    }
}
