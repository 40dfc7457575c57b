package dev.vigil.console.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.TestRecords;
import dev.vigil.console.auth.SignedInUser;
import dev.vigil.console.state.ConsoleState;
import dev.vigil.console.state.ProjectionReader;
import dev.vigil.events.Json;
import dev.vigil.events.Severity;
import dev.vigil.events.Topic;
import dev.vigil.events.Topics;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.IncidentEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StreamReaderTest {

    private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");
    private static final SignedInUser STAFF =
            new SignedInUser("op", "Op", Actor.Role.OPERATOR, null);
    private static final SignedInUser RIVER =
            new SignedInUser("river", "River", Actor.Role.AGENCY, "river");
    private static final SignedInUser FIRE =
            new SignedInUser("fire", "Fire", Actor.Role.AGENCY, "fire");

    @Test
    void pushesTheStreamedTopicsMaskedAndFilteredPerAgency() throws Exception {
        // GIVEN a source, an incident dispatched to "river" with alert a1, then a1 and a2
        MockConsumer<byte[], byte[]> consumer =
                new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        Map<TopicPartition, Long> beginning = new HashMap<>();
        for (String topic : StreamReader.KINDS.keySet()) {
            consumer.updatePartitions(
                    topic, List.of(new PartitionInfo(topic, 0, null, null, null)));
            beginning.put(new TopicPartition(topic, 0), 0L);
        }
        consumer.updateBeginningOffsets(beginning);
        Map<TopicPartition, Long> end = new HashMap<>(beginning);
        end.put(new TopicPartition(Topics.ALERTS.name(), 0), 2L);
        end.put(new TopicPartition(Topics.SOURCES.name(), 0), 1L);
        end.put(new TopicPartition(Topics.INCIDENTS.name(), 0), 1L);
        consumer.updateEndOffsets(end);
        consumer.schedulePollTask(
                () -> {
                    consumer.addRecord(record(Topics.SOURCES, 0, TestRecords.source(T0)));
                    consumer.addRecord(record(Topics.INCIDENTS, 0, incident()));
                    consumer.addRecord(
                            record(Topics.ALERTS, 0, TestRecords.offlineAlert("a1", T0)));
                    consumer.addRecord(
                            record(Topics.ALERTS, 1, TestRecords.offlineAlert("a2", T0)));
                });
        StreamHub hub = new StreamHub(10);
        StreamAccess access = new StreamAccess();
        List<StreamEvent> staff = new ArrayList<>();
        List<StreamEvent> river = new ArrayList<>();
        List<StreamEvent> fire = new ArrayList<>();
        hub.subscribe(recorder(access, STAFF, staff), null);
        hub.subscribe(recorder(access, RIVER, river), null);
        hub.subscribe(recorder(access, FIRE, fire), null);

        // WHEN the stream's reader reads them
        try (StreamReader reader = new StreamReader(() -> consumer, hub, access).start()) {
            assertThat(reader.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        }

        // THEN staff see everything, the source without its devices' password hashes
        assertThat(staff)
                .extracting(StreamEvent::kind)
                .containsExactlyInAnyOrder("source", "incident", "alert", "alert");
        assertThat(staff)
                .filteredOn(e -> e.kind().equals("source"))
                .singleElement()
                .satisfies(e -> assertThat(e.json()).doesNotContain("pbkdf2").contains("********"));
        // AND an agency only its incident and that incident's alert
        assertThat(river)
                .extracting(e -> e.kind() + ":" + (e.alertId() == null ? "" : e.alertId()))
                .containsExactlyInAnyOrder("incident:", "alert:a1");
        assertThat(fire).isEmpty();
    }

    @Test
    void anAlertOrIncidentThatFailsItsChecksIsNeitherProjectedNorStreamed() throws Exception {
        // GIVEN valid JSON that is not a valid alert (no sourceId) or incident event (sequence 0)
        ObjectNode alert = Json.mapper().valueToTree(TestRecords.offlineAlert("bad", T0));
        alert.remove("sourceId");
        ObjectNode incident = Json.mapper().valueToTree(incident());
        incident.put("sequence", 0);
        List<ConsumerRecord<byte[], byte[]>> records =
                List.of(
                        raw(Topics.ALERTS, 0, "bad", Json.mapper().writeValueAsBytes(alert)),
                        raw(Topics.INCIDENTS, 0, "S-1", Json.mapper().writeValueAsBytes(incident)),
                        record(Topics.ALERTS, 1, TestRecords.offlineAlert("good", T0)));

        // WHEN the projection reads them
        ConsoleState state = new ConsoleState();
        try (ProjectionReader projection =
                new ProjectionReader(
                                consumer(
                                        ProjectionReader.TOPICS.stream().map(Topic::name).toList(),
                                        records),
                                state)
                        .start()) {
            assertThat(projection.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        }
        // ... and the stream reads them
        StreamHub hub = new StreamHub(10);
        StreamAccess access = new StreamAccess();
        List<StreamEvent> staff = new ArrayList<>();
        hub.subscribe(recorder(access, STAFF, staff), null);
        long rejected;
        try (StreamReader reader =
                new StreamReader(
                                consumer(List.copyOf(StreamReader.KINDS.keySet()), records),
                                hub,
                                access)
                        .start()) {
            assertThat(reader.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
            rejected = reader.rejected();
        }

        // THEN the projection skips both, and the stream pushes neither, counting them
        assertThat(state.alert("bad")).isEmpty();
        assertThat(state.timeline("S-1")).isEmpty();
        assertThat(state.alert("good")).isPresent();
        assertThat(staff)
                .extracting(e -> e.kind() + ":" + (e.alertId() == null ? "" : e.alertId()))
                .containsExactly("alert:good");
        assertThat(rejected).isEqualTo(2);
        // AND the rejected incident dispatches nobody: an agency sees nothing of it
        assertThat(
                        access.sees(
                                RIVER,
                                new StreamEvent(
                                        new TopicPartition(Topics.INCIDENTS.name(), 0),
                                        0,
                                        "incident",
                                        "{}",
                                        "S-1",
                                        null,
                                        null)))
                .isFalse();
    }

    /** A consumer of partition 0 of these topics, holding {@code records}. */
    private static Supplier<Consumer<byte[], byte[]>> consumer(
            List<String> topics, List<ConsumerRecord<byte[], byte[]>> records) {
        MockConsumer<byte[], byte[]> consumer =
                new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        Map<TopicPartition, Long> beginning = new HashMap<>();
        for (String topic : topics) {
            consumer.updatePartitions(
                    topic, List.of(new PartitionInfo(topic, 0, null, null, null)));
            beginning.put(new TopicPartition(topic, 0), 0L);
        }
        consumer.updateBeginningOffsets(beginning);
        Map<TopicPartition, Long> end = new HashMap<>(beginning);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            end.merge(new TopicPartition(r.topic(), 0), r.offset() + 1, Math::max);
        }
        consumer.updateEndOffsets(end);
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
        return () -> consumer;
    }

    private static ConsumerRecord<byte[], byte[]> raw(
            Topic<String, ?> topic, long offset, String key, byte[] value) {
        return new ConsumerRecord<>(
                topic.name(), 0, offset, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static StreamHub.Client recorder(
            StreamAccess access, SignedInUser user, List<StreamEvent> seen) {
        return new StreamHub.Client() {
            @Override
            public boolean sees(StreamEvent event) {
                boolean sees = access.sees(user, event);
                if (sees) {
                    seen.add(event);
                }
                return sees;
            }

            @Override
            public void send(String message) {}
        };
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

    private static IncidentEvent incident() {
        return new IncidentEvent(
                IncidentEvent.idFor("S-1", 1),
                "S-1",
                1,
                IncidentEvent.Type.DISPATCHED,
                IncidentEvent.State.DISPATCHED,
                1,
                Severity.ALARM,
                IncidentEvent.Category.EXCEEDANCE,
                "S",
                List.of("a1"),
                List.of("river"),
                Actor.SYSTEM,
                null,
                T0,
                null,
                "d");
    }
}
