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
            producer.send(
                    new ProducerRecord<>(topic.name(), topic.keyOf(value), bytes),
                    (metadata, error) -> {
                        if (error == null) {
                            acked.complete(null);
                        } else {
                            acked.completeExceptionally(error);
                        }
                    });
        } catch (RuntimeException e) {
            // send() throws when metadata does not arrive within max.block.ms or the buffer is full
            acked.completeExceptionally(e);
        }
        return acked;
    }
}
