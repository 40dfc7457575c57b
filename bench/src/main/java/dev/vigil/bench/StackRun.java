package dev.vigil.bench;

import dev.vigil.deploy.EmbeddedStack;
import dev.vigil.deploy.config.VigilConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The whole system as {@code deploy/vigil up} runs it ({@link EmbeddedStack}: embedded Kafka,
 * InfluxDB, Flink with the three jobs, ingest, alerting, console) on free ports and a temporary
 * data folder, with the probe logger registered and a console client signed in as admin watching
 * {@code /api/stream}.
 */
final class StackRun implements AutoCloseable {

    static final String ADMIN_PASSWORD = "bench-admin-password-1";

    final Path dir;
    final EmbeddedStack stack;
    final ProbeLogger probe = new ProbeLogger();
    final AlertWatch watch = new AlertWatch(probe);
    final AlertTap tap;
    final Admin admin;

    private StackRun(Path dir, EmbeddedStack stack) {
        this.dir = dir;
        this.stack = stack;
        this.admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                stack.bootstrapServers()));
        this.tap = new AlertTap(stack.bootstrapServers(), probe);
    }

    static StackRun start() throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench-stack");
        VigilConfig config =
                VigilConfig.load(
                        null,
                        Map.ofEntries(
                                Map.entry("VIGIL_DATA_DIR", dir.toString()),
                                Map.entry("VIGIL_KAFKA_EMBEDDED_PORT", "0"),
                                Map.entry("VIGIL_KAFKA_EMBEDDED_CONTROLLER_PORT", "0"),
                                Map.entry("VIGIL_FLINK_EMBEDDED_REST_PORT", "0"),
                                Map.entry("VIGIL_INFLUXDB_EMBEDDED_PORT", "0"),
                                Map.entry("VIGIL_INGEST_BIND_ADDRESS", "127.0.0.1"),
                                Map.entry("VIGIL_INGEST_HJ212_PORT", "0"),
                                Map.entry("VIGIL_INGEST_HTTP_PORT", "0"),
                                Map.entry("VIGIL_ALERTING_HEALTH_PORT", "0"),
                                Map.entry("VIGIL_CONSOLE_BIND_ADDRESS", "127.0.0.1"),
                                Map.entry("VIGIL_CONSOLE_PORT", "0"),
                                Map.entry("VIGIL_CONSOLE_ADMIN_PASSWORD", ADMIN_PASSWORD)));
        long t0 = System.nanoTime();
        EmbeddedStack stack = new EmbeddedStack(config).start();
        StackRun run = new StackRun(dir, stack);
        try {
            run.awaitHealthy();
            System.out.printf(
                    "bench: stack healthy after %.0f s%n", (System.nanoTime() - t0) / 1e9);
            ProbeLogger.register(stack.bootstrapServers(), Instant.now());
            run.watch.open(stack.consolePort(), ADMIN_PASSWORD);
            run.tap.start();
            // Let the jobs read the probe's source and rule before it sends.
            Thread.sleep(3_000);
            run.probe.start(stack.hj212Port());
            return run;
        } catch (Exception e) {
            run.close();
            throw e;
        }
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + stack.consolePort() + "/api/health");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(health).build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the stack did not turn healthy within 180 s");
    }

    /** Waits until the probe's alerts reach the console client (the jobs are warm). */
    void awaitProbeAlerts(int count, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline
                && probe.console.firing.sentBetween(Long.MIN_VALUE, Long.MAX_VALUE).length
                        < count) {
            Thread.sleep(250);
        }
    }

    /** Records in all partitions of a topic (end offsets). */
    long stored(String topic) throws Exception {
        var partitions =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var p : partitions) {
            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    /** Offsets a consumer group has committed on a topic, summed over partitions. */
    long committed(String group, String topic) throws Exception {
        return admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get()
                .entrySet()
                .stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    @Override
    public void close() {
        watch.close();
        tap.close();
        try {
            probe.close();
        } catch (Exception e) {
            // closing
        }
        admin.close();
        stack.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.err.println("bench: could not delete " + dir + ": " + e);
        }
    }
}
