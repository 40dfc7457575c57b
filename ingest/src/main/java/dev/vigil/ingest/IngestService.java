package dev.vigil.ingest;

import dev.vigil.events.Topics;
import dev.vigil.ingest.http.HttpResponses;
import dev.vigil.ingest.http.HttpRoute;
import dev.vigil.ingest.http.IngestHttpServer;
import io.netty.handler.codec.http.HttpResponseStatus;
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

    public IngestService(IngestConfig config) {
        this.config = config;
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
        http = new IngestHttpServer(config.bindAddress(), config.httpPort(), routes).start();
        return this;
    }

    private io.netty.handler.codec.http.FullHttpResponse health() {
        String problem = kafka.problem();
        return problem == null
                ? HttpResponses.json(HttpResponseStatus.OK, "{\"status\":\"UP\"}")
                : HttpResponses.json(
                        HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "{\"status\":\"DOWN\",\"detail\":\"Kafka: "
                                + problem.replace("\"", "'")
                                + "\"}");
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
        kafka.close();
        producer.close(Duration.ofSeconds(10));
    }
}
