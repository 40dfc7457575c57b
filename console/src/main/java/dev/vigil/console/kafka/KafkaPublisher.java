package dev.vigil.console.kafka;

import dev.vigil.console.api.ApiError;
import dev.vigil.events.Json;
import dev.vigil.events.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** {@link Publisher} on an idempotent Kafka producer that waits for every acknowledgement. */
public final class KafkaPublisher implements Publisher, AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Duration timeout;

    public KafkaPublisher(String bootstrapServers, Duration timeout) {
        this.timeout = timeout;
        this.producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.LINGER_MS_CONFIG,
                                0,
                                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                timeout.toMillis(),
                                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                (int) Math.max(timeout.toMillis(), 1000),
                                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                (int) Math.max(timeout.toMillis() / 2, 500),
                                ProducerConfig.CLIENT_ID_CONFIG,
                                "vigil-console"),
                        new StringSerializer(),
                        new ByteArraySerializer());
    }

    @Override
    public <V> Written publish(Topic<String, V> topic, V value) {
        try {
            RecordMetadata written =
                    producer.send(
                                    new ProducerRecord<>(
                                            topic.name(), topic.keyOf(value), Json.toBytes(value)))
                            .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Written(written.topic(), written.partition(), written.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.unavailable("interrupted while publishing to " + topic.name());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw ApiError.unavailable(
                    "Kafka did not acknowledge " + topic.name() + " in time: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
