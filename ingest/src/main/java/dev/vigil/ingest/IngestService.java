package dev.vigil.ingest;

import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.ingest.api.HttpApi;
import dev.vigil.ingest.api.HttpApiConfig;
import dev.vigil.ingest.hj212.gateway.Hj212GatewayConfig;
import dev.vigil.ingest.hj212.gateway.Hj212Server;
import dev.vigil.ingest.http.HttpResponses;
import dev.vigil.ingest.http.HttpRoute;
import dev.vigil.ingest.http.IngestHttpServer;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ingest service: its Kafka producer and its servers, started and stopped together. Acks=all
 * and idempotence are on because devices are answered only after Kafka acknowledged a record.
 */
public final class IngestService implements AutoCloseable {
    private final IngestConfig config;
    private final Producer<String, byte[]> producer;
    private final KafkaReachability kafka;
    private IngestHttpServer http;
    private HttpApiConfig httpApiConfig = HttpApiConfig.defaults();
    private HttpApi httpApi;
    private final Hj212GatewayConfig hj212Config;
    private volatile Hj212Server hj212;

    public IngestService(IngestConfig config) {
        this(config, Hj212GatewayConfig.defaults());
    }

    /**
     * A service whose HJ 212 gateway uses {@code hj212} for everything but its address and port,
     * which come from {@code config}.
     */
    public IngestService(IngestConfig config, Hj212GatewayConfig hj212) {
        this.config = config;
        this.hj212Config = hj212.withListen(config.bindAddress(), config.hj212Port());
        this.producer =
                new KafkaProducer<>(
                        producerSettings(config.bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer());
        this.kafka =
                new KafkaReachability(
                        () ->
                                producer.partitionsFor(Topics.REPORTS.name()).isEmpty()
                                        ? "no partitions for " + Topics.REPORTS.name()
                                        : null,
                        Duration.ofSeconds(5));
    }

    /**
     * Sets the HTTP API's settings (media folder, limits, rates) before {@link #start()}; without
     * it, {@link HttpApiConfig#defaults()} apply, with pictures under {@code ./data/media}.
     */
    public IngestService withHttpApi(HttpApiConfig settings) {
        if (http != null) {
            throw new IllegalStateException("the HTTP API is configured before start()");
        }
        this.httpApiConfig = settings;
        return this;
    }

    static Map<String, Object> producerSettings(String bootstrapServers) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-ingest");
        return settings;
    }

    /** Starts every server; returns once all ports are bound. */
    public IngestService start() throws InterruptedException {
        Map<String, HttpRoute> routes = new LinkedHashMap<>();
        routes.put("GET /health", request -> health());
        httpApi =
                HttpApi.start(
                        httpApiConfig, config.bootstrapServers(), producer, Clock.systemUTC());
        http =
                new IngestHttpServer(
                                config.bindAddress(),
                                config.httpPort(),
                                routes,
                                httpApi.endpoints(),
                                httpApi.executor())
                        .start();
        hj212 = Hj212Server.startOnKafka(hj212Config, producer, config.bootstrapServers());
        return this;
    }

    private io.netty.handler.codec.http.FullHttpResponse health() {
        String problem = kafka.problem();
        return problem == null
                ? HttpResponses.json(
                        HttpResponseStatus.OK, "{\"status\":\"UP\"" + hj212Health() + "}")
                : HttpResponses.json(
                        HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "{\"status\":\"DOWN\",\"detail\":\"Kafka: "
                                + problem.replace("\"", "'")
                                + "\""
                                + hj212Health()
                                + "}");
    }

    /** The HJ 212 gateway's counters as a JSON member, or nothing before it started. */
    private String hj212Health() {
        Hj212Server server = hj212;
        return server == null
                ? ""
                : ",\"hj212\":"
                        + new String(
                                Json.toBytes(server.metrics().snapshot()), StandardCharsets.UTF_8);
    }

    /** The HJ 212 gateway's counters (connections open, frames accepted, ...). */
    public dev.vigil.ingest.hj212.gateway.GatewayMetrics hj212Metrics() {
        return hj212.metrics();
    }

    /** The bound HJ 212 port. */
    public int hj212Port() {
        return hj212.port();
    }

    /** The bound HTTP port. */
    public int httpPort() {
        return http.port();
    }

    /** The producer every ingest server publishes with. */
    public Producer<String, byte[]> producer() {
        return producer;
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        if (httpApi != null) {
            httpApi.close();
        }
        if (hj212 != null) {
            hj212.close();
        }
        kafka.close();
        producer.close(Duration.ofSeconds(10));
    }
}
