package dev.vigil.bench;

import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A plain consumer of vigil.alerts beside the console client, so the latency splits into the part
 * up to Kafka (gateway, detection job) and the part after it (console to its WebSocket client).
 */
final class AlertTap implements AutoCloseable {

    private final KafkaConsumer<String, Alert> consumer;
    private final ProbeLogger probe;
    private final Thread thread = new Thread(this::poll, "bench-alert-tap");
    private volatile boolean running = true;

    AlertTap(String kafka, ProbeLogger probe) {
        this.probe = probe;
        this.consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka,
                                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                                10,
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false),
                        Topics.ALERTS.keySerde().deserializer(),
                        Topics.ALERTS.valueSerde().deserializer());
        List<TopicPartition> partitions =
                consumer.partitionsFor(Topics.ALERTS.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void poll() {
        while (running) {
            try {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(50))) {
                    long received = System.nanoTime();
                    if (record.value() != null) {
                        probe.kafka.onAlert(record.value(), received);
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                break;
            } catch (RuntimeException e) {
                System.err.println("bench: alert tap: " + e);
            }
        }
        consumer.close();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
