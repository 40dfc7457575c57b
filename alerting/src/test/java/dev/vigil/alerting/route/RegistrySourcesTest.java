package dev.vigil.alerting.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.GeoPoint;
import dev.vigil.events.Json;
import dev.vigil.events.Place;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The live registry view over a mock consumer: catch-up, edits, tombstones. */
class RegistrySourcesTest {
    private static final String TOPIC = "vigil.sources";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    @SuppressWarnings("deprecation")
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");

    private long offset;

    private static Source source(String id, String area, String group, long version) {
        return new Source(
                id,
                "Source " + id,
                null,
                Source.Kind.WATER,
                new Place(null, new GeoPoint(31.2, 121.4), area, "Harbour Road"),
                List.of(group),
                null,
                null,
                null,
                null,
                null,
                false,
                version,
                Instant.parse("2026-11-22T08:00:00Z"));
    }

    private void add(String key, Source value) {
        consumer.addRecord(
                new ConsumerRecord<>(
                        TOPIC, 0, offset++, key, value == null ? null : Json.toBytes(value)));
    }

    @Test
    void catchesUpWithTheRegistryThenFollowsEditsAndTombstones() throws Exception {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(
                TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        RegistrySources view = new RegistrySources(consumer, TOPIC);

        // GIVEN a registry of two sources, one edited, and an unreadable entry
        consumer.schedulePollTask(
                () -> {
                    add("s1", source("s1", "Riverside", "park", 1));
                    add("s2", source("s2", "Old Town", "none", 1));
                    add("s1", source("s1", "Hillside", "chemical-park", 2));
                    consumer.addRecord(
                            new ConsumerRecord<>(TOPIC, 0, offset++, "bad", new byte[] {'{'}));
                });
        consumer.updateEndOffsets(Map.of(P0, 4L));

        // WHEN the view catches up THEN it holds each source as last edited
        assertThat(view.catchUp(Duration.ofSeconds(10))).isEqualTo(2);
        SourceInfo s1 = view.source("s1");
        assertThat(s1.kind()).isEqualTo("WATER");
        assertThat(s1.area()).isEqualTo("Hillside");
        assertThat(s1.street()).isEqualTo("Harbour Road");
        assertThat(s1.groups()).containsExactly("chemical-park");
        assertThat(s1.lat()).isEqualTo(31.2);
        assertThat(view.source("unknown")).isEqualTo(SourceInfo.unknown("unknown"));

        // WHEN a source is deleted while it runs THEN the view forgets it
        consumer.schedulePollTask(() -> add("s2", null));
        consumer.schedulePollTask(view::stop);
        Thread follower = new Thread(view);
        follower.start();
        follower.join(10_000);
        assertThat(follower.isAlive()).isFalse();
        assertThat(view.source("s2")).isEqualTo(SourceInfo.unknown("s2"));
        assertThat(view.size()).isEqualTo(1);
        assertThat(consumer.closed()).isTrue();
    }
}
