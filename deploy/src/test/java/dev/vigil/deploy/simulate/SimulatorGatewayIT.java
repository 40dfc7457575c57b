package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.embedded.TopicSpec;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.Topics;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.report.Report;
import dev.vigil.events.source.Source;
import dev.vigil.ingest.IngestConfig;
import dev.vigil.ingest.IngestService;
import dev.vigil.ingest.api.HttpApiConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain of issue 3: simulated loggers → the real HJ 212 gateway ({@link IngestService}) →
 * a real Kafka broker. Every upload the gateway acknowledged with 9014 is in {@code vigil.reports},
 * once, in the order the logger sent it, with its original DataTime, even with a logger flooding
 * garbage, a thousand silent connections, an offline period with its backlog, and loggers that
 * resend everything before the answer can come.
 */
class SimulatorGatewayIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension().withTopics(TopicSpec.allTopics(2));

    private static final int SILENT_CONNECTIONS = 1_000;

    @TempDir Path data;

    private final Map<String, List<AcknowledgedUpload>> acknowledged = new ConcurrentHashMap<>();

    @Test
    void everyAcknowledgedUploadIsInKafkaOnceAndInOrderPerLogger() throws Exception {
        Scenario scenario =
                ScenarioReader.read(
                        Path.of(getClass().getResource("/simulate/gateway-it.yaml").toURI()));
        // Two more loggers that resend every frame (every 3 ms, up to 30 times) until it is
        // answered.
        // (source ids are registry keys: the two fleets must not share one)
        Scenario tiny = ScenarioReader.read(Scenarios.tiny());
        Scenario impatient =
                new Scenario("impatient", tiny.seed(), tiny.sources().subList(1, 3), List.of());
        List<SocketChannel> silent = new ArrayList<>();
        try (IngestService ingest =
                new IngestService(new IngestConfig("127.0.0.1", 0, 0, KAFKA.bootstrapServers()))
                        .withHttpApi(
                                HttpApiConfig.defaults().toBuilder()
                                        .mediaDir(data.resolve("media"))
                                        .build())
                        .start()) {
            InetSocketAddress gateway = new InetSocketAddress("127.0.0.1", ingest.hj212Port());
            // GIVEN the loggers registered after the gateway started, as with 'vigil up' + simulate
            List<Source> entries =
                    new ArrayList<>(SourceRegistration.entries(scenario, Instant.now()));
            entries.addAll(SourceRegistration.entries(impatient, Instant.now()));
            SourceRegistration.publish(entries, KAFKA.bootstrapServers(), Duration.ofSeconds(15));
            // AND a thousand connections that never say anything, from other source addresses
            LocalAddresses silentFrom = LocalAddresses.spread(SILENT_CONNECTIONS, 250);
            for (int i = 0; i < SILENT_CONNECTIONS; i++) {
                SocketChannel channel = SocketChannel.open();
                channel.bind(new InetSocketAddress(silentFrom.forConnection(i), 0));
                channel.connect(gateway);
                silent.add(channel);
            }

            // WHEN the fleets run for about three simulated minutes at 30x
            FleetStats stats = new FleetStats();
            FleetStats impatientStats = new FleetStats();
            Fleet fleet =
                    new Fleet(
                                    scenario,
                                    FleetConfig.defaults(gateway)
                                            .withAnswerTimeout(Duration.ofSeconds(2)),
                                    SimClock.system(30, Duration.ofHours(1)),
                                    stats,
                                    this::acknowledge)
                            .start();
            Fleet resending =
                    new Fleet(
                                    impatient,
                                    new FleetConfig(
                                            gateway,
                                            1_000,
                                            null,
                                            Duration.ofMillis(3),
                                            30,
                                            1,
                                            1_000,
                                            2),
                                    SimClock.system(30, Duration.ofHours(1)),
                                    impatientStats,
                                    this::acknowledge)
                            .start();
            Thread.sleep(7_000);
            fleet.stop(Duration.ofSeconds(10));
            resending.stop(Duration.ofSeconds(10));

            // THEN every logger's acknowledged uploads are in vigil.reports, once each, in order
            List<String> mns = new ArrayList<>();
            scenario.devices().forEach(d -> mns.add(d.mn()));
            impatient.devices().forEach(d -> mns.add(d.mn()));
            String flooder = scenario.devices().get(5).mn();
            assertThat(acknowledged.keySet()).containsExactlyInAnyOrderElementsOf(mns);
            Map<String, List<Report>> reports =
                    readUntil(
                            Topics.REPORTS.name(),
                            Report.class,
                            Report::mn,
                            byMn -> {
                                for (String mn : mns) {
                                    List<String> qns =
                                            byMn.getOrDefault(mn, List.of()).stream()
                                                    .map(Report::qn)
                                                    .toList();
                                    for (AcknowledgedUpload upload : acknowledged.get(mn)) {
                                        if (!qns.contains(upload.qn())) {
                                            return false;
                                        }
                                    }
                                }
                                return true;
                            });
            for (String mn : mns) {
                List<AcknowledgedUpload> acks = acknowledged.get(mn);
                List<String> ackedQns = acks.stream().map(AcknowledgedUpload::qn).toList();
                List<Report> inKafka = reports.get(mn);
                List<String> kafkaQns = inKafka.stream().map(Report::qn).toList();
                assertThat(kafkaQns)
                        .as("%s: each frame published once", mn)
                        .doesNotHaveDuplicates();
                assertThat(kafkaQns.stream().filter(ackedQns::contains).toList())
                        .as("%s: acknowledged uploads in Kafka, in the order they were sent", mn)
                        .containsExactlyElementsOf(ackedQns);
                Map<String, Report> byQn = new HashMap<>();
                inKafka.forEach(r -> byQn.put(r.qn(), r));
                for (AcknowledgedUpload ack : acks) {
                    Report report = byQn.get(ack.qn());
                    assertThat(report.cn()).isEqualTo(ack.cn());
                    assertThat(report.dataTime()).isEqualTo(ack.dataTime());
                }
                assertThat(acks).as(mn).hasSizeGreaterThan(8);
            }
            // the offline logger uploaded its backlog with the original DataTimes
            String offline = scenario.devices().get(1).mn();
            List<Instant> realtime =
                    reports.get(offline).stream()
                            .filter(r -> r.cn().equals("2011"))
                            .map(Report::dataTime)
                            .toList();
            for (int i = 1; i < realtime.size(); i++) {
                assertThat(Duration.between(realtime.get(i - 1), realtime.get(i)))
                        .isEqualTo(Duration.ofSeconds(10));
            }
            assertThat(stats.backlogSent.sum()).isGreaterThanOrEqualTo(4);
            // the impatient loggers resent, and the gateway published each frame once
            assertThat(impatientStats.resent.sum()).isPositive();
            // the flood was dead-lettered, and did not stop the flooder's own uploads either
            assertThat(stats.garbageInjected.sum()).isEqualTo(2_000);
            readUntil(
                    Topics.DEAD_LETTER.name(),
                    DeadLetter.class,
                    DeadLetter::origin,
                    byOrigin ->
                            byOrigin.values().stream()
                                    .flatMap(List::stream)
                                    .anyMatch(
                                            letter ->
                                                    letter.reason()
                                                            .contains("outside any HJ 212 frame")));
            assertThat(acknowledged.get(flooder)).hasSizeGreaterThan(8);
            assertThat(stats.unanswered()).isZero();
            assertThat(silent).allMatch(SocketChannel::isOpen);
        } finally {
            for (SocketChannel channel : silent) {
                closeQuietly(channel);
            }
        }
    }

    private void acknowledge(AcknowledgedUpload upload) {
        acknowledged.computeIfAbsent(upload.mn(), mn -> new CopyOnWriteArrayList<>()).add(upload);
    }

    /** Reads a topic from the start, grouped by {@code keyOf}, until {@code done} or 60 s. */
    private static <V> Map<String, List<V>> readUntil(
            String topic,
            Class<V> type,
            Function<V, String> keyOf,
            java.util.function.Predicate<Map<String, List<V>>> done) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "simulator-it-" + topic + System.nanoTime());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<V>> byKey = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    V value = dev.vigil.events.Json.fromBytes(record.value(), type);
                    byKey.computeIfAbsent(keyOf.apply(value), k -> new ArrayList<>()).add(value);
                }
                if (done.test(byKey)) {
                    return byKey;
                }
            }
        }
        throw new AssertionError("timed out reading " + topic + "; read " + byKey.keySet());
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a test connection
        }
    }
}
