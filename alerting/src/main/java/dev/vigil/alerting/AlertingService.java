package dev.vigil.alerting;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The alerting service: reads incident events from Kafka and hands them to the delivery side, and
 * answers {@code GET /health} so the console can tell whether it is alive.
 */
public final class AlertingService implements AutoCloseable {
    /** The service counts as down when its consumer has not returned from a poll for this long. */
    static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private final AlertingConfig config;
    private final IncidentPollLoop loop;
    private final Thread thread;
    private final Map<String, HttpHandler> routes = new LinkedHashMap<>();
    private HttpServer health;

    public AlertingService(
            AlertingConfig config, String incidentsTopic, IncidentEventHandler handler) {
        this.config = config;
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                config.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                config.groupId(),
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false,
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest",
                                ConsumerConfig.CLIENT_ID_CONFIG,
                                "vigil-alerting"),
                        new StringDeserializer(),
                        new ByteArrayDeserializer());
        this.loop = new IncidentPollLoop(consumer, incidentsTopic, handler);
        this.thread = new Thread(loop, "alerting-incidents");
    }

    /** Serves {@code handler} under {@code path} on the same HTTP server; call before start. */
    public AlertingService route(String path, HttpHandler handler) {
        routes.put(path, handler);
        return this;
    }

    /** Starts the consumer and the health endpoint. */
    public AlertingService start() {
        try {
            health =
                    HttpServer.create(
                            new InetSocketAddress(config.healthBindAddress(), config.healthPort()),
                            0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "alerting health port "
                            + config.healthPort()
                            + " cannot be bound: "
                            + e.getMessage(),
                    e);
        }
        health.createContext(
                "/health",
                exchange -> {
                    String problem = problem();
                    byte[] body =
                            (problem == null
                                            ? "{\"status\":\"UP\",\"handled\":"
                                                    + loop.handled()
                                                    + "}"
                                            : "{\"status\":\"DOWN\",\"detail\":\""
                                                    + problem.replace("\"", "'")
                                                    + "\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(problem == null ? 200 : 503, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        routes.forEach(health::createContext);
        health.start();
        thread.start();
        return this;
    }

    /** The bound health port (useful when configured as 0). */
    public int healthPort() {
        return health.getAddress().getPort();
    }

    /** Why the service is not healthy, or null when it is. */
    String problem() {
        if (loop.fatalError() != null) {
            return "stopped: " + loop.fatalError();
        }
        if (!thread.isAlive()) {
            return "incident consumer is not running";
        }
        Instant last = loop.lastPoll();
        if (last == null) {
            return "not yet connected to Kafka";
        }
        if (last.isBefore(Instant.now().minus(STALE_AFTER))) {
            return "no answer from Kafka since " + last;
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        loop.stop();
        thread.join(10_000);
        if (health != null) {
            health.stop(0);
        }
    }
}
