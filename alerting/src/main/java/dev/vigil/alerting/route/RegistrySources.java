package dev.vigil.alerting.route;

import dev.vigil.events.Json;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live view of the source registry, read from the compacted {@code vigil.sources} topic: {@link
 * #catchUp} reads it from the beginning to its end before alerting routes anything, then {@link
 * #run} follows it, so an edit in the console changes routing from the next incident event on. A
 * tombstone removes a source. Every alerting instance reads the whole topic (no consumer group).
 */
public final class RegistrySources implements SourceDirectory, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrySources.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Map<String, SourceInfo> sources = new ConcurrentHashMap<>();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile boolean running = true;
    private boolean assigned;

    /** A view over {@code topic} read by {@code consumer}, which this view owns and closes. */
    public RegistrySources(Consumer<String, byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    @Override
    public SourceInfo source(String sourceId) {
        return sources.getOrDefault(sourceId, SourceInfo.unknown(sourceId));
    }

    /** How many sources the view holds. */
    public int size() {
        return sources.size();
    }

    /**
     * Reads the registry up to its end as of now; call once before {@link #run} and from the same
     * thread that starts it. Returns how many sources it holds then.
     */
    public int catchUp(Duration timeout) {
        if (!assign()) {
            LOG.warn("{} has no partitions yet; routing starts without source facts", topic);
            return 0;
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
        Instant deadline = Instant.now().plus(timeout);
        while (end.entrySet().stream()
                .anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                LOG.warn(
                        "{} not read to its end within {}; going on with what was read",
                        topic,
                        timeout);
                break;
            }
            consumer.poll(POLL).forEach(this::apply);
        }
        LOG.info("Source registry: {} sources from {}", sources.size(), topic);
        return sources.size();
    }

    /** Follows the registry until {@link #stop}. */
    @Override
    public void run() {
        try {
            while (running) {
                try {
                    if (!assigned && !assign()) {
                        Thread.sleep(POLL.toMillis() * 10);
                        continue;
                    }
                    consumer.poll(POLL).forEach(this::apply);
                } catch (RetriableException e) {
                    LOG.warn(
                            "Kafka not reachable for now, reading {} again: {}",
                            topic,
                            e.getMessage());
                }
            }
        } catch (WakeupException | InterruptException e) {
            // Shutting down.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Stops {@link #run} from another thread. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private boolean assign() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        List<TopicPartition> partitions =
                infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        assigned = true;
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            sources.remove(record.key());
            return;
        }
        Source source;
        try {
            source = Json.fromBytes(record.value(), Source.class);
        } catch (RuntimeException e) {
            // The registry's producer (the console) validates entries; one that does not even
            // parse cannot be routed on, and the previous version of it stays in effect.
            long n = unreadable.incrementAndGet();
            LOG.warn(
                    "Unreadable registry entry {} ignored ({} so far): {}",
                    record.key(),
                    n,
                    e.getMessage());
            return;
        }
        sources.put(source.sourceId(), SourceInfo.of(source));
    }
}
