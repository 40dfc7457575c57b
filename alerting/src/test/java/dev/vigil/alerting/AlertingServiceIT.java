package dev.vigil.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.embedded.TopicSpec;
import dev.vigil.embedded.junit.KafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AlertingServiceIT {
    private static final String TOPIC = "vigil.incidents";

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension().withTopics(TopicSpec.of(TOPIC, 2));

    @Test
    void handlesEveryEventCommitsOnlyAfterHandlingAndReportsHealth() throws Exception {
        publish("inc-1", "inc-2", "inc-3");
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        AlertingConfig config =
                new AlertingConfig(KAFKA.bootstrapServers(), "alerting-it", "127.0.0.1", 0);

        // GIVEN a handler that fails the first time it sees inc-2
        try (AlertingService service =
                new AlertingService(
                                config,
                                TOPIC,
                                record -> {
                                    if (record.key().equals("inc-2")
                                            && failedOnce.compareAndSet(false, true)) {
                                        throw new IllegalStateException("receiver unavailable");
                                    }
                                    handled.add(record.key());
                                })
                        .start()) {
            // THEN every event is handled, inc-2 after its retry, and health turns UP
            awaitUntil(() -> handled.containsAll(List.of("inc-1", "inc-2", "inc-3")));
            assertThat(failedOnce).isTrue();
            HttpResponse<String> health = health(service.healthPort());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");
        }

        // WHEN the service restarts with the same group, committed events are not handled again
        List<String> afterRestart = new CopyOnWriteArrayList<>();
        publish("inc-4");
        try (AlertingService service =
                new AlertingService(config, TOPIC, record -> afterRestart.add(record.key()))
                        .start()) {
            awaitUntil(() -> afterRestart.contains("inc-4"));
            Thread.sleep(500);
            assertThat(afterRestart).containsExactly("inc-4");
        }
    }

    @Test
    void healthIsDownWhileKafkaCannotBeReached() throws Exception {
        AlertingConfig config = new AlertingConfig("127.0.0.1:1", "alerting-down", "127.0.0.1", 0);
        try (AlertingService service = new AlertingService(config, TOPIC, record -> {}).start()) {
            HttpResponse<String> health = health(service.healthPort());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("DOWN");
        }
    }

    private static void publish(String... keys) throws Exception {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (String key : keys) {
                producer.send(
                                new ProducerRecord<>(
                                        TOPIC,
                                        key,
                                        ("{\"incidentId\":\"" + key + "\"}")
                                                .getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        }
    }

    private static HttpResponse<String> health(int port) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
