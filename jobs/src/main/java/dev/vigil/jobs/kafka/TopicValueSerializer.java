package dev.vigil.jobs.kafka;

import dev.vigil.events.Json;
import dev.vigil.events.Topic;
import dev.vigil.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes values to one Vigil topic under the key the topic's contract derives from each value, as
 * the contract's {@link Json}; the counterpart of {@link TopicValueDeserializer} for sinks. Kafka
 * timestamps are the producer's clock.
 */
public final class TopicValueSerializer<V> implements KafkaRecordSerializationSchema<V> {

    private static final long serialVersionUID = 1L;

    private final String topicName;
    private transient Topic<String, V> topic;

    public TopicValueSerializer(Topic<String, V> topic) {
        this.topicName = topic.name();
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        topic = lookup();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            V value, KafkaSinkContext context, Long timestamp) {
        if (topic == null) {
            topic = lookup();
        }
        // No Flink timestamp: that is event time (a device's DataTime, possibly absurd), which the
        // broker rejects beyond its skew limit; the record's own times are in the value.
        return new ProducerRecord<>(
                topicName,
                null,
                null,
                topic.keyOf(value).getBytes(StandardCharsets.UTF_8),
                Json.toBytes(value));
    }

    // Topic holds serdes and functions, which are not serializable: find it again by name.
    @SuppressWarnings("unchecked")
    private Topic<String, V> lookup() {
        return (Topic<String, V>)
                Topics.all().stream()
                        .filter(t -> t.name().equals(topicName))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no topic " + topicName));
    }

    @Override
    public String toString() {
        return "TopicValueSerializer[" + topicName + "]";
    }
}
