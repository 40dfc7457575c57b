package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.console.health.ComponentHealth;
import dev.vigil.console.health.HealthCheck;
import dev.vigil.console.health.HealthProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConsoleServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthIs200WhenAllUpAnd503OtherwiseWithEachComponentsState() throws Exception {
        AtomicBoolean ingestUp = new AtomicBoolean(true);
        HealthCheck kafka = HealthCheck.of("kafka", () -> ComponentHealth.up("1 broker(s)"));
        HealthCheck ingest =
                HealthCheck.of(
                        "ingest",
                        () ->
                                ingestUp.get()
                                        ? ComponentHealth.up("ok")
                                        : ComponentHealth.down("refused"));
        try (ConsoleServer server =
                new ConsoleServer(
                                new ConsoleConfig("127.0.0.1", 0, Duration.ofSeconds(2)),
                                new HealthProbe(
                                        List.of(kafka, ingest),
                                        Duration.ofSeconds(2),
                                        Clock.systemUTC()))
                        .start()) {
            HttpResponse<String> up = get(server, "/api/health");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.headers().firstValue("content-type"))
                    .hasValueSatisfying(v -> assertThat(v).contains("json"));
            JsonNode body = new ObjectMapper().readTree(up.body());
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.path("components").path("kafka").path("status").asText())
                    .isEqualTo("UP");
            assertThat(body.path("checkedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

            ingestUp.set(false);
            HttpResponse<String> down = get(server, "/api/health");
            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode downBody = new ObjectMapper().readTree(down.body());
            assertThat(downBody.path("status").asText()).isEqualTo("DOWN");
            assertThat(downBody.path("components").path("ingest").path("detail").asText())
                    .isEqualTo("refused");
        }
    }

    @Test
    void servesTheUiAndJsonErrorsForUnknownApiPaths() throws Exception {
        try (ConsoleServer server =
                new ConsoleServer(
                                new ConsoleConfig("127.0.0.1", 0, Duration.ofSeconds(1)),
                                new HealthProbe(
                                        List.of(), Duration.ofSeconds(1), Clock.systemUTC()))
                        .start()) {
            HttpResponse<String> page = get(server, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>Vigil");
            HttpResponse<String> missing = get(server, "/api/nothing-here");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(new ObjectMapper().readTree(missing.body()).path("detail").asText())
                    .contains("/api/nothing-here");
        }
    }

    private HttpResponse<String> get(ConsoleServer server, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
