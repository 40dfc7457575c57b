package dev.vigil.jobs.kafka;

import dev.vigil.events.Topic;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Kafka sources of Vigil's topics, configured alike in every job. */
public final class TopicSources {

    private TopicSources() {}

    /**
     * The topic from the group's committed offsets, or from the earliest offset for a partition the
     * group never committed; unreadable values are counted and skipped (see {@link
     * TopicValueDeserializer}). A job restored from a checkpoint resumes from the checkpoint's
     * offsets instead.
     */
    @SuppressWarnings("deprecation")
    public static <V> KafkaSource<V> committedOrEarliest(
            String bootstrapServers, Topic<?, V> topic, TypeInformation<V> type, String groupId) {
        // OffsetResetStrategy is deprecated in Kafka 4, yet it is what the connector's API takes.
        return KafkaSource.<V>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic.name())
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-" + topic.name())
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new TopicValueDeserializer<>(topic, type))
                .build();
    }
}
