package dev.vigil.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.console.TestRecords;
import dev.vigil.events.Json;
import dev.vigil.events.Topic;
import dev.vigil.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ProjectionReaderTest {

    private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");

    @Test
    void foldsEveryTopicIntoTheState() throws Exception {
        MockConsumer<byte[], byte[]> consumer =
                new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        Map<TopicPartition, Long> beginning = new HashMap<>();
        for (Topic<String, ?> topic : ProjectionReader.TOPICS) {
            consumer.updatePartitions(
                    topic.name(), List.of(new PartitionInfo(topic.name(), 0, null, null, null)));
            beginning.put(new TopicPartition(topic.name(), 0), 0L);
        }
        consumer.updateBeginningOffsets(beginning);
        Map<TopicPartition, Long> end = new HashMap<>(beginning);
        end.put(new TopicPartition(Topics.ALERTS.name(), 0), 1L);
        end.put(new TopicPartition(Topics.SOURCES.name(), 0), 1L);
        consumer.updateEndOffsets(end);
        consumer.schedulePollTask(
                () -> {
                    consumer.addRecord(
                            record(Topics.ALERTS, 0, TestRecords.offlineAlert("a1", T0)));
                    consumer.addRecord(record(Topics.SOURCES, 0, TestRecords.source(T0)));
                });
        ConsoleState state = new ConsoleState();
        try (ProjectionReader reader = new ProjectionReader(() -> consumer, state).start()) {
            assertThat(reader.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(state.alert("a1")).isPresent();
        assertThat(state.source("S")).isPresent();
    }

    private static <V> ConsumerRecord<byte[], byte[]> record(
            Topic<String, V> topic, long offset, V value) {
        return new ConsumerRecord<>(
                topic.name(),
                0,
                offset,
                topic.keyOf(value).getBytes(StandardCharsets.UTF_8),
                Json.toBytes(value));
    }
}
