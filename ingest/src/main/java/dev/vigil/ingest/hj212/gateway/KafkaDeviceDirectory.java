package dev.vigil.ingest.hj212.gateway;

import dev.vigil.events.Topics;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device directory read from the compacted {@code vigil.sources} topic: on start it reads every
 * partition from the beginning (no consumer group, nothing committed), becomes ready once it
 * reached the end offsets it saw at start, and then keeps following edits and tombstones.
 *
 * <p>A source's new entry replaces all of its devices (a device removed from the source
 * disappears); a tombstone removes them all; a retired source keeps its devices in the directory,
 * marked retired, so the gateway can say why it rejects them. If two sources claim one MN, the
 * later entry wins and a warning is logged.
 */
public final class KafkaDeviceDirectory implements DeviceDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeviceDirectory.class);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Map<String, RegisteredDevice> byMn = new ConcurrentHashMap<>();

    /** MNs each source registered; touched by the poll thread only. */
    private final Map<String, List<String>> mnsBySource = new HashMap<>();

    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean started;

    /** A directory over {@code consumer}, which it owns and closes. */
    public KafkaDeviceDirectory(Consumer<String, byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
        this.thread = new Thread(this::run, "hj212-device-directory");
        thread.setDaemon(true);
    }

    /** A directory reading {@code vigil.sources} from the given Kafka cluster. */
    public static KafkaDeviceDirectory forCluster(String bootstrapServers) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-ingest-sources");
        return new KafkaDeviceDirectory(
                new KafkaConsumer<>(
                        settings, new StringDeserializer(), new ByteArrayDeserializer()),
                Topics.SOURCES.name());
    }

    /** Starts reading in a thread of its own; returns at once. */
    public synchronized KafkaDeviceDirectory start() {
        started = true;
        thread.start();
        return this;
    }

    @Override
    public Optional<RegisteredDevice> find(String mn) {
        return Optional.ofNullable(byMn.get(mn));
    }

    @Override
    public CompletionStage<Void> whenReady() {
        return ready.minimalCompletionStage();
    }

    /** Whether the registry as it was at start has been read. */
    public boolean isReady() {
        return ready.isDone();
    }

    /** How many MNs are known, retired ones included. */
    public int size() {
        return byMn.size();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions == null) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                if (!ready.isDone() && caughtUp(end)) {
                    LOG.info("Device directory ready: {} devices from {}", byMn.size(), topic);
                    ready.complete(null);
                }
                for (ConsumerRecord<String, byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            }
        } catch (WakeupException | InterruptException e) {
            // Closing.
        } catch (AuthenticationException | AuthorizationException e) {
            LOG.error("The device directory cannot read {}: {}", topic, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("The device directory stopped reading {}", topic, e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Waits until the topic exists; null when closed meanwhile. */
    private List<TopicPartition> awaitPartitions() {
        while (running) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                infos = List.of();
            }
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo info : infos) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
                return partitions;
            }
            LOG.warn("Waiting for topic {} (the source registry) to exist", topic);
            sleep(Duration.ofSeconds(1));
        }
        return null;
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String sourceId = record.key();
        if (sourceId == null) {
            LOG.warn("Ignoring a {} record without key at offset {}", topic, record.offset());
            return;
        }
        Source source = null;
        if (record.value() != null) {
            try {
                source =
                        Topics.SOURCES
                                .valueSerde()
                                .deserializer()
                                .deserialize(topic, record.value());
            } catch (RuntimeException e) {
                LOG.warn(
                        "Ignoring unreadable source {} at {}-{}@{}: {}",
                        sourceId,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getMessage());
                return;
            }
        }
        List<String> previous = mnsBySource.remove(sourceId);
        List<String> current = new ArrayList<>();
        if (source != null) {
            for (Device device : source.devices()) {
                RegisteredDevice entry = new RegisteredDevice(sourceId, device, source.retired());
                RegisteredDevice replaced = byMn.put(device.mn(), entry);
                if (replaced != null && !replaced.sourceId().equals(sourceId)) {
                    LOG.warn(
                            "MN {} is registered by sources {} and {}; the later, {}, wins",
                            device.mn(),
                            replaced.sourceId(),
                            sourceId,
                            sourceId);
                }
                current.add(device.mn());
            }
            mnsBySource.put(sourceId, current);
        }
        if (previous != null) {
            for (String mn : previous) {
                if (!current.contains(mn)) {
                    byMn.computeIfPresent(
                            mn, (k, entry) -> entry.sourceId().equals(sourceId) ? null : entry);
                }
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (!started) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
