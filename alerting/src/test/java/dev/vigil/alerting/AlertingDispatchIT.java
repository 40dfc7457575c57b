package dev.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.alerting.channel.WebhookSigner;
import dev.vigil.alerting.channel.WebhookVerifier;
import dev.vigil.alerting.delivery.DeliverySettings;
import dev.vigil.alerting.delivery.RetryPolicy;
import dev.vigil.alerting.route.Agency;
import dev.vigil.alerting.route.Endpoint;
import dev.vigil.alerting.route.FileAgencyDirectory;
import dev.vigil.alerting.route.RoutingRule;
import dev.vigil.embedded.TopicSpec;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Json;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.delivery.Delivery;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent;
import dev.vigil.events.incident.IncidentEvent.State;
import dev.vigil.events.incident.IncidentEvent.Type;
import dev.vigil.events.source.Source;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dispatch loop end to end: real Kafka, a real HTTP receiver, the alerting service. */
class AlertingDispatchIT {
    private static final String SECRET = "it-secret";

    @RegisterExtension
    static final KafkaExtension KAFKA =
            new KafkaExtension()
                    .withTopics(
                            TopicSpec.of(Topics.INCIDENTS.name(), 2),
                            TopicSpec.compacted(Topics.SOURCES.name(), 1),
                            TopicSpec.of(Topics.DELIVERIES.name(), 2),
                            TopicSpec.of(Topics.COMMANDS.name(), 1),
                            TopicSpec.of(Topics.DEAD_LETTER.name(), 1));

    /** One request the receiver got. */
    record Received(String path, String id, String ts, String sig, byte[] body, int status) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger FLAKY_FAILURES_LEFT = new AtomicInteger(3);
    private static final AtomicBoolean RESTART_RECEIVER_UP = new AtomicBoolean(false);
    private static HttpServer receiver;
    private static FileAgencyDirectory directory;

    @BeforeAll
    static void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String path : List.of("/ok", "/cap", "/flaky", "/down", "/restart")) {
            receiver.createContext(
                    path,
                    ex -> {
                        byte[] body = ex.getRequestBody().readAllBytes();
                        int status =
                                switch (path) {
                                    case "/flaky" ->
                                            FLAKY_FAILURES_LEFT.getAndDecrement() > 0 ? 503 : 200;
                                    case "/down" -> 503;
                                    case "/restart" -> RESTART_RECEIVER_UP.get() ? 200 : 503;
                                    default -> 200;
                                };
                        var h = ex.getRequestHeaders();
                        RECEIVED.add(
                                new Received(
                                        path,
                                        h.getFirst(WebhookSigner.ID_HEADER),
                                        h.getFirst(WebhookSigner.TIMESTAMP_HEADER),
                                        h.getFirst(WebhookSigner.SIGNATURE_HEADER),
                                        body,
                                        status));
                        ex.sendResponseHeaders(status, -1);
                        ex.close();
                    });
        }
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        List<Agency> agencies = new ArrayList<>();
        List<RoutingRule> rules = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (String name : List.of("ok", "flaky", "down", "restart")) {
            agencies.add(
                    new Agency(
                            name,
                            name,
                            "key-" + name,
                            List.of(
                                    new Endpoint(
                                            Delivery.Channel.WEBHOOK,
                                            base + "/" + name,
                                            SECRET,
                                            null,
                                            null))));
            rules.add(
                    new RoutingRule(
                            "to-" + name,
                            name,
                            null,
                            null,
                            null,
                            Severity.ALARM,
                            null,
                            null,
                            List.of(name),
                            null,
                            null));
            sources.add(
                    new Source(
                            "src-" + name,
                            "Source " + name,
                            null,
                            Source.Kind.AIR,
                            new Place(
                                    null, new GeoPoint(31.23, 121.47), "Riverside", "Harbour Road"),
                            List.of(name),
                            null,
                            null,
                            null,
                            null,
                            null,
                            false,
                            1,
                            Instant.now()));
        }
        agencies.add(
                new Agency(
                        "city",
                        "City command",
                        "key-city",
                        List.of(
                                new Endpoint(
                                        Delivery.Channel.CAP, base + "/cap", null, null, null))));
        rules.add(
                new RoutingRule(
                        "upward",
                        "city",
                        null,
                        null,
                        null,
                        Severity.SEVERE,
                        null,
                        null,
                        List.of("ok"),
                        null,
                        null));
        directory = new FileAgencyDirectory(new FileAgencyDirectory.Contents(agencies, rules));
        // the routing groups come from the source registry, as environmental staff keep it
        try (KafkaProducer<String, byte[]> p =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (Source source : sources) {
                p.send(
                                new ProducerRecord<>(
                                        Topics.SOURCES.name(),
                                        source.sourceId(),
                                        Json.toBytes(source)))
                        .get();
            }
        }
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    private static Alerting alerting(Duration deadline) {
        DeliverySettings d = DeliverySettings.defaults(Path.of("unused"));
        DeliverySettings settings =
                new DeliverySettings(
                        null,
                        new RetryPolicy(
                                1000,
                                Duration.ofMillis(100),
                                Duration.ofMillis(400),
                                1.0,
                                deadline),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        "vigil@it",
                        0.5,
                        ZoneOffset.UTC,
                        4,
                        d.inboundPath());
        return new Alerting(
                        new AlertingConfig(
                                KAFKA.bootstrapServers(), "alerting-dispatch-it", "127.0.0.1", 0),
                        settings,
                        directory)
                .start();
    }

    private static IncidentEvent event(
            String incidentId, String source, long seq, Type type, State state, Severity severity) {
        return new IncidentEvent(
                IncidentEvent.idFor(incidentId, seq),
                incidentId,
                seq,
                type,
                state,
                2,
                severity,
                IncidentEvent.Category.EXCEEDANCE,
                source,
                List.of("a-" + seq),
                List.of(),
                null,
                null,
                Instant.now(),
                null,
                null);
    }

    private static void publish(List<IncidentEvent> events) throws Exception {
        try (KafkaProducer<String, byte[]> p =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (IncidentEvent e : events) {
                p.send(
                                new ProducerRecord<>(
                                        Topics.INCIDENTS.name(), e.incidentId(), Json.toBytes(e)))
                        .get();
            }
        }
    }

    private static <T> List<T> readAll(String topic, Class<T> type) {
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "reader-" + System.nanoTime(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            List<T> out = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            int empty = 0;
            while (System.nanoTime() < until && empty < 3) {
                var records = c.poll(Duration.ofMillis(500));
                if (records.isEmpty() && !out.isEmpty()) {
                    empty++;
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    out.add(Json.fromBytes(r.value(), type));
                }
            }
            return out;
        }
    }

    private static List<Delivery> deliveriesOf(String incidentId) {
        return readAll(Topics.DELIVERIES.name(), Delivery.class).stream()
                .filter(d -> d.incidentId().equals(incidentId))
                .toList();
    }

    private static List<Received> at(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void oneDispatchCoalescedUpdatesAndACancelSignedAndInCap() throws Exception {
        List<IncidentEvent> events = new ArrayList<>();
        events.add(event("inc-ok", "src-ok", 1, Type.OPENED, State.OPEN, Severity.SEVERE));
        for (int seq = 2; seq <= 31; seq++) {
            events.add(
                    event(
                            "inc-ok",
                            "src-ok",
                            seq,
                            Type.ALERT_ATTACHED,
                            State.OPEN,
                            Severity.SEVERE));
        }
        events.add(event("inc-ok", "src-ok", 32, Type.CLOSED, State.CLOSED, Severity.SEVERE));
        try (Alerting alerting = alerting(Duration.ofSeconds(20))) {
            publish(events);
            awaitUntil(
                    () ->
                            at("/ok").stream().anyMatch(r -> r.text().contains("\"CANCEL\""))
                                    && at("/cap").stream()
                                            .anyMatch(
                                                    r ->
                                                            r.text()
                                                                    .contains(
                                                                            "<msgType>Cancel</msgType>")));

            // THEN the agency got one alert, a bounded number of updates and one cancel, in order
            List<Received> ok = at("/ok");
            assertThat(ok.get(0).text()).contains("\"messageType\":\"ALERT\"");
            assertThat(ok.get(ok.size() - 1).text()).contains("\"messageType\":\"CANCEL\"");
            assertThat(ok.size() - 2).isBetween(1, 3);
            assertThat(ok.subList(1, ok.size() - 1)).allMatch(r -> r.text().contains("\"UPDATE\""));
            assertThat(ok).extracting(Received::id).doesNotHaveDuplicates();

            // AND every signature verifies with the example verifier, and a replay is rejected
            WebhookVerifier verifier = new WebhookVerifier(SECRET);
            for (Received r : ok) {
                assertThat(verifier.verify(r.id(), r.ts(), r.sig(), r.body()))
                        .isEqualTo(WebhookVerifier.Verdict.OK);
            }
            Received first = ok.get(0);
            assertThat(verifier.verify(first.id(), first.ts(), first.sig(), first.body()))
                    .isEqualTo(WebhookVerifier.Verdict.REPLAYED);

            // AND the upward CAP feed got valid CAP 1.2 documents, Update and Cancel referencing
            // the Alert
            var schema =
                    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                            .newSchema(getClass().getResource("/cap/CAP-v1.2.xsd"));
            List<Received> cap = at("/cap");
            for (Received r : cap) {
                schema.newValidator()
                        .validate(new StreamSource(new ByteArrayInputStream(r.body())));
            }
            assertThat(cap.get(0).text()).contains("<msgType>Alert</msgType>");
            assertThat(cap.get(cap.size() - 1).text())
                    .contains("<references>vigil@it," + cap.get(0).id() + ",");

            // AND every delivery is on vigil.deliveries
            awaitUntil(
                    () ->
                            deliveriesOf("inc-ok").stream()
                                            .filter(d -> d.outcome() == Delivery.Outcome.DELIVERED)
                                            .count()
                                    == ok.size() + cap.size());

            // WHEN the agency acknowledges its dispatch THEN a command is on vigil.commands
            HttpResponse<String> ack =
                    post(
                            alerting.httpPort(),
                            "/agency/v1/incidents/inc-ok/acknowledge",
                            "key-ok",
                            "{\"userId\":\"officer-7\"}");
            assertThat(ack.statusCode()).isEqualTo(202);
            awaitUntil(
                    () ->
                            readAll(Topics.COMMANDS.name(), Command.class).stream()
                                    .anyMatch(
                                            c ->
                                                    c.incidentId().equals("inc-ok")
                                                            && c.type() == Command.Type.ACKNOWLEDGE
                                                            && c.actor().role() == Actor.Role.AGENCY
                                                            && "ok".equals(c.actor().agencyId())
                                                            && c.actor()
                                                                    .userId()
                                                                    .equals("officer-7")));
            // AND findings without a note are refused, naming the field
            HttpResponse<String> bad =
                    post(
                            alerting.httpPort(),
                            "/agency/v1/incidents/inc-ok/findings",
                            "key-ok",
                            "{}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("\"field\":\"note\"");
            // AND another agency may not act on it, nor may an unknown key
            HttpResponse<String> other =
                    post(
                            alerting.httpPort(),
                            "/agency/v1/incidents/inc-ok/acknowledge",
                            "key-down",
                            "{}");
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(other.body()).contains("\"error\":\"forbidden\"");
            assertThat(
                            post(
                                            alerting.httpPort(),
                                            "/agency/v1/incidents/inc-ok/arrive",
                                            "nope",
                                            "{}")
                                    .statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void aFlakyReceiverGetsRetriesThenOneSuccessUnderTheSameId() throws Exception {
        try (Alerting alerting = alerting(Duration.ofSeconds(20))) {
            publish(
                    List.of(
                            event(
                                    "inc-flaky",
                                    "src-flaky",
                                    1,
                                    Type.OPENED,
                                    State.OPEN,
                                    Severity.ALARM)));
            awaitUntil(() -> at("/flaky").stream().anyMatch(r -> r.status() == 200));
            List<Received> flaky = at("/flaky");
            assertThat(flaky).hasSize(4);
            assertThat(flaky).extracting(Received::id).containsOnly(flaky.get(0).id());
            assertThat(flaky).extracting(Received::status).containsExactly(503, 503, 503, 200);
            awaitUntil(
                    () ->
                            deliveriesOf("inc-flaky").stream()
                                    .anyMatch(d -> d.outcome() == Delivery.Outcome.DELIVERED));
            assertThat(deliveriesOf("inc-flaky"))
                    .extracting(Delivery::outcome)
                    .containsExactly(
                            Delivery.Outcome.PENDING,
                            Delivery.Outcome.RETRYING,
                            Delivery.Outcome.RETRYING,
                            Delivery.Outcome.RETRYING,
                            Delivery.Outcome.DELIVERED);
            assertThat(deliveriesOf("inc-flaky"))
                    .extracting(Delivery::deliveryId)
                    .containsOnly(flaky.get(0).id());
        }
    }

    @Test
    void aReceiverDownPastTheBudgetIsDeadLettered() throws Exception {
        try (Alerting alerting = alerting(Duration.ofSeconds(2))) {
            publish(
                    List.of(
                            event(
                                    "inc-down",
                                    "src-down",
                                    1,
                                    Type.OPENED,
                                    State.OPEN,
                                    Severity.ALARM)));
            awaitUntil(
                    () ->
                            deliveriesOf("inc-down").stream()
                                    .anyMatch(d -> d.outcome() == Delivery.Outcome.DEAD_LETTERED));
            assertThat(at("/down").size()).isGreaterThan(1);
            Delivery dead =
                    deliveriesOf("inc-down").stream()
                            .filter(d -> d.outcome() == Delivery.Outcome.DEAD_LETTERED)
                            .findFirst()
                            .orElseThrow();
            assertThat(dead.error()).contains("retry budget spent");
            awaitUntil(
                    () ->
                            readAll(Topics.DEAD_LETTER.name(), DeadLetter.class).stream()
                                    .anyMatch(
                                            l ->
                                                    dead.deliveryId()
                                                            .equals(l.detail().get("deliveryId"))));
        }
    }

    @Test
    void aRestartMidDeliveryStillDelivers() throws Exception {
        try (Alerting alerting = alerting(Duration.ofSeconds(60))) {
            publish(
                    List.of(
                            event(
                                    "inc-restart",
                                    "src-restart",
                                    1,
                                    Type.OPENED,
                                    State.OPEN,
                                    Severity.ALARM)));
            awaitUntil(
                    () ->
                            deliveriesOf("inc-restart").stream()
                                    .anyMatch(d -> d.outcome() == Delivery.Outcome.RETRYING));
        }
        RESTART_RECEIVER_UP.set(true);
        try (Alerting alerting = alerting(Duration.ofSeconds(60))) {
            awaitUntil(() -> at("/restart").stream().anyMatch(r -> r.status() == 200));
            assertThat(at("/restart"))
                    .extracting(Received::id)
                    .containsOnly(at("/restart").get(0).id());
            awaitUntil(
                    () ->
                            deliveriesOf("inc-restart").stream()
                                    .anyMatch(d -> d.outcome() == Delivery.Outcome.DELIVERED));
        }
    }

    private static HttpResponse<String> post(int port, String path, String key, String body)
            throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("X-Api-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(200);
        }
    }
}
