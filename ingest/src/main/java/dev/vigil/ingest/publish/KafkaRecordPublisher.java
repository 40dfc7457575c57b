package dev.vigil.ingest.publish;

import dev.vigil.events.Topic;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@link RecordPublisher} on ingest's shared producer: serializes with the topic's own serde and
 * completes from the producer callback, so no thread waits for the ack.
 */
public final class KafkaRecordPublisher implements RecordPublisher {

    private final Producer<String, byte[]> producer;

    public KafkaRecordPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public <V> CompletableFuture<Void> publish(Topic<String, V> topic, V value) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
            send(producer, new ProducerRecord<>(topic.name(), topic.keyOf(value), bytes), acked);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e); // the topic's serializer failed
        }
        return acked;
    }

    /**
     * Sends {@code record} and completes {@code acked} from the producer's callback, or at once
     * exceptionally when {@code send} itself throws (metadata not in within max.block.ms, a full
     * buffer).
     */
    public static <K, V> void send(
            Producer<K, V> producer, ProducerRecord<K, V> record, CompletableFuture<Void> acked) {
        try {
            producer.send(
                    record,
                    (metadata, error) -> {
                        if (error == null) {
                            acked.complete(null);
                        } else {
                            acked.completeExceptionally(error);
                        }
                    });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
    }
}
