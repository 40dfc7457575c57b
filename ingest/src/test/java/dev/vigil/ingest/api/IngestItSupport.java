package dev.vigil.ingest.api;

import dev.vigil.embedded.TopicSpec;
import dev.vigil.events.Topic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the HTTP integration tests share: the topics and a way to write registry entries. */
final class IngestItSupport {

    private IngestItSupport() {}

    /** Every Vigil topic, two partitions each, compacted where the contract says so. */
    static List<TopicSpec> topics() {
        return TopicSpec.allTopics(2);
    }

    /** Publishes registry entries (or tombstones, for a null value) and waits for the acks. */
    static <V> void publish(String bootstrapServers, Topic<String, V> topic, String key, V value)
            throws Exception {
        try (Producer<String, byte[]> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            producer.send(
                            new ProducerRecord<>(
                                    topic.name(),
                                    key,
                                    topic.valueSerde().serializer().serialize(topic.name(), value)))
                    .get(10, TimeUnit.SECONDS);
        }
    }
}
