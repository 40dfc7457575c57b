package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.alerting.Alerting;
import dev.vigil.alerting.AlertingConfig;
import dev.vigil.alerting.channel.WebhookSigner;
import dev.vigil.alerting.channel.WebhookVerifier;
import dev.vigil.alerting.delivery.DeliverySettings;
import dev.vigil.alerting.delivery.RetryPolicy;
import dev.vigil.alerting.route.Agency;
import dev.vigil.alerting.route.Endpoint;
import dev.vigil.alerting.route.FileAgencyDirectory;
import dev.vigil.alerting.route.RoutingRule;
import dev.vigil.embedded.TopicSpec;
import dev.vigil.embedded.junit.FlinkExtension;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Json;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.Topic;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.incident.IncidentEvent.Type;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.JobsConfig;
import dev.vigil.jobs.incident.IncidentConfig;
import dev.vigil.jobs.incident.IncidentJob;
import dev.vigil.jobs.incident.IncidentKeys;
import dev.vigil.jobs.influx.InfluxSinkConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dispatch loop across modules, each part real: the incident job on a Flink MiniCluster, Kafka,
 * the alerting service and an agency's HTTP receiver that checks signatures with the example
 * verifier. An alert becomes an incident, an operator dispatches it, the agency receives a signed
 * webhook and acknowledges through the agencies' API, and the incident records it; an agency whose
 * receiver stays down past the retry budget shows up as DELIVERY_FAILED on the incident's timeline.
 */
class IncidentDispatchIT {

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

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String SECRET = "river-hmac-secret";
    private static final String RIVER = "river-patrol";
    private static final String DOWN = "chem-inspectorate";
    private static final Actor OPERATOR = new Actor("olga", Actor.Role.OPERATOR, null);

    /** One request the agencies' receiver got, with the example verifier's verdict on it. */
    record Received(String path, String deliveryId, WebhookVerifier.Verdict verdict, byte[] body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final WebhookVerifier verifier = new WebhookVerifier(SECRET);
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // the river patrol's receiver verifies each request as the example verifier says
        receiver.createContext(
                "/river",
                ex -> {
                    byte[] body = ex.getRequestBody().readAllBytes();
                    var h = ex.getRequestHeaders();
                    WebhookVerifier.Verdict verdict =
                            verifier.verify(
                                    h.getFirst(WebhookSigner.ID_HEADER),
                                    h.getFirst(WebhookSigner.TIMESTAMP_HEADER),
                                    h.getFirst(WebhookSigner.SIGNATURE_HEADER),
                                    body);
                    received.add(
                            new Received(
                                    "/river", h.getFirst(WebhookSigner.ID_HEADER), verdict, body));
                    boolean accepted =
                            verdict == WebhookVerifier.Verdict.OK
                                    || verdict == WebhookVerifier.Verdict.REPLAYED;
                    ex.sendResponseHeaders(accepted ? 200 : 401, -1);
                    ex.close();
                });
        // the inspectorate's receiver is down for good
        receiver.createContext(
                "/down",
                ex -> {
                    ex.getRequestBody().readAllBytes();
                    received.add(new Received("/down", null, null, new byte[0]));
                    ex.sendResponseHeaders(503, -1);
                    ex.close();
                });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void anAlertIsDispatchedSignedAcknowledgedByTheAgencyAndAFailedDeliveryIsOnTheTimeline()
            throws Exception {
        Instant now = Instant.now();
        Alert paper = exceedance("a-paper-cod", "src-paper", now);
        Alert chem = exceedance("a-chem-so2", "src-chem", now);
        String paperIncident = IncidentKeys.incidentId(paper);
        String chemIncident = IncidentKeys.incidentId(chem);

        try (KafkaProducer<String, byte[]> producer = producer()) {
            // GIVEN two registered sources, the chemical plant in the group the inspectorate's
            // rule names, and an exceedance at each
            send(producer, Topics.SOURCES, source("src-paper", "river-basin"));
            send(producer, Topics.SOURCES, source("src-chem", "chemical-park"));
            producer.flush();
            send(producer, Topics.ALERTS, paper);
            send(producer, Topics.ALERTS, chem);
            producer.flush();

            // WHEN the incident job and the alerting service run
            JobClient job =
                    IncidentJob.submit(FLINK.environment(), jobsConfig(), IncidentConfig.DEFAULTS);
            try (Alerting alerting = alerting()) {
                // THEN the paper mill's alert is an open incident, which an operator dispatches
                // to the river patrol
                await(e -> has(e, paperIncident, Type.OPENED), "incident at the paper mill");
                send(producer, Topics.COMMANDS, command("c-ack", paperIncident, null));
                send(producer, Topics.COMMANDS, command("c-dispatch", paperIncident, RIVER));
                producer.flush();

                // AND the river patrol receives the dispatch as a webhook whose signature the
                // example verifier accepts
                Received dispatch =
                        awaitValue(
                                () ->
                                        received.stream()
                                                .filter(r -> r.path().equals("/river"))
                                                .findFirst()
                                                .orElse(null),
                                "a webhook at the river patrol");
                assertThat(dispatch.verdict()).isEqualTo(WebhookVerifier.Verdict.OK);
                JsonNode body = Json.mapper().readTree(dispatch.body());
                assertThat(body.path("deliveryId").asText()).isEqualTo(dispatch.deliveryId());
                assertThat(body.path("agencyId").asText()).isEqualTo(RIVER);
                assertThat(body.path("incident").path("incidentId").asText())
                        .isEqualTo(paperIncident);
                assertThat(body.path("incident").path("type").asText()).isEqualTo("DISPATCHED");
                assertThat(body.path("incident").path("category").asText()).isEqualTo("EXCEEDANCE");

                // WHEN the river patrol acknowledges through the agencies' API, which listens on
                // a port of its own here
                assertThat(alerting.inboundPort()).isNotEqualTo(alerting.httpPort());
                HttpResponse<String> ack =
                        HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://127.0.0.1:"
                                                                        + alerting.inboundPort()
                                                                        + "/agency/v1/incidents/"
                                                                        + paperIncident
                                                                        + "/acknowledge"))
                                                .header("X-Api-Key", "key-river")
                                                .POST(
                                                        HttpRequest.BodyPublishers.ofString(
                                                                "{\"userId\":\"officer-7\"}"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString());
                assertThat(ack.statusCode()).isEqualTo(202);

                // THEN the incident records the agency's acknowledgement
                List<IncidentEvent> events =
                        await(
                                e -> has(e, paperIncident, Type.AGENCY_ACKNOWLEDGED),
                                "AGENCY_ACKNOWLEDGED");
                IncidentEvent acknowledged = first(events, paperIncident, Type.AGENCY_ACKNOWLEDGED);
                assertThat(acknowledged.actor().agencyId()).isEqualTo(RIVER);
                assertThat(acknowledged.actor().userId()).isEqualTo("officer-7");
                assertThat(of(events, paperIncident))
                        .extracting(IncidentEvent::type)
                        .containsExactly(
                                Type.OPENED,
                                Type.STATE_CHANGED,
                                Type.DISPATCHED,
                                Type.AGENCY_ACKNOWLEDGED);

                // AND the chemical plant's incident, routed to the inspectorate by the registry's
                // group, could not be delivered within the budget: one DELIVERY_FAILED with the
                // agency and the reason, on a contiguous timeline
                events =
                        await(
                                e -> has(e, chemIncident, Type.DELIVERY_FAILED),
                                "DELIVERY_FAILED at the chemical plant");
                assertThat(received.stream().filter(r -> r.path().equals("/down")).count())
                        .isGreaterThan(1);
                List<IncidentEvent> chemTimeline = of(events, chemIncident);
                assertThat(chemTimeline)
                        .extracting(IncidentEvent::type)
                        .containsExactly(Type.OPENED, Type.DELIVERY_FAILED);
                assertThat(chemTimeline)
                        .extracting(IncidentEvent::sequence)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 2).boxed().toList());
                assertThat(chemTimeline.get(1).detail())
                        .contains(DOWN, "WEBHOOK", "retry budget spent");
                List<Delivery> deadLettered =
                        readAll(Topics.DELIVERIES, Delivery.class).stream()
                                .filter(d -> d.incidentId().equals(chemIncident))
                                .filter(d -> d.outcome() == Delivery.Outcome.DEAD_LETTERED)
                                .toList();
                assertThat(deadLettered).extracting(Delivery::agencyId).containsOnly(DOWN);
                assertThat(chemTimeline.get(1).detail()).contains(deadLettered.get(0).deliveryId());
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private Alerting alerting() {
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        FileAgencyDirectory directory =
                new FileAgencyDirectory(
                        new FileAgencyDirectory.Contents(
                                List.of(
                                        new Agency(
                                                RIVER,
                                                "River patrol",
                                                "key-river",
                                                List.of(
                                                        new Endpoint(
                                                                Delivery.Channel.WEBHOOK,
                                                                base + "/river",
                                                                SECRET,
                                                                null,
                                                                null))),
                                        new Agency(
                                                DOWN,
                                                "Chemical inspectorate",
                                                "key-chem",
                                                List.of(
                                                        new Endpoint(
                                                                Delivery.Channel.WEBHOOK,
                                                                base + "/down",
                                                                "other-secret",
                                                                null,
                                                                null)))),
                                List.of(
                                        new RoutingRule(
                                                "chemical-park-exceedances",
                                                DOWN,
                                                null,
                                                List.of(IncidentEvent.Category.EXCEEDANCE),
                                                null,
                                                Severity.ALARM,
                                                null,
                                                null,
                                                List.of("chemical-park"),
                                                null,
                                                null))));
        DeliverySettings settings =
                new DeliverySettings(
                        null,
                        new RetryPolicy(
                                1000,
                                Duration.ofMillis(100),
                                Duration.ofMillis(400),
                                1.0,
                                Duration.ofSeconds(2)),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        "vigil@it",
                        0.5,
                        ZoneOffset.UTC,
                        4,
                        "/agency/v1",
                        0);
        return new Alerting(
                        new AlertingConfig(
                                KAFKA.bootstrapServers(), "incident-dispatch-it", "127.0.0.1", 0),
                        settings,
                        directory)
                .start();
    }

    private static JobsConfig jobsConfig() {
        return new JobsConfig(
                KAFKA.bootstrapServers(),
                new InfluxSinkConfig(
                        "http://localhost:8086", "vigil", null, null, 100, Duration.ofMillis(100)),
                Duration.ofMillis(500),
                FlinkExtension.PARALLELISM);
    }

    private static Source source(String id, String group) {
        return new Source(
                id,
                "Source " + id,
                null,
                Source.Kind.WATER,
                new Place(null, new GeoPoint(31.2, 121.4), "Riverside", "Harbour Road"),
                List.of(group),
                null,
                null,
                null,
                null,
                null,
                false,
                1,
                Instant.now());
    }

    private static Alert exceedance(String id, String sourceId, Instant at) {
        return new Alert(
                id,
                Alert.Type.HOURLY_EXCEEDANCE,
                Severity.ALARM,
                Alert.State.FIRING,
                sourceId,
                "WS-01",
                "w01018",
                null,
                63.2,
                50.0,
                null,
                null,
                null,
                List.of(),
                at,
                at.plusSeconds(5),
                false,
                false,
                "COD hourly average 63.2 mg/L over the permit's 50");
    }

    /** The operator's acknowledgement ({@code agency} null) or dispatch to {@code agency}. */
    private static Command command(String id, String incidentId, String agency) {
        return new Command(
                id,
                incidentId,
                agency == null ? Command.Type.ACKNOWLEDGE : Command.Type.DISPATCH,
                OPERATOR,
                Instant.now(),
                agency == null ? List.of() : List.of(agency),
                null,
                null,
                null,
                null);
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
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, Topics.INCIDENTS.name());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    events.add(Json.fromBytes(r.value(), IncidentEvent.class));
                }
                if (done.test(events)) {
                    return events;
                }
            }
        }
        throw new AssertionError("within " + PATIENCE + " no " + what + "; got " + events);
    }

    /** Everything on {@code topic} up to its current end. */
    private static <V> List<V> readAll(Topic<String, V> topic, Class<V> type) {
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic.name());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(Json.fromBytes(r.value(), type));
                }
            }
        }
        return out;
    }

    private static <T> T awaitValue(Supplier<T> value, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("within " + PATIENCE + " no " + what);
    }

    private static List<TopicPartition> partitions(
            KafkaConsumer<String, byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KAFKA.bootstrapServers(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
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
