package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.deploy.config.VigilConfig;
import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole embedded stack, as {@code deploy/vigil up} runs it: a report published to Kafka is
 * turned into a point by the Flink job and read back from InfluxDB, health turns 200, and a second
 * start on the same data folder still has what the first stored.
 */
class EmbeddedStackIT {
    private static final Instant DATA_TIME = Instant.parse("2026-11-22T01:00:00Z");

    @TempDir Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void reportFlowsFromKafkaThroughFlinkIntoInfluxAndSurvivesARestart() throws Exception {
        VigilConfig config = VigilConfig.load(null, settings());

        long influxdPid;
        try (EmbeddedStack stack = new EmbeddedStack(config).start()) {
            awaitUntil("health 200", Duration.ofSeconds(90), () -> healthStatus(stack) == 200);
            JsonNode health =
                    Json.mapper()
                            .readTree(
                                    get("http://127.0.0.1:" + stack.consolePort() + "/api/health")
                                            .body());
            assertThat(
                            health.path("components")
                                    .path("flink")
                                    .path("jobs")
                                    .get(0)
                                    .path("state")
                                    .asText())
                    .isEqualTo("RUNNING");
            assertThat(health.path("components").fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("alerting", "flink", "influxdb", "ingest", "kafka");

            publish(stack.bootstrapServers(), report("ST-IT-0001", 41.5));
            awaitUntil(
                    "point in InfluxDB",
                    Duration.ofSeconds(60),
                    () -> count(stack.influxUrl()) == 1);
            influxdPid = influxdChildren().stream().findFirst().orElseThrow();
        }
        assertThat(ProcessHandle.of(influxdPid).map(ProcessHandle::isAlive))
                .as("influxd stopped")
                .isNotEqualTo(java.util.Optional.of(true));

        // A second start on the same folder keeps what the first stored.
        try (EmbeddedStack stack = new EmbeddedStack(config).start()) {
            assertThat(count(stack.influxUrl())).isEqualTo(1);
            publish(stack.bootstrapServers(), report("ST-IT-0001", 42.5));
            awaitUntil("second point", Duration.ofSeconds(60), () -> count(stack.influxUrl()) == 2);
            awaitUntil(
                    "health 200 after restart",
                    Duration.ofSeconds(90),
                    () -> healthStatus(stack) == 200);
        }
    }

    private Map<String, String> settings() {
        return Map.ofEntries(
                Map.entry("VIGIL_DATA_DIR", data.toString()),
                Map.entry("VIGIL_KAFKA_EMBEDDED_PORT", "0"),
                Map.entry("VIGIL_KAFKA_EMBEDDED_CONTROLLER_PORT", "0"),
                Map.entry("VIGIL_FLINK_EMBEDDED_REST_PORT", "0"),
                Map.entry("VIGIL_FLINK_CHECKPOINT_INTERVAL", "2s"),
                Map.entry("VIGIL_INFLUXDB_EMBEDDED_PORT", "0"),
                Map.entry("VIGIL_INGEST_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("VIGIL_INGEST_HJ212_PORT", "0"),
                Map.entry("VIGIL_INGEST_HTTP_PORT", "0"),
                Map.entry("VIGIL_ALERTING_HEALTH_PORT", "0"),
                Map.entry("VIGIL_CONSOLE_BIND_ADDRESS", "127.0.0.1"),
                Map.entry("VIGIL_CONSOLE_PORT", "0"));
    }

    private static Report report(String mn, double cod) {
        return new Report(
                mn,
                "HJ212-2017",
                "2011",
                "32",
                "20261122090000000",
                5,
                DATA_TIME.plusSeconds((long) cod),
                Instant.now(),
                List.of(
                        new Pollutant(
                                "w01018", cod, null, null, null, null, null, null, null, null, "N",
                                null, null, Map.of())),
                Map.of(),
                null,
                null,
                List.of(),
                Report.digest(("frame-" + cod).getBytes(StandardCharsets.UTF_8)));
    }

    private static void publish(String bootstrap, Report report) throws Exception {
        try (KafkaProducer<String, Report> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                        new StringSerializer(),
                        Topics.REPORTS.valueSerde().serializer())) {
            producer.send(Topics.REPORTS.record(report)).get();
        }
    }

    private int count(String influxUrl) {
        try {
            String q =
                    URLEncoder.encode(
                            "SELECT count(rtd) FROM reading WHERE mn='ST-IT-0001'",
                            StandardCharsets.UTF_8);
            JsonNode body =
                    Json.mapper().readTree(get(influxUrl + "/query?db=vigil&q=" + q).body());
            JsonNode values = body.path("results").path(0).path("series").path(0).path("values");
            return values.isMissingNode() ? 0 : values.path(0).path(1).asInt();
        } catch (Exception e) {
            return -1;
        }
    }

    private int healthStatus(EmbeddedStack stack) {
        try {
            return get("http://127.0.0.1:" + stack.consolePort() + "/api/health").statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<Long> influxdChildren() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("influxd")).orElse(false))
                .map(ProcessHandle::pid)
                .toList();
    }

    private static void awaitUntil(String what, Duration limit, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not reached within " + limit.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
