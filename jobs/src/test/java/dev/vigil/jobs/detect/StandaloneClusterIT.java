package dev.vigil.jobs.detect;

import static dev.vigil.jobs.detect.Fixtures.pct;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.embedded.TopicSpec;
import dev.vigil.embedded.junit.InfluxExtension;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.DataKind;
import dev.vigil.events.Json;
import dev.vigil.events.Severity;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.report.Report;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.cluster.StandaloneFlinkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jobs jar, unchanged, on a real standalone Flink cluster: a JobManager and a
 * TaskManager in processes of their own, run from Flink's jars alone (which the build copies to
 * {@code target/flink-cluster/lib}: no Kafka, nothing of Vigil's), the jar uploaded and run through
 * the REST API with the detection job's main class and options, against real Kafka and InfluxDB. It
 * proves that the jar carries everything the job needs beyond Flink and that the job's main class
 * wires a working job from command-line options only.
 */
class StandaloneClusterIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String RULE = "r-cod-cluster";
    private static final String DAILY_RULE = "r-cod-daily";
    private static final String OUTLET = Fixtures.OUTLET;

    @RegisterExtension
    static final KafkaExtension KAFKA =
            new KafkaExtension()
                    .withTopics(
                            TopicSpec.of(Topics.REPORTS.name(), 2),
                            TopicSpec.of(Topics.VIDEO_EVENTS.name(), 1),
                            TopicSpec.of(Topics.COMPLAINTS.name(), 1),
                            TopicSpec.compacted(Topics.SOURCES.name(), 1),
                            TopicSpec.compacted(Topics.RULES.name(), 1),
                            TopicSpec.of(Topics.ALERTS.name(), 2),
                            TopicSpec.of(Topics.DEAD_LETTER.name(), 1));

    @RegisterExtension static final InfluxExtension INFLUX = new InfluxExtension();

    @TempDir Path home;

    private StandaloneFlinkCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            List<ProcessHandle> processes = cluster.liveProcesses();
            cluster.close();
            // no orphans: the JobManager and TaskManager are gone with the test
            assertThat(processes).noneMatch(ProcessHandle::isAlive);
        }
    }

    @Test
    void theShadedJarRunsDetectionOnAStandaloneCluster() throws Exception {
        Path lib = Path.of(System.getProperty("vigil.flink.lib", "target/flink-cluster/lib"));
        Path jar = Path.of(System.getProperty("vigil.jobs.jar", "missing"));
        assertThat(jar).as("the shaded jar built in package").isRegularFile();
        List<String> opens =
                Arrays.stream(System.getProperty("vigil.jvm.opens", "").trim().split("\\s+"))
                        .filter(s -> !s.isEmpty())
                        .toList();
        assertThat(opens).contains("--add-opens=java.base/java.util=ALL-UNNAMED");
        // what the job needs beyond Flink must come from the jar, not from the cluster
        try (Stream<Path> jars = Files.list(lib)) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .contains("flink-runtime-2.2.1.jar", "flink-runtime-web-2.2.1.jar")
                    .noneMatch(name -> name.startsWith("kafka") || name.startsWith("vigil"))
                    .noneMatch(name -> name.startsWith("flink-connector-kafka"));
        }

        try (KafkaProducer<String, byte[]> producer = producer();
                TopicLog<Alert> alerts =
                        new TopicLog<>(
                                KAFKA.bootstrapServers(), Topics.ALERTS.name(), Alert.class);
                TopicLog<DeadLetter> deadLetters =
                        new TopicLog<>(
                                KAFKA.bootstrapServers(),
                                Topics.DEAD_LETTER.name(),
                                DeadLetter.class)) {
            // GIVEN a registered wastewater source, a real-time COD rule (warning 80 %, alarm
            // 100 % of the 100 mg/L limit, one value enough), a daily one (alarm at 100 %) and,
            // last, an invalid rule
            Source source = Fixtures.source();
            send(producer, Topics.SOURCES.name(), source.sourceId(), source);
            send(
                    producer,
                    Topics.RULES.name(),
                    RULE,
                    Fixtures.rule(
                            RULE,
                            1,
                            DataKind.REALTIME,
                            1,
                            pct(Severity.WARNING, 80),
                            pct(Severity.ALARM, 100)));
            send(
                    producer,
                    Topics.RULES.name(),
                    DAILY_RULE,
                    Fixtures.rule(DAILY_RULE, 1, DataKind.DAILY, 1, pct(Severity.ALARM, 100)));
            send(
                    producer,
                    Topics.RULES.name(),
                    "r-broken",
                    Fixtures.rule("r-broken", 1, DataKind.REALTIME, 1));
            producer.flush();

            // AND a standalone cluster running the detection job from the jar, as an operator
            // would submit it
            Files.createDirectories(home.resolve("cluster"));
            cluster =
                    StandaloneFlinkCluster.start(lib, home.resolve("cluster"), opens, 2, PATIENCE);
            String jarId = cluster.uploadJar(jar);
            String jobId =
                    cluster.runJar(
                            jarId,
                            DetectionJob.class.getName(),
                            List.of(
                                    "--kafka", KAFKA.bootstrapServers(),
                                    "--influx", INFLUX.url(),
                                    "--database", INFLUX.database(),
                                    "--checkpoint-interval", "2s",
                                    "--parallelism", "2"));
            JsonNode job = cluster.awaitRunning(jobId, PATIENCE);
            assertThat(job.path("name").asText()).isEqualTo(DetectionJob.NAME);

            // the invalid rule comes last: once it is dead-lettered, the registry has been read
            deadLetters.await(
                    d -> d.stream().anyMatch(l -> l.reason().contains("r-broken")),
                    PATIENCE,
                    "the invalid rule's dead letter\n" + cluster.logTails());

            // WHEN the device reports 120 mg/L, then 50 mg/L, then a daily average of 150 mg/L
            // for the day that ended two minutes ago (its hours normal: it counts for water)
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Report high = report("2011", now.minusSeconds(60), 120.0);
            Report normal = report("2011", now.minusSeconds(30), 50.0);
            Instant day = now.minus(Duration.ofDays(1)).minusSeconds(120);
            Report daily = report("2031", day, 150.0);
            send(producer, Topics.REPORTS.name(), Fixtures.MN, high);
            send(producer, Topics.REPORTS.name(), Fixtures.MN, normal);
            send(producer, Topics.REPORTS.name(), Fixtures.MN, daily);
            producer.flush();

            // THEN the alarm fires with the report as evidence, the normal value resolves it, and
            // the daily value fires the daily rule's alarm
            String id =
                    Alert.idFor(
                            Alert.Type.THRESHOLD.name(),
                            RULE,
                            source.sourceId(),
                            OUTLET,
                            Fixtures.COD,
                            high.dataTime().toString());
            String dailyId =
                    Alert.idFor(
                            Alert.Type.THRESHOLD.name(),
                            DAILY_RULE,
                            source.sourceId(),
                            OUTLET,
                            Fixtures.COD,
                            day.toString());
            List<Alert> seen =
                    alerts.await(
                            a ->
                                    a.stream()
                                                    .anyMatch(
                                                            x ->
                                                                    x.alertId().equals(id)
                                                                            && x.state()
                                                                                    == Alert.State
                                                                                            .RESOLVED)
                                            && a.stream()
                                                    .anyMatch(x -> x.alertId().equals(dailyId)),
                            PATIENCE,
                            "the real-time alarm RESOLVED and the daily alarm\n"
                                    + cluster.logTails());
            Alert firing =
                    seen.stream()
                            .filter(a -> a.alertId().equals(id))
                            .filter(a -> a.state() == Alert.State.FIRING)
                            .findFirst()
                            .orElseThrow();
            assertThat(firing.alertId()).isEqualTo(id);
            assertThat(firing.type()).isEqualTo(Alert.Type.THRESHOLD);
            assertThat(firing.severity()).isEqualTo(Severity.ALARM);
            assertThat(firing.sourceId()).isEqualTo(source.sourceId());
            assertThat(firing.pollutantCode()).isEqualTo(Fixtures.COD);
            assertThat(firing.value()).isEqualTo(120.0);
            assertThat(firing.ruleId()).isEqualTo(RULE);
            assertThat(firing.evidence()).extracting(Evidence::ref).contains(high.rawDigest());
            assertThat(seen)
                    .filteredOn(a -> a.state() == Alert.State.RESOLVED)
                    .extracting(Alert::alertId)
                    .containsOnly(id);
            Alert dailyAlarm =
                    seen.stream()
                            .filter(a -> a.alertId().equals(dailyId))
                            .findFirst()
                            .orElseThrow();
            assertThat(dailyAlarm.state()).isEqualTo(Alert.State.FIRING);
            assertThat(dailyAlarm.dataKind()).isEqualTo(DataKind.DAILY);
            assertThat(dailyAlarm.value()).isEqualTo(150.0);
            assertThat(seen).extracting(Alert::alertId).containsOnly(id, dailyId);

            // AND the job is still running on the cluster
            assertThat(cluster.job(jobId).path("state").asText()).isEqualTo("RUNNING");
        }
    }

    private static Report report(String cn, Instant dataTime, double value) {
        return Fixtures.report(
                Fixtures.MN, cn, dataTime, Duration.between(dataTime, Instant.now()), value, "N");
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KAFKA.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static void send(
            KafkaProducer<String, byte[]> producer, String topic, String key, Object value) {
        producer.send(new ProducerRecord<>(topic, key, Json.toBytes(value)));
    }
}
