package dev.vigil.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Json;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.Topic;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Source;
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
                    consumer.addRecord(record(Topics.ALERTS, 0, alert()));
                    consumer.addRecord(record(Topics.SOURCES, 0, source()));
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

    private static Alert alert() {
        return new Alert(
                "a1",
                Alert.Type.OFFLINE,
                Severity.ALARM,
                Alert.State.FIRING,
                "S",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                DataKind.REALTIME,
                List.of(),
                T0,
                T0,
                false,
                false,
                "m");
    }

    private static Source source() {
        return new Source(
                "S",
                "Works",
                null,
                Source.Kind.AIR,
                new Place(null, new GeoPoint(0, 0), null, null),
                List.of(),
                List.of(),
                List.of(
                        new Device(
                                "MN",
                                null,
                                ProtocolVersion.HJ212_2017,
                                Device.hashPassword("MN", "1"),
                                Duration.ofMinutes(1),
                                Duration.ofMinutes(10))),
                List.of(),
                List.of(),
                List.of(),
                false,
                1,
                T0);
    }
}
