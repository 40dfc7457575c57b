package dev.vigil.jobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of the sink against a real local HTTP server that answers as InfluxDB does. */
class InfluxHttpWriterTest {

    private static final RetryPolicy QUICK =
            new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));

    private HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();

    private record Request(String query, String contentType, String authorization, String body) {}

    private record Answer(int status, String body) {}

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/write", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void postsTheLinesToTheWriteEndpointWithMillisecondPrecision() throws Exception {
        writer(config(null, null)).write(List.of("m v=1.0 1", "m v=2.0 2"));

        assertThat(requests).hasSize(1);
        Request request = requests.get(0);
        assertThat(request.query()).isEqualTo("db=vigil+readings&precision=ms");
        assertThat(request.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(request.authorization()).isNull();
        assertThat(request.body()).isEqualTo("m v=1.0 1\nm v=2.0 2\n");
    }

    @Test
    void sendsCredentialsAsBasicAuthentication() throws Exception {
        writer(config("vigil", "s3cret")).write(List.of("m v=1.0 1"));

        String expected =
                Base64.getEncoder().encodeToString("vigil:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(requests.get(0).authorization()).isEqualTo("Basic " + expected);
        assertThat(requests.get(0).query()).doesNotContain("s3cret");
    }

    @Test
    void retriesServerErrorsUntilInfluxDbTakesTheBatch() throws Exception {
        answers.add(new Answer(503, "{\"error\":\"engine: cache maximum memory size exceeded\"}"));
        answers.add(new Answer(500, "{\"error\":\"timeout\"}"));

        writer(config(null, null)).write(List.of("m v=1.0 1"));

        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(Request::body).containsOnly("m v=1.0 1\n");
    }

    @Test
    void aRejectedLineFailsAtOnceWithInfluxDbsErrorText() {
        answers.add(new Answer(400, "{\"error\":\"unable to parse 'm v=': missing field value\"}"));

        assertThatThrownBy(() -> writer(config("vigil", "s3cret")).write(List.of("m v=")))
                .isInstanceOfSatisfying(
                        InfluxWriteException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("rejected a batch of 1 lines for database vigil readings")
                .hasMessageContaining("unable to parse 'm v=': missing field value")
                .message()
                .doesNotContain("s3cret");
        assertThat(requests).hasSize(1);
    }

    @Test
    void givesUpAfterTheRetryBudgetWithTheLastFailure() {
        for (int i = 0; i < QUICK.attempts(); i++) {
            answers.add(new Answer(503, "{\"error\":\"overloaded " + i + "\"}"));
        }

        assertThatThrownBy(() -> writer(config(null, null)).write(List.of("m v=1.0 1")))
                .isInstanceOf(InfluxWriteException.class)
                .hasMessageContaining("in 4 attempts")
                .hasMessageContaining("overloaded 3");
        assertThat(requests).hasSize(QUICK.attempts());
    }

    @Test
    void retriesAnUnreachableServerThenFails() {
        InfluxHttpWriter writer = writer(config(null, null));
        server.stop(0);

        assertThatThrownBy(() -> writer.write(List.of("m v=1.0 1")))
                .isInstanceOfSatisfying(
                        InfluxWriteException.class, e -> assertThat(e.status()).isZero())
                .hasMessageContaining("in 4 attempts")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void pointsOlderThanTheRetentionPolicyAreDroppedByInfluxDbNotFailed() throws Exception {
        answers.add(
                new Answer(
                        400,
                        "{\"error\":\"partial write: points beyond retention policy dropped=1\"}"));

        writer(config(null, null)).write(List.of("m v=1.0 1", "m v=2.0 2"));

        assertThat(requests).hasSize(1);
    }

    @Test
    void anEmptyBatchSendsNothing() throws Exception {
        writer(config(null, null)).write(List.of());
        assertThat(requests).isEmpty();
    }

    @Test
    void theConfigurationNeverShowsThePassword() {
        assertThat(config("vigil", "s3cret").toString())
                .contains("username=vigil")
                .doesNotContain("s3cret");
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(
                new Request(
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(body, StandardCharsets.UTF_8)));
        Answer answer;
        synchronized (answers) {
            answer = answers.isEmpty() ? new Answer(204, "") : answers.poll();
        }
        byte[] reply = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), reply.length == 0 ? -1 : reply.length);
        if (reply.length > 0) {
            exchange.getResponseBody().write(reply);
        }
        exchange.close();
    }

    private InfluxSinkConfig config(String username, String password) {
        return new InfluxSinkConfig(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                "vigil readings",
                username,
                password,
                100,
                Duration.ofSeconds(1));
    }

    private static InfluxHttpWriter writer(InfluxSinkConfig config) {
        return new InfluxHttpWriter(config, QUICK);
    }
}
