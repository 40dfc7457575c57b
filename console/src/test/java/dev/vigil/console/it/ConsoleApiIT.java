package dev.vigil.console.it;

import static dev.vigil.events.incident.IncidentEvent.State.ACKNOWLEDGED;
import static dev.vigil.events.incident.IncidentEvent.State.CLOSED;
import static dev.vigil.events.incident.IncidentEvent.State.DISPATCHED;
import static dev.vigil.events.incident.IncidentEvent.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.ConsoleConfig;
import dev.vigil.console.ConsoleServer;
import dev.vigil.console.auth.PasswordHasher;
import dev.vigil.console.health.HealthProbe;
import dev.vigil.embedded.TopicSpec;
import dev.vigil.embedded.junit.InfluxExtension;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.incident.Actor;
import dev.vigil.events.incident.Actor.Role;
import dev.vigil.events.incident.Command;
import dev.vigil.events.incident.IncidentEvent.Type;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The console's API against a real Kafka broker and a real influxd. */
class ConsoleApiIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension().withTopics(TopicSpec.allTopics(2));

    @RegisterExtension static final InfluxExtension INFLUX = new InfluxExtension();

    private static final String ADMIN_PASSWORD = "admin-password-1";
    private static final String PASSWORD = "a-long-password";

    @TempDir static Path media;

    private static ConsoleServer server;
    private static Records records;
    private static ApiClient admin;
    private static ApiClient operator;
    private static ApiClient staff;
    private static ApiClient fire;
    private static ApiClient police;

    @BeforeAll
    static void start() {
        records = new Records(KAFKA.bootstrapServers());
        server =
                new ConsoleServer(
                                new ConsoleConfig(
                                        "127.0.0.1",
                                        0,
                                        Duration.ofSeconds(2),
                                        KAFKA.bootstrapServers(),
                                        INFLUX.url(),
                                        INFLUX.database(),
                                        null,
                                        null,
                                        null,
                                        media,
                                        ADMIN_PASSWORD,
                                        null,
                                        null),
                                new HealthProbe(
                                        List.of(), Duration.ofSeconds(1), Clock.systemUTC()),
                                new PasswordHasher(1024, 1, 1),
                                Clock.systemUTC())
                        .start();
        admin = client().signIn("admin", ADMIN_PASSWORD);
        operator = user("operator", Role.OPERATOR, null);
        staff = user("staff", Role.ENV_STAFF, null);
        fire = user("fire", Role.AGENCY, "fire");
        police = user("police", Role.AGENCY, "police");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        records.close();
    }

    private static ApiClient client() {
        return new ApiClient(server.port());
    }

    private static ApiClient user(String name, Role role, String agencyId) {
        ApiClient.Answer created =
                admin.post(
                        "/api/users",
                        "{\"username\":\""
                                + name
                                + "\",\"role\":\""
                                + role
                                + "\","
                                + (agencyId == null ? "" : "\"agencyId\":\"" + agencyId + "\",")
                                + "\"password\":\""
                                + PASSWORD
                                + "\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return client().signIn(name, PASSWORD);
    }

    // ---- accounts, sessions, roles, audit

    @Test
    void signInLockoutRolesAndAudit() {
        // GIVEN no session THEN 401 everywhere
        ApiClient anonymous = client();
        assertThat(anonymous.get("/api/incidents").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/incidents").error()).isEqualTo("unauthenticated");
        assertThat(anonymous.get("/api/session").status()).isEqualTo(401);

        // WHEN the password or the name is wrong THEN the same 401
        ApiClient.Answer wrongPassword =
                anonymous.post("/api/session", "{\"username\":\"operator\",\"password\":\"nope\"}");
        ApiClient.Answer wrongName =
                anonymous.post("/api/session", "{\"username\":\"nobody\",\"password\":\"nope\"}");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongName.status()).isEqualTo(401);
        assertThat(wrongName.json().path("detail")).isEqualTo(wrongPassword.json().path("detail"));

        // WHEN a user fails five times THEN it is locked, even with the right password
        user("locky", Role.OPERATOR, null);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(
                    anonymous
                            .post("/api/session", "{\"username\":\"locky\",\"password\":\"bad\"}")
                            .status());
        }
        assertThat(statuses.subList(0, 4)).containsOnly(401);
        assertThat(statuses.get(4)).isEqualTo(429);
        ApiClient.Answer locked =
                anonymous.post(
                        "/api/session",
                        "{\"username\":\"locky\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.error()).isEqualTo("locked");
        assertThat(Long.parseLong(locked.raw().headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 900L);

        // THEN every attempt is in the audit, and only admins read it
        JsonNode audit = admin.get("/api/audit?user=locky&action=sign-in").json();
        List<String> outcomes = new ArrayList<>();
        audit.forEach(e -> outcomes.add(e.path("outcome").asText()));
        assertThat(outcomes).hasSize(7).containsOnly("SUCCESS", "DENIED");
        assertThat(audit.get(0).path("detail").asText()).isEqualTo("locked");
        assertThat(operator.get("/api/audit").status()).isEqualTo(403);
        assertThat(operator.get("/api/users").status()).isEqualTo(403);
        assertThat(fire.post("/api/users", "{}").status()).isEqualTo(403);

        // THEN users are checked
        assertThat(
                        admin.post(
                                        "/api/users",
                                        "{\"username\":\"operator\",\"role\":\"OPERATOR\",\"password\":\""
                                                + PASSWORD
                                                + "\"}")
                                .status())
                .isEqualTo(409);
        ApiClient.Answer shortPassword =
                admin.post(
                        "/api/users",
                        "{\"username\":\"shorty\",\"role\":\"OPERATOR\",\"password\":\"short\"}");
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.field()).isEqualTo("password");
        ApiClient.Answer noAgency =
                admin.post(
                        "/api/users",
                        "{\"username\":\"agent\",\"role\":\"AGENCY\",\"password\":\""
                                + PASSWORD
                                + "\"}");
        assertThat(noAgency.field()).isEqualTo("agencyId");
        JsonNode users = admin.get("/api/users").json();
        assertThat(users.toString()).doesNotContain("argon2").contains("\"fire\"");

        // THEN a mutating request without JSON is refused (CSRF)
        ApiClient.Answer form =
                operator.post(
                        "/api/incidents/x/commands",
                        "application/x-www-form-urlencoded",
                        "type=ACKNOWLEDGE");
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.field()).isEqualTo("Content-Type");

        // THEN the session shows the user; signing out ends it
        assertThat(operator.get("/api/session").json().path("role").asText()).isEqualTo("OPERATOR");
        ApiClient leaving = user("leaving", Role.ENV_STAFF, null);
        assertThat(leaving.delete("/api/session").status()).isEqualTo(204);
        assertThat(leaving.get("/api/session").status()).isEqualTo(401);

        // THEN one's own password changes only with the current one
        ApiClient changer = user("changer", Role.OPERATOR, null);
        ApiClient.Answer wrongCurrent =
                changer.put(
                        "/api/session/password",
                        "{\"current\":\"wrong\",\"next\":\"another-long-password\"}");
        assertThat(wrongCurrent.field()).isEqualTo("current");
        assertThat(
                        changer.put(
                                        "/api/session/password",
                                        "{\"current\":\""
                                                + PASSWORD
                                                + "\",\"next\":\"another-long-password\"}")
                                .status())
                .isEqualTo(204);
        client().signIn("changer", "another-long-password");

        // THEN a disabled user cannot sign in
        assertThat(admin.put("/api/users/changer", "{\"disabled\":true}").status()).isEqualTo(200);
        assertThat(
                        client().post(
                                        "/api/session",
                                        "{\"username\":\"changer\",\"password\":\"another-long-password\"}")
                                .status())
                .isEqualTo(401);
    }

    /** One endpoint and the users it refuses with 403. */
    private record Endpoint(String method, String path, String body, List<ApiClient> refused) {}

    @Test
    void everyEndpointNeedsASessionAndTheRightRole() {
        String hash = "ab".repeat(32);
        List<Endpoint> endpoints =
                List.of(
                        new Endpoint("GET", "/api/session", null, List.of()),
                        new Endpoint("PUT", "/api/session/password", "{}", List.of()),
                        new Endpoint("DELETE", "/api/session", null, List.of()),
                        new Endpoint("GET", "/api/users", null, List.of(operator, staff, fire)),
                        new Endpoint("POST", "/api/users", "{}", List.of(operator, staff, fire)),
                        new Endpoint(
                                "PUT", "/api/users/operator", "{}", List.of(operator, staff, fire)),
                        new Endpoint("GET", "/api/audit", null, List.of(operator, staff, fire)),
                        new Endpoint("GET", "/api/incidents", null, List.of()),
                        new Endpoint("GET", "/api/incidents/counts", null, List.of()),
                        new Endpoint("GET", "/api/incidents/x", null, List.of()),
                        new Endpoint("POST", "/api/incidents/x/commands", "{}", List.of()),
                        new Endpoint("GET", "/api/agencies", null, List.of()),
                        new Endpoint("GET", "/api/sources", null, List.of()),
                        new Endpoint("GET", "/api/sources/x", null, List.of()),
                        new Endpoint("POST", "/api/sources", "{}", List.of(operator, fire)),
                        new Endpoint("PUT", "/api/sources/x", "{}", List.of(operator, fire)),
                        new Endpoint("DELETE", "/api/sources/x", null, List.of(operator, fire)),
                        new Endpoint("CSV", "/api/sources/import", "x", List.of(operator, fire)),
                        new Endpoint("GET", "/api/rules", null, List.of(fire)),
                        new Endpoint("GET", "/api/rules/x", null, List.of(fire)),
                        new Endpoint("POST", "/api/rules", "{}", List.of(operator, fire)),
                        new Endpoint("PUT", "/api/rules/x", "{}", List.of(operator, fire)),
                        new Endpoint("DELETE", "/api/rules/x", null, List.of(operator, fire)),
                        new Endpoint("POST", "/api/rules/preview", "{}", List.of(operator, fire)),
                        new Endpoint("GET", "/api/readings?sourceId=x", null, List.of()),
                        new Endpoint("GET", "/api/kpis", null, List.of()),
                        new Endpoint("GET", "/api/media/" + hash, null, List.of()));
        ApiClient anonymous = client();
        for (Endpoint e : endpoints) {
            ApiClient.Answer none = call(anonymous, e);
            assertThat(none.status())
                    .as("%s %s without a session", e.method(), e.path())
                    .isEqualTo(401);
            assertThat(none.error()).isEqualTo("unauthenticated");
            for (ApiClient user : e.refused()) {
                ApiClient.Answer refused = call(user, e);
                assertThat(refused.status())
                        .as("%s %s by the wrong role", e.method(), e.path())
                        .isEqualTo(403);
                assertThat(refused.error()).isEqualTo("forbidden");
            }
        }
        assertThat(admin.get("/api/nothing").error()).isEqualTo("not-found");
    }

    private static ApiClient.Answer call(ApiClient client, Endpoint e) {
        return switch (e.method()) {
            case "GET" -> client.get(e.path());
            case "POST" -> client.post(e.path(), e.body());
            case "PUT" -> client.put(e.path(), e.body());
            case "DELETE" -> client.delete(e.path());
            case "CSV" -> client.post(e.path(), "text/csv", e.body());
            default -> throw new IllegalArgumentException(e.method());
        };
    }

    // ---- incidents and commands

    @Test
    void incidentsListDetailAndCommandsWithRoleAndObjectChecks() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        records.publish(Topics.SOURCES, Records.source("S-INC", 100));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "inc-a",
                        1,
                        Type.OPENED,
                        OPEN,
                        5,
                        "S-INC",
                        List.of("al-a"),
                        List.of(),
                        null,
                        t0,
                        null));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "inc-b",
                        1,
                        Type.OPENED,
                        OPEN,
                        9,
                        "S-INC",
                        List.of(),
                        List.of(),
                        null,
                        t0,
                        null));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "inc-b",
                        2,
                        Type.STATE_CHANGED,
                        ACKNOWLEDGED,
                        9,
                        "S-INC",
                        List.of(),
                        List.of(),
                        new Actor("operator", Role.OPERATOR, null),
                        t0.plusSeconds(60),
                        null));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "inc-b",
                        3,
                        Type.DISPATCHED,
                        DISPATCHED,
                        9,
                        "S-INC",
                        List.of(),
                        List.of("fire"),
                        new Actor("operator", Role.OPERATOR, null),
                        t0.plusSeconds(120),
                        null));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "inc-c",
                        1,
                        Type.CLOSED,
                        CLOSED,
                        1,
                        "S-INC",
                        List.of(),
                        List.of(),
                        null,
                        t0,
                        null));
        records.publish(
                Topics.ALERTS,
                Records.alert("al-a", "S-INC", Alert.Type.THRESHOLD, Alert.State.FIRING, t0));
        awaitUntil(() -> admin.get("/api/incidents?sourceId=S-INC").json().size() == 3);
        awaitUntil(() -> admin.get("/api/incidents/inc-a").json().path("alerts").size() == 1);

        // THEN sorted by priority, filtered by state and openness
        JsonNode open = admin.get("/api/incidents?sourceId=S-INC&open=true").json();
        assertThat(
                        List.of(
                                open.get(0).path("incidentId").asText(),
                                open.get(1).path("incidentId").asText()))
                .containsExactly("inc-b", "inc-a");
        assertThat(open.size()).isEqualTo(2);
        assertThat(open.get(0).path("sourceName").asText()).isEqualTo("Source S-INC");
        assertThat(open.get(0).path("lastEventType").asText()).isEqualTo("DISPATCHED");
        assertThat(admin.get("/api/incidents?sourceId=S-INC&state=OPEN").json().size())
                .isEqualTo(1);
        assertThat(admin.get("/api/incidents?state=NOPE").field()).isEqualTo("state");
        JsonNode detail = admin.get("/api/incidents/inc-b").json();
        assertThat(detail.path("timeline").size()).isEqualTo(3);
        assertThat(detail.path("source").path("sourceId").asText()).isEqualTo("S-INC");
        assertThat(detail.toString()).doesNotContain("pbkdf2");
        assertThat(admin.get("/api/incidents/nope").status()).isEqualTo(404);
        assertThat(admin.get("/api/incidents/counts").json().path("DISPATCHED").asLong())
                .isPositive();

        // THEN an agency sees only incidents dispatched to it
        JsonNode fireList = fire.get("/api/incidents").json();
        assertThat(fireList.size()).isEqualTo(1);
        assertThat(fireList.get(0).path("incidentId").asText()).isEqualTo("inc-b");
        assertThat(fire.get("/api/incidents/inc-a").status()).isEqualTo(403);
        assertThat(police.get("/api/incidents/inc-b").status()).isEqualTo(403);
        ApiClient water = user("water", Role.AGENCY, "water");
        assertThat(water.get("/api/incidents/counts").json().path("DISPATCHED").asLong()).isZero();
        assertThat(water.get("/api/incidents").json().size()).isZero();

        // WHEN staff and agencies command THEN the command goes to Kafka with the session's actor
        ApiClient.Answer ack =
                operator.post(
                        "/api/incidents/inc-a/commands",
                        "{\"type\":\"ACKNOWLEDGE\",\"commandId\":\"cmd-ack\"}");
        assertThat(ack.status()).as(ack.raw().body()).isEqualTo(202);
        assertThat(ack.json().path("commandId").asText()).isEqualTo("cmd-ack");
        ApiClient.Answer arrive =
                fire.post(
                        "/api/incidents/inc-b/commands",
                        "{\"type\":\"ARRIVE\",\"commandId\":\"cmd-arrive\"}");
        assertThat(arrive.status()).as(arrive.raw().body()).isEqualTo(202);
        ApiClient.Answer silence =
                operator.post(
                        "/api/incidents/inc-a/commands",
                        "{\"type\":\"SILENCE\",\"commandId\":\"cmd-silence\",\"silenceUntil\":\""
                                + Instant.now().plus(Duration.ofHours(1))
                                + "\"}");
        assertThat(silence.status()).as(silence.raw().body()).isEqualTo(202);
        Map<String, Command> published = commands(3);
        assertThat(published.get("cmd-silence").sourceId()).isEqualTo("S-INC");
        assertThat(published.get("cmd-ack").actor())
                .isEqualTo(new Actor("operator", Role.OPERATOR, null));
        assertThat(published.get("cmd-ack").incidentId()).isEqualTo("inc-a");
        assertThat(published.get("cmd-arrive").actor())
                .isEqualTo(new Actor("fire", Role.AGENCY, "fire"));

        // THEN the lifecycle is checked first: state 409, role or object 403, missing parts 400
        ApiClient.Answer close =
                operator.post("/api/incidents/inc-a/commands", "{\"type\":\"CLOSE\"}");
        assertThat(close.status()).isEqualTo(409);
        assertThat(close.json().path("detail").asText()).contains("not allowed in state OPEN");
        assertThat(
                        fire.post(
                                        "/api/incidents/inc-b/commands",
                                        "{\"type\":\"DISPATCH\",\"agencyIds\":[\"x\"]}")
                                .status())
                .isEqualTo(403);
        assertThat(
                        fire.post(
                                        "/api/incidents/inc-a/commands",
                                        "{\"type\":\"NOTE\",\"note\":\"x\"}")
                                .status())
                .isEqualTo(403);
        assertThat(
                        operator.post("/api/incidents/inc-b/commands", "{\"type\":\"DISPATCH\"}")
                                .field())
                .isEqualTo("agencyIds");
        assertThat(operator.post("/api/incidents/inc-b/commands", "{\"type\":\"FLY\"}").field())
                .isEqualTo("type");
        assertThat(
                        operator.post(
                                        "/api/incidents/nope/commands",
                                        "{\"type\":\"NOTE\",\"note\":\"x\"}")
                                .status())
                .isEqualTo(404);

        // THEN the actions are audited with their outcome
        JsonNode audit = admin.get("/api/audit?user=operator&action=incident.").json();
        List<String> seen = new ArrayList<>();
        audit.forEach(
                e ->
                        seen.add(
                                e.path("action").asText()
                                        + " "
                                        + e.path("target").asText()
                                        + " "
                                        + e.path("outcome").asText()));
        assertThat(seen)
                .contains("incident.acknowledge inc-a SUCCESS", "incident.close inc-a FAILED");
        assertThat(admin.get("/api/audit?user=fire&outcome=DENIED").json().size()).isPositive();

        // THEN the agencies are derived from accounts and dispatches
        assertThat(operator.get("/api/agencies").json().toString())
                .contains("\"fire\"", "\"police\"");
    }

    private static Map<String, Command> commands(int atLeast) throws Exception {
        Map<String, Command> out = new java.util.HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    List.of(
                            new TopicPartition(Topics.COMMANDS.name(), 0),
                            new TopicPartition(Topics.COMMANDS.name(), 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Command c = Json.fromBytes(r.value(), Command.class);
                    assertThat(r.key()).isEqualTo(c.incidentId());
                    out.put(c.commandId(), c);
                }
            }
        }
        return out;
    }

    // ---- push

    @Test
    void streamResumesAfterACursorWithoutGapsOrDuplicates() throws Exception {
        Instant t = Instant.now();
        ApiClient.Stream first = operator.stream(null);
        first.hello();
        for (int i = 1; i <= 3; i++) {
            records.publish(
                    Topics.ALERTS,
                    Records.alert(
                            "ws-" + i, "S-WS" + i, Alert.Type.THRESHOLD, Alert.State.FIRING, t));
        }
        List<String> firstIds = new ArrayList<>();
        String cursorAfterSecond = null;
        while (firstIds.size() < 3) {
            JsonNode m = first.next();
            if (m.path("kind").asText().equals("alert")
                    && m.path("data").path("alertId").asText().startsWith("ws-")) {
                firstIds.add(m.path("data").path("alertId").asText());
                if (firstIds.size() == 2) {
                    cursorAfterSecond = m.path("cursor").asText();
                }
            }
        }
        // Alerts of different sources may sit in different partitions: order within one only.
        assertThat(firstIds).containsExactlyInAnyOrder("ws-1", "ws-2", "ws-3");
        first.close();

        // WHEN more arrive while the client is away and it resumes after the second one
        for (int i = 4; i <= 5; i++) {
            records.publish(
                    Topics.ALERTS,
                    Records.alert(
                            "ws-" + i, "S-WS" + i, Alert.Type.THRESHOLD, Alert.State.FIRING, t));
        }
        ApiClient.Stream resumed = operator.stream(cursorAfterSecond);
        records.publish(
                Topics.ALERTS,
                Records.alert("ws-end", "S-WS1", Alert.Type.THRESHOLD, Alert.State.FIRING, t));

        // THEN it gets exactly the third, fourth and fifth once each, then live ones
        List<String> resumedIds = new ArrayList<>();
        while (!resumedIds.contains("ws-end")) {
            JsonNode m = resumed.next();
            assertThat(m.path("kind").asText()).isNotEqualTo("reset");
            String id = m.path("data").path("alertId").asText("");
            if (id.startsWith("ws-")) {
                resumedIds.add(id);
            }
        }
        List<String> expected =
                new ArrayList<>(List.of("ws-1", "ws-2", "ws-3", "ws-4", "ws-5", "ws-end"));
        expected.removeAll(firstIds.subList(0, 2));
        assertThat(resumedIds).containsExactlyInAnyOrderElementsOf(expected);
        resumed.close();

        // THEN a cursor it cannot serve gives a reset
        ApiClient.Stream reset = operator.stream("bm90LWEtY3Vyc29y");
        assertThat(reset.next().path("kind").asText()).isEqualTo("reset");
        reset.close();

        // THEN no session, no stream
        assertThatThrownBy(() -> client().stream(null))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void recordsThatFailTheirChecksAreNeitherListedNorPushed() throws Exception {
        Instant t = Instant.now();
        ApiClient.Stream stream = operator.stream(null);
        stream.hello();
        // GIVEN valid JSON that is no valid alert (no sourceId) or incident event (sequence 0),
        // each followed in its partition (same key: source, incident) by a valid record
        com.fasterxml.jackson.databind.node.ObjectNode alert =
                Json.mapper()
                        .valueToTree(
                                Records.alert(
                                        "ws-invalid",
                                        "S-WI",
                                        Alert.Type.THRESHOLD,
                                        Alert.State.FIRING,
                                        t));
        alert.remove("sourceId");
        records.publishRaw(Topics.ALERTS.name(), "S-WI", Json.mapper().writeValueAsBytes(alert));
        com.fasterxml.jackson.databind.node.ObjectNode incident =
                Json.mapper()
                        .valueToTree(
                                Records.incident(
                                        "inc-checked",
                                        1,
                                        Type.OPENED,
                                        OPEN,
                                        3,
                                        "S-WI",
                                        List.of(),
                                        List.of(),
                                        null,
                                        t,
                                        "invalid"));
        incident.put("sequence", 0);
        records.publishRaw(
                Topics.INCIDENTS.name(), "inc-checked", Json.mapper().writeValueAsBytes(incident));
        records.publish(
                Topics.ALERTS,
                Records.alert("ws-checked", "S-WI", Alert.Type.THRESHOLD, Alert.State.FIRING, t));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "inc-checked",
                        1,
                        Type.OPENED,
                        OPEN,
                        3,
                        "S-WI",
                        List.of(),
                        List.of(),
                        null,
                        t,
                        "valid"));

        // WHEN the valid ones have been pushed
        List<JsonNode> pushed = new ArrayList<>();
        while (pushed.stream().filter(m -> m.toString().contains("checked")).count() < 2) {
            pushed.add(stream.next());
        }
        stream.close();

        // THEN the invalid ones came before them in Kafka but were not pushed
        assertThat(pushed)
                .noneMatch(m -> m.toString().contains("ws-invalid"))
                .noneMatch(m -> m.path("data").path("sequence").asLong(-1) == 0);
        // AND the lists do not have them either
        awaitUntil(() -> operator.get("/api/incidents/inc-checked").status() == 200);
        JsonNode timeline = operator.get("/api/incidents/inc-checked").json().path("timeline");
        assertThat(timeline.size()).isEqualTo(1);
        assertThat(timeline.get(0).path("detail").asText()).isEqualTo("valid");
    }

    @Test
    void agencyStreamCarriesOnlyItsIncidents() throws Exception {
        Instant t = Instant.now();
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "inc-w1",
                        1,
                        Type.DISPATCHED,
                        DISPATCHED,
                        3,
                        "S-W",
                        List.of(),
                        List.of("police"),
                        null,
                        t,
                        null));
        awaitUntil(() -> police.get("/api/incidents/inc-w1").status() == 200);
        ApiClient.Stream stream = police.stream(null);
        stream.hello();
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "inc-w2",
                        1,
                        Type.OPENED,
                        OPEN,
                        3,
                        "S-W",
                        List.of(),
                        List.of(),
                        null,
                        t,
                        null));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "inc-w1",
                        2,
                        Type.NOTE_ADDED,
                        DISPATCHED,
                        3,
                        "S-W",
                        List.of(),
                        List.of("police"),
                        null,
                        t,
                        "on the way"));
        JsonNode m = stream.next();
        assertThat(m.path("kind").asText()).isEqualTo("incident");
        assertThat(m.path("data").path("incidentId").asText()).isEqualTo("inc-w1");
        assertThat(m.path("data").path("sequence").asLong()).isEqualTo(2);
        stream.close();
    }

    // ---- registry

    @Test
    void sourcesEditsWithVersionsRetirementAndImport() throws Exception {
        String body =
                "{\"sourceId\":\"S-NEW\",\"name\":\"New works\",\"kind\":\"WATER\",\"place\":{\"address\":\"2 Road\"},"
                        + "\"outlets\":[{\"outletId\":\"WS-01\",\"name\":\"outfall\",\"kind\":\"WASTEWATER\"}],"
                        + "\"devices\":[{\"mn\":\"MN-NEW\",\"outletId\":\"WS-01\",\"protocol\":\"HJ212-2017\",\"password\":\"654321\","
                        + "\"realtimeInterval\":\"PT30S\",\"minuteInterval\":\"PT10M\"}],"
                        + "\"permitLimits\":[{\"outletId\":\"WS-01\",\"pollutantCode\":\"w01018\",\"limit\":100,\"unit\":\"mg/L\",\"dataKind\":\"HOURLY\"}]}";
        assertThat(operator.post("/api/sources", body).status()).isEqualTo(403);
        ApiClient.Answer created = staff.post("/api/sources", body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.json().path("version").asLong()).isEqualTo(1);
        assertThat(created.json().path("devices").get(0).path("passwordHash").asText())
                .isEqualTo("********");
        assertThat(staff.post("/api/sources", body).status()).isEqualTo(409);

        ApiClient.Answer invalid =
                staff.post(
                        "/api/sources",
                        body.replace("S-NEW", "S-BAD")
                                .replace(
                                        "\"outletId\":\"WS-01\",\"pollutantCode\"",
                                        "\"outletId\":\"WS-09\",\"pollutantCode\""));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.field()).isEqualTo("permitLimits[0].outletId");

        String edit =
                body.replace("{\"sourceId\"", "{\"expectedVersion\":VERSION,\"sourceId\"")
                        .replace("\"password\":\"654321\",", "")
                        .replace("New works", "Renamed works");
        assertThat(staff.put("/api/sources/S-NEW", edit.replace("VERSION", "7")).status())
                .isEqualTo(409);
        ApiClient.Answer edited = staff.put("/api/sources/S-NEW", edit.replace("VERSION", "1"));
        assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);
        assertThat(edited.json().path("version").asLong()).isEqualTo(2);

        // THEN the registry and the topic hold the new version, with the device's hash kept
        awaitUntil(() -> operator.get("/api/sources/S-NEW").status() == 200);
        INFLUX.server()
                .write(
                        INFLUX.database(),
                        "reading,source=S-NEW,outlet=WS-01,mn=MN-NEW,pollutant=w01018,kind=realtime,flag=N rtd=42.5,valid=true "
                                + Instant.now().minusSeconds(60).toEpochMilli());
        JsonNode one = operator.get("/api/sources/S-NEW").json();
        assertThat(one.path("status").asText()).isEqualTo("NORMAL");
        assertThat(one.path("source").path("name").asText()).isEqualTo("Renamed works");
        assertThat(one.path("latest").path("w01018").path("value").asDouble()).isEqualTo(42.5);
        assertThat(one.path("latest").path("w01018").path("limit").asDouble()).isEqualTo(100);
        assertThat(one.path("latest").path("w01018").path("flag").asText()).isEqualTo("N");
        assertThat(operator.get("/api/sources").json().toString())
                .contains("S-NEW")
                .doesNotContain("pbkdf2");
        assertThat(fire.get("/api/sources/S-NEW").status()).isEqualTo(403);

        ApiClient.Answer retired = staff.delete("/api/sources/S-NEW");
        assertThat(retired.json().path("retired").asBoolean()).isTrue();
        assertThat(operator.get("/api/sources/S-NEW").json().path("status").asText())
                .isEqualTo("RETIRED");

        // WHEN an import has a wrong line THEN nothing is published and each problem is named
        String header =
                "sourceId,name,enterprise,kind,lat,lon,address,street,groups,outletId,outletName,outletKind,mn,password,intervalSeconds,pollutant,limit,unit";
        String bad =
                header
                        + "\nS-CSV1,Works 1,E,WATER,31.1,121.1,addr,st,g1;g2,WS-01,outfall,WASTEWATER,MN-C1,111111,30,w01018,100,mg/L"
                        + "\nS-CSV2,Works 2,E,LAVA,31.1,121.1,addr,st,g1,WS-01,outfall,WASTEWATER,MN-C2,,30,w01018,100,mg/L\n";
        ApiClient.Answer rejected = staff.post("/api/sources/import", "text/csv", bad);
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().path("created").asInt()).isZero();
        List<String> problems = new ArrayList<>();
        rejected.json()
                .path("errors")
                .forEach(
                        e -> problems.add(e.path("line").asInt() + " " + e.path("field").asText()));
        assertThat(problems).containsExactlyInAnyOrder("3 kind", "3 password");
        assertThat(staff.post("/api/sources/import", "application/json", "{}").field())
                .isEqualTo("Content-Type");

        String good =
                header
                        + "\nS-CSV1,Works 1,E,WATER,31.1,121.1,addr,st,g1;g2,WS-01,outfall,WASTEWATER,MN-C1,111111,30,w01018,100,mg/L"
                        + "\nS-CSV1,,,,,,,,,WS-01,,,,,,w01001,9,pH"
                        + "\nS-CSV2,Works 2,E,AIR,31.1,121.1,addr,st,g1,FQ-01,stack,FLUE_GAS,MN-C2,222222,60,a21026,50,mg/m3\n";
        ApiClient.Answer imported = staff.post("/api/sources/import", "text/csv", good);
        assertThat(imported.json().path("errors").size()).as(imported.raw().body()).isZero();
        assertThat(imported.json().path("created").asInt()).isEqualTo(2);
        awaitUntil(() -> operator.get("/api/sources/S-CSV1").status() == 200);
        assertThat(
                        operator.get("/api/sources/S-CSV1")
                                .json()
                                .path("source")
                                .path("permitLimits")
                                .size())
                .isEqualTo(2);
        assertThat(operator.get("/api/sources/S-CSV1").json().path("source").path("groups").size())
                .isEqualTo(2);
    }

    // ---- rules

    private static String rule(String id, String levels, String extra) {
        return "{\"ruleId\":\""
                + id
                + "\",\"name\":\"COD "
                + id
                + "\",\"scope\":{\"sourceId\":\"S-PRE\",\"pollutantCode\":\"w01018\"},"
                + "\"dataKind\":\"REALTIME\",\"comparator\":\"ABOVE\",\"levels\":"
                + levels
                + ",\"persistence\":{\"consecutiveReadings\":1},\"clearRatio\":1"
                + extra
                + "}";
    }

    private static final String TWO_LEVELS =
            "[{\"severity\":\"WARNING\",\"threshold\":80,\"mode\":\"PERCENT_OF_LIMIT\"},"
                    + "{\"severity\":\"ALARM\",\"threshold\":100,\"mode\":\"PERCENT_OF_LIMIT\"}]";
    private static final String ALARM_ONLY =
            "[{\"severity\":\"ALARM\",\"threshold\":100,\"mode\":\"PERCENT_OF_LIMIT\"}]";

    @Test
    void rulesAreValidatedVersionedAndPreviewedOnStoredReadings() throws Exception {
        assertThat(operator.post("/api/rules", rule("r-1", ALARM_ONLY, "")).status())
                .isEqualTo(403);
        assertThat(fire.get("/api/rules").status()).isEqualTo(403);
        ApiClient.Answer invalid =
                staff.post(
                        "/api/rules",
                        rule(
                                "r-bad",
                                "[{\"severity\":\"WARNING\",\"threshold\":100,\"mode\":\"ABSOLUTE\"},"
                                        + "{\"severity\":\"ALARM\",\"threshold\":80,\"mode\":\"ABSOLUTE\"}]",
                                ""));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.field()).isEqualTo("levels[1].threshold");
        assertThat(
                        staff.post(
                                        "/api/rules",
                                        rule("r-bad2", ALARM_ONLY, "")
                                                .replace("\"ABOVE\"", "\"SIDEWAYS\""))
                                .field())
                .isEqualTo("comparator");

        assertThat(
                        staff.post(
                                        "/api/rules",
                                        rule("r-x", ALARM_ONLY, "")
                                                .replace("\"ruleId\":\"r-x\",", ""))
                                .field())
                .isEqualTo("ruleId");
        ApiClient.Answer created = staff.post("/api/rules", rule("r-1", ALARM_ONLY, ""));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.json().path("author").asText()).isEqualTo("staff");
        assertThat(
                        staff.put(
                                        "/api/rules/r-1",
                                        rule("r-1", TWO_LEVELS, ",\"expectedVersion\":3"))
                                .status())
                .isEqualTo(409);
        ApiClient.Answer edited =
                staff.put(
                        "/api/rules/r-1",
                        rule("r-1", ALARM_ONLY, ",\"expectedVersion\":1")
                                .replace("COD r-1", "COD renamed"));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().path("version").asLong()).isEqualTo(2);
        JsonNode detail = operator.get("/api/rules/r-1").json();
        assertThat(detail.path("history").size()).isEqualTo(2);
        assertThat(detail.path("history").get(0).path("version").asLong()).isEqualTo(2);
        assertThat(detail.path("history").get(1).path("name").asText()).isEqualTo("COD r-1");
        assertThat(operator.get("/api/rules/nope").status()).isEqualTo(404);

        // GIVEN a source with limit 100 and readings, one of them flagged invalid
        records.publish(Topics.SOURCES, Records.source("S-PRE", 100));
        awaitUntil(() -> operator.get("/api/sources/S-PRE").status() == 200);
        Instant start = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
        double[] values = {50, 90, 95, 50, 120, 130, 50, 200, 50};
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            boolean valid = i != 7;
            lines.append(
                            "reading,source=S-PRE,outlet=WS-01,mn=MN-S-PRE,pollutant=w01018,kind=realtime,flag=")
                    .append(valid ? "N" : "D")
                    .append(" rtd=")
                    .append(values[i])
                    .append(",valid=")
                    .append(valid)
                    .append(' ')
                    .append(start.plus(Duration.ofMinutes(i)).toEpochMilli())
                    .append('\n');
        }
        INFLUX.server().write(INFLUX.database(), lines.toString());

        // WHEN the rule with warning and alarm levels is previewed against the stored alarm-only
        // one
        ApiClient.Answer preview =
                staff.post(
                        "/api/rules/preview",
                        "{\"rule\":" + rule("r-1", TWO_LEVELS, "") + ",\"days\":7}");
        assertThat(preview.status()).as(preview.raw().body()).isEqualTo(200);

        // THEN the proposal raises a warning and an alarm, the stored rule one alarm
        JsonNode proposed = preview.json().path("proposed");
        assertThat(proposed.path("alerts").asInt()).isEqualTo(2);
        assertThat(proposed.path("byLevel").path("WARNING").asInt()).isEqualTo(1);
        assertThat(proposed.path("byLevel").path("ALARM").asInt()).isEqualTo(1);
        assertThat(proposed.path("sources").asInt()).isEqualTo(1);
        assertThat(preview.json().path("current").path("alerts").asInt()).isEqualTo(1);
        assertThat(
                        operator.post(
                                        "/api/rules/preview",
                                        "{\"rule\":" + rule("r-1", TWO_LEVELS, "") + "}")
                                .status())
                .isEqualTo(403);
        assertThat(
                        staff.post(
                                        "/api/rules/preview",
                                        "{\"rule\":"
                                                + rule("r-1", TWO_LEVELS, "")
                                                + ",\"days\":90}")
                                .field())
                .isEqualTo("days");

        // WHEN retired THEN a new version says so
        assertThat(staff.delete("/api/rules/r-1").json().path("retired").asBoolean()).isTrue();
        assertThat(operator.get("/api/rules/r-1").json().path("history").size()).isEqualTo(3);
    }

    // ---- readings

    @Test
    void readingsAreRawUpToSixHoursAndAveragedBeyond() throws Exception {
        records.publish(Topics.SOURCES, Records.source("S-READ", 100));
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofHours(12));
        StringBuilder lines = new StringBuilder();
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(30)) {
            lines.append(
                            "reading,source=S-READ,outlet=WS-01,mn=MN-S-READ,pollutant=w01018,kind=realtime,flag=N rtd=10,valid=true ")
                    .append(t.toEpochMilli())
                    .append('\n');
        }
        INFLUX.server().write(INFLUX.database(), lines.toString());
        awaitUntil(() -> operator.get("/api/sources/S-READ").status() == 200);

        JsonNode day =
                operator.get("/api/readings?sourceId=S-READ&from=" + start + "&to=" + end).json();
        assertThat(day.path("interval").asText()).isEqualTo("1m");
        JsonNode series = day.path("series").get(0);
        assertThat(series.path("pollutant").asText()).isEqualTo("w01018");
        assertThat(series.path("outletId").asText()).isEqualTo("WS-01");
        assertThat(series.path("points").size()).isBetween(700, 721);
        assertThat(series.path("points").get(0).get(1).asDouble()).isEqualTo(10.0);

        JsonNode hour =
                operator.get(
                                "/api/readings?sourceId=S-READ&from="
                                        + end.minus(Duration.ofHours(1))
                                        + "&to="
                                        + end)
                        .json();
        assertThat(hour.has("interval")).isFalse();
        assertThat(hour.path("series").get(0).path("points").size()).isEqualTo(120);

        assertThat(operator.get("/api/readings").field()).isEqualTo("sourceId");
        assertThat(operator.get("/api/readings?sourceId=S-READ&kind=weekly").field())
                .isEqualTo("kind");
        assertThat(operator.get("/api/readings?sourceId=S-READ&from=yesterday").field())
                .isEqualTo("from");
        assertThat(fire.get("/api/readings?sourceId=S-READ").status()).isEqualTo(403);
        assertThat(client().get("/api/readings?sourceId=S-READ").status()).isEqualTo(401);
    }

    // ---- KPIs

    @Test
    void kpisFromAKnownIncidentHistory() throws Exception {
        Instant t0 = Instant.parse("2026-01-10T00:00:00Z");
        Actor system = Actor.SYSTEM;
        Actor envA = new Actor("a", Role.AGENCY, "envA");
        Actor envB = new Actor("b", Role.AGENCY, "envB");
        List<String> both = List.of("envA", "envB");
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "k1",
                        1,
                        Type.DISPATCHED,
                        DISPATCHED,
                        1,
                        "S-K",
                        List.of(),
                        List.of("envA"),
                        null,
                        t0.plusSeconds(60),
                        null));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "k1",
                        2,
                        Type.AGENCY_ACKNOWLEDGED,
                        DISPATCHED,
                        1,
                        "S-K",
                        List.of(),
                        List.of("envA"),
                        envA,
                        t0.plusSeconds(300),
                        null));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "k1",
                        3,
                        Type.FEEDBACK,
                        DISPATCHED,
                        1,
                        "S-K",
                        List.of(),
                        List.of("envA"),
                        envA,
                        t0.plusSeconds(1200),
                        "done"));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "k2",
                        1,
                        Type.DISPATCHED,
                        DISPATCHED,
                        1,
                        "S-K",
                        List.of(),
                        both,
                        null,
                        t0.plusSeconds(60),
                        null));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "k2",
                        2,
                        Type.AGENCY_ACKNOWLEDGED,
                        DISPATCHED,
                        1,
                        "S-K",
                        List.of(),
                        both,
                        envA,
                        t0.plusSeconds(120),
                        null));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "k2",
                        3,
                        Type.SLA_BREACHED,
                        DISPATCHED,
                        1,
                        "S-K",
                        List.of(),
                        both,
                        system,
                        t0.plusSeconds(1860),
                        "agency envB did not acknowledge within PT30M"));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "k2",
                        4,
                        Type.SLA_BREACHED,
                        DISPATCHED,
                        1,
                        "S-K",
                        List.of(),
                        both,
                        system,
                        t0.plusSeconds(1920),
                        "agency envA did not report back within PT30M"));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "k2",
                        5,
                        Type.AGENCY_ACKNOWLEDGED,
                        DISPATCHED,
                        1,
                        "S-K",
                        List.of(),
                        both,
                        envB,
                        t0.plusSeconds(2400),
                        null));
        records.publish(
                Topics.INCIDENTS,
                Records.incident(
                        "k2",
                        6,
                        Type.FEEDBACK,
                        DISPATCHED,
                        1,
                        "S-K",
                        List.of(),
                        both,
                        envA,
                        t0.plusSeconds(3000),
                        "late"));
        records.publish(Topics.SOURCES, Records.source("S-K", 100));
        records.publish(
                Topics.ALERTS,
                Records.alert(
                        "k-off",
                        "S-K",
                        Alert.Type.OFFLINE,
                        Alert.State.FIRING,
                        t0.plusSeconds(600)));
        records.publish(
                Topics.ALERTS,
                Records.alert(
                        "k-off",
                        "S-K",
                        Alert.Type.OFFLINE,
                        Alert.State.RESOLVED,
                        t0.plusSeconds(4200)));
        records.publish(
                Topics.ALERTS,
                Records.alert(
                        "k-hour", "S-K", Alert.Type.HOURLY_EXCEEDANCE, Alert.State.FIRING, t0));
        records.publish(
                Topics.ALERTS,
                Records.alert(
                        "k-hour",
                        "S-K",
                        Alert.Type.HOURLY_EXCEEDANCE,
                        Alert.State.RESOLVED,
                        t0.plus(Duration.ofHours(2))));
        String period = "/api/kpis?from=" + t0 + "&to=" + t0.plus(Duration.ofDays(1));
        awaitUntil(
                () ->
                        operator.get(period).json().path("agencies").toString().contains("envB")
                                && operator.get(period)
                                        .json()
                                        .path("sources")
                                        .toString()
                                        .contains("\"offlineMinutes\":60"));

        JsonNode kpis = operator.get(period).json();
        JsonNode a = row(kpis.path("agencies"), "agencyId", "envA");
        assertThat(a.path("dispatches").asInt()).isEqualTo(2);
        assertThat(a.path("acknowledged").asInt()).isEqualTo(2);
        assertThat(a.path("acknowledgedOnTime").asInt()).isEqualTo(2);
        assertThat(a.path("feedback").asInt()).isEqualTo(2);
        assertThat(a.path("feedbackOnTime").asInt()).isEqualTo(1);
        assertThat(a.path("feedbackOnTimeRate").asDouble()).isEqualTo(0.5);
        assertThat(a.path("slaBreaches").asInt()).isEqualTo(1);
        JsonNode b = row(kpis.path("agencies"), "agencyId", "envB");
        assertThat(b.path("dispatches").asInt()).isEqualTo(1);
        assertThat(b.path("acknowledged").asInt()).isEqualTo(1);
        assertThat(b.path("acknowledgedOnTime").asInt()).isZero();
        assertThat(b.path("ackOnTimeRate").asDouble()).isZero();
        JsonNode s = row(kpis.path("sources"), "sourceId", "S-K");
        assertThat(s.path("offlineMinutes").asLong()).isEqualTo(60);
        assertThat(s.path("exceedanceHours").asLong()).isEqualTo(2);

        // THEN an agency user sees its own row only
        ApiClient envAUser = user("enva", Role.AGENCY, "envA");
        JsonNode own = envAUser.get(period).json();
        assertThat(own.path("agencies").size()).isEqualTo(1);
        assertThat(own.path("agencies").get(0).path("agencyId").asText()).isEqualTo("envA");
        assertThat(own.path("sources").size()).isZero();
        assertThat(
                        operator.get("/api/kpis?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")
                                .field())
                .isEqualTo("from");
    }

    private static JsonNode row(JsonNode rows, String key, String value) {
        for (JsonNode r : rows) {
            if (r.path(key).asText().equals(value)) {
                return r;
            }
        }
        throw new AssertionError("no row " + key + "=" + value + " in " + rows);
    }

    // ---- media

    @Test
    void picturesComeFromTheMediaFolderForThoseWhoMaySeeThem() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
        String hash = dev.vigil.events.Sha256.hex(jpeg);
        Files.createDirectories(media.resolve(hash.substring(0, 2)));
        Files.write(media.resolve(hash.substring(0, 2)).resolve(hash + ".jpg"), jpeg);

        ApiClient.Answer picture = operator.get("/api/media/" + hash);
        assertThat(picture.status()).isEqualTo(200);
        assertThat(picture.raw().headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(operator.get("/api/media/" + "0".repeat(64)).status()).isEqualTo(404);
        assertThat(operator.get("/api/media/not-a-hash").field()).isEqualTo("sha256");
        assertThat(fire.get("/api/media/" + hash).status()).isEqualTo(403);
        assertThat(client().get("/api/media/" + hash).status()).isEqualTo(401);
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
