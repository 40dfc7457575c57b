package dev.vigil.alerting.delivery;

import dev.vigil.events.Json;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.IncidentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the dispatcher after a restart from Kafka alone: every record of {@code
 * vigil.deliveries} (the last outcome per delivery id tells what is still pending) and every event
 * of {@code vigil.incidents} (the content to send, and each incident as it stands). Both are read
 * from the beginning to the end offsets seen at start-up, without a consumer group.
 */
public final class DeliveryLog {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);

    private DeliveryLog() {}

    /** Reads both topics and restores {@code dispatcher}. */
    public static void restore(
            org.apache.kafka.clients.consumer.Consumer<String, byte[]> reader,
            String deliveriesTopic,
            String incidentsTopic,
            Dispatcher dispatcher) {
        List<Delivery> deliveries = new ArrayList<>();
        readAll(
                reader,
                deliveriesTopic,
                r -> deliveries.add(Json.fromBytes(r.value(), Delivery.class)));
        java.util.Set<String> wantedEvents = new java.util.HashSet<>();
        java.util.Set<String> wantedIncidents = new java.util.HashSet<>();
        deliveries.forEach(
                d -> {
                    wantedEvents.add(d.incidentEventId());
                    wantedIncidents.add(d.incidentId());
                });
        Map<String, IncidentEvent> byId = new HashMap<>();
        Map<String, IncidentEvent> newest = new HashMap<>();
        readAll(
                reader,
                incidentsTopic,
                r -> {
                    IncidentEvent e = Json.fromBytes(r.value(), IncidentEvent.class);
                    if (wantedEvents.contains(e.eventId())) {
                        byId.put(e.eventId(), e);
                    }
                    // the incident as agencies last saw it: events for operators only do not count
                    if (wantedIncidents.contains(e.incidentId()) && Dispatcher.forAgencies(e)) {
                        newest.merge(
                                e.incidentId(), e, (a, b) -> a.sequence() >= b.sequence() ? a : b);
                    }
                });
        dispatcher.restore(deliveries, byId, List.copyOf(newest.values()));
    }

    private static void readAll(
            org.apache.kafka.clients.consumer.Consumer<String, byte[]> reader,
            String topic,
            Consumer<ConsumerRecord<String, byte[]>> sink) {
        List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(30));
        List<TopicPartition> partitions =
                infos == null
                        ? List.of()
                        : infos.stream()
                                .map(p -> new TopicPartition(topic, p.partition()))
                                .collect(Collectors.toList());
        if (partitions.isEmpty()) {
            return;
        }
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(30));
        int skipped = 0;
        while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
            for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(500))) {
                if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                    continue;
                }
                try {
                    if (r.value() != null) {
                        sink.accept(r);
                    }
                } catch (RuntimeException e) {
                    skipped++;
                }
            }
        }
        if (skipped > 0) {
            LOG.warn("{} unreadable records in {} ignored while restoring", skipped, topic);
        }
        reader.unsubscribe();
    }
}
