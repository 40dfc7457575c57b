package dev.vigil.console.it;

import dev.vigil.embedded.TopicSpec;
import dev.vigil.events.DataKind;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Json;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.Topic;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Records the console's tests publish, and a producer for them. */
final class Records implements AutoCloseable {

    /** Vigil's topics as these tests create them: compacted ones with 2 partitions, others 3. */
    static List<TopicSpec> topics() {
        return Topics.all().stream()
                .map(
                        t ->
                                t.compacted()
                                        ? TopicSpec.compacted(t.name(), 2)
                                        : TopicSpec.of(t.name(), 3))
                .toList();
    }

    private final KafkaProducer<String, byte[]> producer;

    Records(String bootstrap) {
        producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                        new StringSerializer(),
                        new ByteArraySerializer());
    }

    <V> void publish(Topic<String, V> topic, V value) {
        try {
            producer.send(
                            new ProducerRecord<>(
                                    topic.name(), topic.keyOf(value), Json.toBytes(value)))
                    .get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Publishes bytes as they are, for records that are not what their topic's type allows. */
    void publishRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static IncidentEvent incident(
            String id,
            long sequence,
            IncidentEvent.Type type,
            IncidentEvent.State state,
            int priority,
            String sourceId,
            List<String> alertIds,
            List<String> agencies,
            Actor actor,
            Instant at,
            String detail) {
        return new IncidentEvent(
                IncidentEvent.idFor(id, sequence),
                id,
                sequence,
                type,
                state,
                priority,
                Severity.ALARM,
                IncidentEvent.Category.EXCEEDANCE,
                sourceId,
                alertIds,
                agencies,
                actor,
                null,
                at,
                null,
                detail);
    }

    static Alert alert(String id, String sourceId, Alert.Type type, Alert.State state, Instant at) {
        return new Alert(
                id,
                type,
                Severity.ALARM,
                state,
                sourceId,
                null,
                "w01018",
                null,
                120.0,
                100.0,
                null,
                null,
                DataKind.HOURLY,
                List.of(),
                at,
                at,
                false,
                false,
                "test alert " + id);
    }

    static Source source(String id, double limit) {
        return new Source(
                id,
                "Source " + id,
                "Enterprise",
                Source.Kind.WATER,
                new Place("1 Road", new GeoPoint(31, 121), "Area", "Street"),
                List.of("g1"),
                List.of(new Outlet("WS-01", "outfall 1", Outlet.Kind.WASTEWATER)),
                List.of(
                        new Device(
                                "MN-" + id,
                                "WS-01",
                                ProtocolVersion.HJ212_2017,
                                Device.hashPassword("MN-" + id, "123456"),
                                Duration.ofSeconds(30),
                                Duration.ofMinutes(10))),
                List.of(),
                List.of(new PermitLimit("WS-01", "w01018", limit, "mg/L", DataKind.HOURLY)),
                List.of(),
                false,
                1,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public void close() {
        producer.close();
    }
}
