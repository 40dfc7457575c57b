package dev.vigil.console.stream;

import dev.vigil.console.kafka.TopicReader;
import dev.vigil.console.source.SourceRoutes;
import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.source.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push stream's own reader of the topics it pushes: every record becomes one {@link
 * StreamEvent} for the {@link StreamHub}, with the JSON as it came from Kafka (sources masked) and
 * the ids the agency filter needs. A record is streamed only if it binds to its topic's event type,
 * the very check by which the projection ({@link dev.vigil.console.state.ProjectionReader}) accepts
 * or skips it, so browsers are never pushed an event the console's lists do not have; the rest is
 * logged and counted ({@link #rejected()}). Apart from the console's projection thread, so an alert
 * reaches browsers as soon as it is in Kafka whatever the projection of ten topics or a request
 * holding the state is doing.
 */
public final class StreamReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);

    /** The streamed topics and the kind their records are pushed as. */
    static final Map<String, String> KINDS =
            Map.of(
                    Topics.ALERTS.name(), "alert",
                    Topics.INCIDENTS.name(), "incident",
                    Topics.DELIVERIES.name(), "delivery",
                    Topics.SOURCES.name(), "source",
                    Topics.RULES.name(), "rule");

    private final StreamHub hub;
    private final StreamAccess access;
    private final TopicReader reader;
    private final AtomicLong rejected = new AtomicLong();

    public StreamReader(
            Supplier<Consumer<byte[], byte[]>> consumerFactory,
            StreamHub hub,
            StreamAccess access) {
        this.hub = hub;
        this.access = access;
        reader =
                new TopicReader(
                        "console-stream",
                        List.copyOf(KINDS.keySet()),
                        consumerFactory,
                        new TopicReader.Handler() {
                            @Override
                            public void assigned(
                                    Map<TopicPartition, Long> beginning,
                                    Map<TopicPartition, Long> end) {
                                beginning.forEach(
                                        (tp, first) ->
                                                hub.partition(tp, first, end.getOrDefault(tp, 0L)));
                            }

                            @Override
                            public void handle(ConsumerRecord<byte[], byte[]> record) {
                                StreamReader.this.handle(record);
                            }
                        });
    }

    /** Starts the thread. */
    public StreamReader start() {
        reader.start();
        return this;
    }

    /** Waits until what Kafka held at start has been pushed to the hub; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return reader.awaitCaughtUp(timeout);
    }

    /** How many records were not streamed because they do not bind to their topic's type. */
    public long rejected() {
        return rejected.get();
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone of a source or rule: nothing to push
        }
        String kind = KINDS.get(record.topic());
        StreamEvent event;
        try {
            event = event(kind, record);
        } catch (RuntimeException e) {
            long total = rejected.incrementAndGet();
            LOG.warn(
                    "not streaming unreadable or invalid record {}-{}@{} ({} so far): {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    total,
                    e.getMessage());
            return;
        }
        hub.publish(event);
    }

    private StreamEvent event(String kind, ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        long offset = record.offset();
        String json = new String(record.value(), StandardCharsets.UTF_8);
        // Bound as the projection binds it: its type's checks (required fields, ranges) run here.
        switch (kind) {
            case "alert" -> {
                Alert a = Json.fromBytes(record.value(), Topics.ALERTS.valueType());
                return new StreamEvent(partition, offset, kind, json, null, a.alertId(), null);
            }
            case "incident" -> {
                IncidentEvent i = Json.fromBytes(record.value(), Topics.INCIDENTS.valueType());
                // Learned before the event is pushed, so an agency sees its own dispatch.
                access.incidentEvent(i.incidentId(), i.sequence(), i.alertIds(), i.agencyIds());
                return new StreamEvent(partition, offset, kind, json, i.incidentId(), null, null);
            }
            case "delivery" -> {
                Delivery d = Json.fromBytes(record.value(), Topics.DELIVERIES.valueType());
                return new StreamEvent(
                        partition, offset, kind, json, d.incidentId(), null, d.agencyId());
            }
            case "source" -> {
                // Never the devices' password hashes.
                Source source = Json.fromBytes(record.value(), Topics.SOURCES.valueType());
                String masked =
                        new String(
                                Json.toBytes(SourceRoutes.masked(source)), StandardCharsets.UTF_8);
                return new StreamEvent(partition, offset, kind, masked, null, null, null);
            }
            default -> {
                Json.fromBytes(record.value(), Topics.RULES.valueType());
                return new StreamEvent(partition, offset, kind, json, null, null, null);
            }
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
