package dev.vigil.jobs.incident;

import static dev.vigil.jobs.incident.IncidentFixtures.AGENCY;
import static dev.vigil.jobs.incident.IncidentFixtures.AGENT;
import static dev.vigil.jobs.incident.IncidentFixtures.OPERATOR;
import static dev.vigil.jobs.incident.IncidentFixtures.alert;
import static dev.vigil.jobs.incident.IncidentFixtures.command;
import static dev.vigil.jobs.incident.IncidentFixtures.delivery;
import static dev.vigil.jobs.incident.IncidentFixtures.dispatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.embedded.TopicSpec;
import dev.vigil.embedded.junit.FlinkExtension;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.Json;
import dev.vigil.events.Severity;
import dev.vigil.events.Topic;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.incident.IncidentEvent.Type;
import dev.vigil.jobs.JobsConfig;
import dev.vigil.jobs.influx.InfluxSinkConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The incident job end to end at parallelism 2 on real Kafka and Flink: corroborating evidence
 * becomes one incident of raised priority, commands run its lifecycle (an illegal one rejected),
 * short deadlines escalate and breach an agency's SLA, dead-lettered deliveries join the timeline
 * once each, and {@code vigil.incidents} alone gives a contiguous timeline.
 */
class IncidentJobIT {

    @RegisterExtension
    static final KafkaExtension KAFKA =
            new KafkaExtension()
                    .withTopics(
                            TopicSpec.of(Topics.ALERTS.name(), 2),
                            TopicSpec.of(Topics.COMMANDS.name(), 2),
                            TopicSpec.compacted(Topics.SOURCES.name(), 1),
                            TopicSpec.of(Topics.INCIDENTS.name(), 2),
                            TopicSpec.of(Topics.DELIVERIES.name(), 2),
                            TopicSpec.of(Topics.DEAD_LETTER.name(), 1));

    @RegisterExtension static final FlinkExtension FLINK = new FlinkExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String QUIET_SOURCE = "src-quarry";

    @Test
    void evidenceBecomesOneIncidentWhoseLifecycleAndDeadlinesRunFromKafka() throws Exception {
        Instant now = Instant.now();
        Alert exceedance = alert("a-cod", Alert.Type.HOURLY_EXCEEDANCE, Severity.ALARM, now);
        Alert smoke = alert("a-smoke", Alert.Type.VIDEO, Severity.WARNING, now.plusSeconds(120));
        Alert complaint =
                alert("a-complaint", Alert.Type.COMPLAINT, Severity.WARNING, now.plusSeconds(300));
        Alert severe =
                alert(QUIET_SOURCE, "a-dust", Alert.Type.THRESHOLD, Severity.SEVERE, now, false);
        String id = IncidentKeys.incidentId(exceedance);
        String quietId = IncidentKeys.incidentId(severe);

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, Topics.SOURCES, IncidentFixtures.source());
            // GIVEN an exceedance, video smoke and a complaint at one source (one redelivered),
            // and a SEVERE alert at another source that nobody acknowledges
            for (Alert a : List.of(exceedance, smoke, exceedance, complaint, severe)) {
                send(producer, Topics.ALERTS, a);
            }
            producer.flush();

            // WHEN the job runs with seconds-long deadlines
            JobClient job = IncidentJob.submit(FLINK.environment(), jobsConfig(), config());
            try {
                // THEN the three alerts are one incident with priority ALARM (3) + 2
                List<IncidentEvent> events =
                        await(
                                e -> of(e, id).stream().anyMatch(x -> x.alertIds().size() == 3),
                                "incident with three alerts");
                IncidentEvent grouped =
                        of(events, id).stream()
                                .filter(x -> x.alertIds().size() == 3)
                                .findFirst()
                                .orElseThrow();
                assertThat(grouped.priority()).isEqualTo(5);
                assertThat(grouped.category()).isEqualTo(IncidentEvent.Category.EXCEEDANCE);
                assertThat(grouped.alertIds()).containsExactly("a-cod", "a-smoke", "a-complaint");

                // WHEN it is acknowledged, dispatched, closed too early, acknowledged by the
                // agency which then never reports back
                for (Command c :
                        List.of(
                                command("c-ack", id, Command.Type.ACKNOWLEDGE, OPERATOR),
                                dispatch("c-dispatch", id, AGENCY),
                                command("c-close", id, Command.Type.CLOSE, OPERATOR),
                                command("c-agency-ack", id, Command.Type.ACKNOWLEDGE, AGENT))) {
                    send(producer, Topics.COMMANDS, c);
                }
                producer.flush();

                // THEN the close is rejected with its reason, the agency breaches its SLA, and
                // the unacknowledged SEVERE incident escalated
                events =
                        await(
                                e ->
                                        has(e, id, Type.SLA_BREACHED)
                                                && has(e, quietId, Type.ESCALATED),
                                "SLA breach and escalation");
                IncidentEvent rejected = first(events, id, Type.COMMAND_REJECTED);
                assertThat(rejected.commandId()).isEqualTo("c-close");
                assertThat(rejected.detail()).contains("CLOSE is not allowed in state DISPATCHED");
                assertThat(first(events, id, Type.SLA_BREACHED).detail()).contains(AGENCY);
                assertThat(first(events, quietId, Type.ESCALATED).detail())
                        .contains("not acknowledged");
                assertThat(first(events, id, Type.DISPATCHED).state())
                        .isEqualTo(IncidentEvent.State.DISPATCHED);

                // AND each timeline read back from vigil.incidents is contiguous from 1
                for (String incident : List.of(id, quietId)) {
                    List<Long> sequences =
                            of(events, incident).stream()
                                    .map(IncidentEvent::sequence)
                                    .collect(Collectors.toList());
                    assertThat(sequences)
                            .containsExactlyElementsOf(
                                    LongStream.rangeClosed(1, sequences.size()).boxed().toList());
                }
                assertThat(of(events, id))
                        .extracting(IncidentEvent::type)
                        .containsExactly(
                                Type.OPENED,
                                Type.ALERT_ATTACHED,
                                Type.ALERT_ATTACHED,
                                Type.STATE_CHANGED,
                                Type.DISPATCHED,
                                Type.COMMAND_REJECTED,
                                Type.AGENCY_ACKNOWLEDGED,
                                Type.SLA_BREACHED,
                                Type.ESCALATED);

                // WHEN alerting dead-letters a delivery of it (its outcome published twice, as
                // after an alerting restart), then a second one; all on one partition, in order
                for (Delivery d :
                        List.of(
                                delivery("d-1", id, AGENCY, Delivery.Outcome.RETRYING),
                                delivery("d-1", id, AGENCY, Delivery.Outcome.DEAD_LETTERED),
                                delivery("d-1", id, AGENCY, Delivery.Outcome.DEAD_LETTERED),
                                delivery("d-2", id, AGENCY, Delivery.Outcome.DEAD_LETTERED))) {
                    send(producer, Topics.DELIVERIES, d);
                }
                producer.flush();

                // THEN each dead-lettered delivery id is one DELIVERY_FAILED event with the
                // agency and the reason, continuing the contiguous timeline
                events =
                        await(
                                e ->
                                        of(e, id).stream()
                                                .anyMatch(
                                                        x ->
                                                                x.type() == Type.DELIVERY_FAILED
                                                                        && x.detail()
                                                                                .contains("d-2")),
                                "DELIVERY_FAILED for d-2");
                List<IncidentEvent> failed =
                        of(events, id).stream()
                                .filter(x -> x.type() == Type.DELIVERY_FAILED)
                                .toList();
                assertThat(failed).hasSize(2);
                assertThat(failed.get(0).detail())
                        .contains(AGENCY, "WEBHOOK", "retry budget spent", "d-1");
                assertThat(of(events, id))
                        .extracting(IncidentEvent::sequence)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 11).boxed().toList());
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static IncidentConfig config() {
        Map<Severity, Duration> ack = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            ack.put(s, Duration.ofMinutes(10));
        }
        ack.put(Severity.SEVERE, Duration.ofSeconds(3));
        return new IncidentConfig(
                Duration.ofMinutes(30), ack, Duration.ofSeconds(4), Duration.ofMinutes(5));
    }

    private static JobsConfig jobsConfig() {
        return new JobsConfig(
                KAFKA.bootstrapServers(),
                new InfluxSinkConfig(
                        "http://localhost:8086", "vigil", null, null, 100, Duration.ofMillis(100)),
                Duration.ofMillis(500),
                FlinkExtension.PARALLELISM);
    }

    /** One incident's events, deduplicated by event id as consumers do, in sequence order. */
    private static List<IncidentEvent> of(List<IncidentEvent> all, String incidentId) {
        Map<String, IncidentEvent> unique = new LinkedHashMap<>();
        all.stream()
                .filter(e -> e.incidentId().equals(incidentId))
                .forEach(e -> unique.putIfAbsent(e.eventId(), e));
        return unique.values().stream()
                .sorted(Comparator.comparingLong(IncidentEvent::sequence))
                .toList();
    }

    private static boolean has(List<IncidentEvent> all, String incidentId, Type type) {
        return of(all, incidentId).stream().anyMatch(e -> e.type() == type);
    }

    private static IncidentEvent first(List<IncidentEvent> all, String incidentId, Type type) {
        return of(all, incidentId).stream()
                .filter(e -> e.type() == type)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " for " + incidentId));
    }

    /** Reads {@code vigil.incidents} from its beginning until {@code done} holds. */
    private static List<IncidentEvent> await(Predicate<List<IncidentEvent>> done, String what) {
        List<IncidentEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.INCIDENTS.name()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    IncidentEvent event = Json.fromBytes(r.value(), IncidentEvent.class);
                    assertThat(r.key()).isEqualTo(event.incidentId());
                    events.add(event);
                }
                if (done.test(events)) {
                    return events;
                }
            }
        }
        throw new AssertionError("within " + PATIENCE + " no " + what + "; got " + events);
    }

    private static <V> void send(
            KafkaProducer<String, byte[]> producer, Topic<String, V> topic, V value) {
        producer.send(new ProducerRecord<>(topic.name(), topic.keyOf(value), Json.toBytes(value)));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }
}
