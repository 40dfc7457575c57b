package dev.vigil.jobs.kafka;

import dev.vigil.events.Topic;
import dev.vigil.jobs.detect.registry.RegistryDeserializer;
import dev.vigil.jobs.detect.registry.RegistryUpdate;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Kafka sources and sinks of Vigil's topics, configured alike in every job. */
public final class TopicSources {

    private TopicSources() {}

    /**
     * The topic from the group's committed offsets, or from the earliest offset for a partition the
     * group never committed; unreadable values are counted and skipped (see {@link
     * TopicValueDeserializer}). A job restored from a checkpoint resumes from the checkpoint's
     * offsets instead.
     */
    public static <V> KafkaSource<V> committedOrEarliest(
            String bootstrapServers, Topic<?, V> topic, TypeInformation<V> type, String groupId) {
        return committedOrEarliest(bootstrapServers, topic, type, groupId, null);
    }

    /**
     * {@link #committedOrEarliest(String, Topic, TypeInformation, String)} with a faster reader of
     * the topic's values ({@link ValueReader}); {@code null} for the contract's {@code Json}.
     */
    @SuppressWarnings("deprecation")
    public static <V> KafkaSource<V> committedOrEarliest(
            String bootstrapServers,
            Topic<?, V> topic,
            TypeInformation<V> type,
            String groupId,
            ValueReader<V> reader) {
        // OffsetResetStrategy is deprecated in Kafka 4, yet it is what the connector's API takes.
        return KafkaSource.<V>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic.name())
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-" + topic.name())
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new TopicValueDeserializer<>(topic, type, reader))
                .build();
    }

    /**
     * The consumer group a job's registry reader commits its offsets to on each completed
     * checkpoint; nothing reads them back (a fresh start reads the registry from its beginning),
     * but they show how far the job has read the registry.
     */
    public static String registryGroup(String groupId) {
        return groupId + "-registry";
    }

    /**
     * Registry topics (compacted), always from their beginning on a fresh start: the whole registry
     * is there. A restored job resumes from its checkpoint, whose broadcast state already holds
     * what came before.
     */
    public static KafkaSource<RegistryUpdate> registry(
            String bootstrapServers, String groupId, Topic<?, ?>... topics) {
        String registryGroup = registryGroup(groupId);
        return KafkaSource.<RegistryUpdate>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(Arrays.stream(topics).map(Topic::name).toList())
                .setGroupId(registryGroup)
                .setClientIdPrefix(registryGroup)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RegistryDeserializer())
                .build();
    }

    /**
     * An at-least-once sink to one of Vigil's topics; consumers deduplicate by the records'
     * deterministic ids.
     */
    public static <V> KafkaSink<V> sinkTo(String bootstrapServers, Topic<String, V> topic) {
        return KafkaSink.<V>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new TopicValueSerializer<>(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
