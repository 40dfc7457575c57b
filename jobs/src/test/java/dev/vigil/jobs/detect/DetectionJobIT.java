package dev.vigil.jobs.detect;

import static dev.vigil.jobs.detect.Fixtures.pct;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.embedded.TopicSpec;
import dev.vigil.embedded.junit.FlinkExtension;
import dev.vigil.embedded.junit.InfluxExtension;
import dev.vigil.embedded.junit.KafkaExtension;
import dev.vigil.events.DataKind;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Json;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.StableId;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.ProtocolVersion;
import dev.vigil.events.report.Report;
import dev.vigil.events.rule.RuleLevel;
import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Camera;
import dev.vigil.events.source.Device;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import dev.vigil.events.video.VideoEvent;
import dev.vigil.events.video.VideoVendor;
import dev.vigil.jobs.JobsConfig;
import dev.vigil.jobs.influx.InfluxRows;
import dev.vigil.jobs.influx.InfluxSinkConfig;
import dev.vigil.jobs.readings.ReadingsJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection job end to end at parallelism 2 on real Kafka, Flink and InfluxDB: a scripted
 * scenario with known answers (exceedances at each level, maintenance, a late backlog, an offline
 * and a never-reporting device, a flatline, faults, a mismatching hourly upload, an absurd clock,
 * video, a complaint, a rule changed mid-stream), with the job cancelled in the middle and restored
 * from its retained checkpoint.
 *
 * <p>Every expected alert record must appear, none other, after deduplicating by {@code (alertId,
 * state, severity, eventTime, revised)} as consumers do; how many raw duplicates the restore caused
 * is logged.
 */
class DetectionJobIT {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionJobIT.class);

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

    @RegisterExtension static final FlinkExtension FLINK = new FlinkExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Instant T0 = Fixtures.T0;

    private static final String COD = "w01018";
    private static final String SO2 = "a21026";
    private static final String WS = "WS-01";
    private static final String FG = "FG-01";

    // Partition 0: the paper mill's, the dye works' and the tannery's devices.
    private static final String MN_A = "LD1301310000A1";
    private static final String MN_C = "LD1301310000C1";
    private static final String MN_E = "LD1301310000E1";
    // Partition 1: the boiler's device, and the dye works' device that never reports.
    private static final String MN_B = "LD1301310000B1";
    private static final String MN_D = "LD1301310000D1";

    private static final String PAPER = "src-paper";
    private static final String BOILER = "src-boiler";
    private static final String DYE = "src-dye";
    private static final String TANNERY = "src-tannery";

    private static final String R_REALTIME = "r-cod-realtime";
    private static final String R_HOURLY = "r-cod-hourly";

    @TempDir Path checkpoints;

    private final Map<String, Integer> partitionOf =
            Map.of(MN_A, 0, MN_C, 0, MN_E, 0, MN_B, 1, MN_D, 1);

    @Test
    void scenarioRaisesExactlyTheExpectedAlertsAcrossACancelAndRestore() throws Exception {
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer();
                TopicLog<Alert> alerts =
                        new TopicLog<>(
                                KAFKA.bootstrapServers(), Topics.ALERTS.name(), Alert.class);
                TopicLog<DeadLetter> deadLetters =
                        new TopicLog<>(
                                KAFKA.bootstrapServers(),
                                Topics.DEAD_LETTER.name(),
                                DeadLetter.class)) {
            // GIVEN the registry: four sources, an invalid one, two rules and an invalid rule
            Source dye = source(DYE, 31.30, device(MN_C, WS, 4), device(MN_D, WS, 4));
            for (Source source :
                    List.of(
                            source(PAPER, 31.20, device(MN_A, WS, 300)),
                            boiler(),
                            dye,
                            source(TANNERY, 31.40, device(MN_E, WS, 300)),
                            invalidSource())) {
                send(producer, Topics.SOURCES.name(), null, source.sourceId(), source);
            }
            send(producer, Topics.RULES.name(), null, R_REALTIME, realtimeRule(1, 80));
            send(producer, Topics.RULES.name(), null, R_HOURLY, hourlyRule());
            ThresholdRule broken =
                    new ThresholdRule(
                            "r-broken",
                            1,
                            "broken",
                            new RuleScope(null, null, COD, "key-water"),
                            DataKind.REALTIME,
                            ThresholdRule.Comparison.ABOVE,
                            List.of(),
                            Fixtures.realtimeRule(1).persistence(),
                            0.9,
                            true,
                            "staff",
                            T0,
                            false);
            send(producer, Topics.RULES.name(), null, "r-broken", broken);
            producer.flush();

            JobClient readingsJob = ReadingsJob.submit(FLINK.environment(), jobsConfig());
            // The first run checkpoints every 5 s (still less than the 8 s offline timeout of the
            // dye works' devices; see OfflineWatcher), the restored one every second.
            JobClient job = submitDetection(null, Duration.ofSeconds(5));

            // The invalid entries come last in their topics: once both are dead-lettered, the
            // registry has been read.
            deadLetters.await(
                    d ->
                            d.stream().anyMatch(l -> l.reason().contains("r-broken"))
                                    && d.stream().anyMatch(l -> l.reason().contains("src-broken")),
                    PATIENCE,
                    "dead letters of the invalid registry entries");
            Thread.sleep(1_000);

            // WHEN phase 1 of the scenario happens (hours 0 to 2 and the start of hour 3)
            List<Timed<Report>> phase1 = phase1();
            for (Timed<Report> report : phase1) {
                sendReport(producer, report.value());
            }
            producer.flush();
            Map<Key, Alert> phase1Expected = expectedPhase1(phase1, dye);
            Set<Key> phase1b =
                    phase1Expected.keySet().stream()
                            .filter(
                                    k ->
                                            k.alertId().equals(videoId())
                                                    || k.alertId()
                                                            .equals(
                                                                    Alert.idFor(
                                                                            "COMPLAINT", "C-1")))
                            .collect(Collectors.toSet());
            Set<Key> phase1a = new LinkedHashSet<>(phase1Expected.keySet());
            phase1a.removeAll(phase1b);
            alerts.await(a -> dedupe(a).keySet().containsAll(phase1a), PATIENCE, "phase 1 alerts");

            // AND, just before the kill, a video event and a complaint: their alerts most likely
            // come after the last checkpoint, so the restored job emits them again
            send(
                    producer,
                    Topics.VIDEO_EVENTS.name(),
                    null,
                    "CAM-1",
                    video("v-1", VideoEvent.Type.SMOKE, VideoEvent.State.START, 0.9, at(2, 15)));
            send(
                    producer,
                    Topics.VIDEO_EVENTS.name(),
                    null,
                    "CAM-1",
                    video("v-2", VideoEvent.Type.FIRE, VideoEvent.State.START, 0.2, at(2, 16)));
            send(producer, Topics.COMPLAINTS.name(), null, "C-1", complaint());
            producer.flush();
            alerts.await(
                    a -> dedupe(a).keySet().containsAll(phase1b),
                    PATIENCE,
                    "video and complaint alerts");

            // AND the job is killed and restored from its last retained checkpoint
            JobID firstRun = job.getJobID();
            job.cancel().get(30, TimeUnit.SECONDS);
            awaitStatus(firstRun, JobStatus.CANCELED);
            Path checkpoint = newestCheckpoint(checkpoints.resolve(firstRun.toHexString()));
            int rawBeforeRestore = alerts.all().size();
            JobClient restored = submitDetection(checkpoint, Duration.ofSeconds(1));

            // AND phase 2 happens: the rule changes, hours 3 to 5, a device returns, a backlog
            // of hour 0 arrives, the video event ends
            RecordMetadata ruleV2 =
                    producer.send(
                                    new ProducerRecord<>(
                                            Topics.RULES.name(),
                                            R_REALTIME,
                                            Json.toBytes(realtimeRule(2, 50))))
                            .get();
            // Reports and rules come from different topics, so nothing orders them; a completed
            // checkpoint past the rule's offset proves every operator has applied it (barriers
            // are aligned), so phase 2 is judged by version 2 however loaded the machine is.
            awaitCommittedPast(ruleV2);
            List<Timed<Report>> phase2 = phase2();
            for (Timed<Report> report : phase2) {
                sendReport(producer, report.value());
            }
            send(
                    producer,
                    Topics.VIDEO_EVENTS.name(),
                    null,
                    "CAM-1",
                    video("v-3", VideoEvent.Type.SMOKE, VideoEvent.State.END, 0.9, at(3, 20)));
            producer.flush();

            // THEN exactly the expected alert records arrive, each once after deduplication
            Map<Key, Alert> expected = new LinkedHashMap<>(phase1Expected);
            expected.putAll(expectedPhase2(phase2));
            alerts.await(
                    a -> dedupe(a).keySet().containsAll(expected.keySet()),
                    PATIENCE,
                    "all expected alerts " + expected.keySet());
            Thread.sleep(3_000); // room for an unexpected straggler
            List<Alert> raw = alerts.all();
            Map<Key, Alert> seen = dedupe(raw);
            assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (Map.Entry<Key, Alert> entry : expected.entrySet()) {
                checkAgainst(seen.get(entry.getKey()), entry.getValue());
            }
            Map<Key, Long> copies =
                    raw.stream().collect(Collectors.groupingBy(Key::of, Collectors.counting()));
            LOG.info(
                    "{} raw alert records ({} before the restore) for {} distinct ones; raw"
                            + " duplicates (same id, state, severity, event time): {}",
                    raw.size(),
                    rawBeforeRestore,
                    seen.size(),
                    copies.entrySet().stream()
                            .filter(e -> e.getValue() > 1)
                            .map(
                                    e ->
                                            seen.get(e.getKey()).type()
                                                    + " "
                                                    + e.getKey().state()
                                                    + " x"
                                                    + e.getValue())
                            .toList());

            // AND the device that went offline before the restore and reported after it is
            // resolved exactly once, also counting raw records
            assertThat(raw)
                    .filteredOn(
                            a ->
                                    a.type() == Alert.Type.OFFLINE
                                            && a.state() == Alert.State.RESOLVED)
                    .extracting(Alert::alertId)
                    .containsExactly(
                            Alert.idFor(
                                    "OFFLINE", DYE, MN_C, "last-heard " + at(0, 7).plusSeconds(2)));

            // AND the rejected input is in the dead-letter topic
            List<DeadLetter> rejected = deadLetters.all();
            assertThat(rejected)
                    .anySatisfy(
                            d -> {
                                assertThat(d.origin()).isEqualTo(Topics.REPORTS.name());
                                assertThat(d.field()).isEqualTo("DataTime");
                                assertThat(d.detail()).containsEntry("mn", MN_A);
                            })
                    .anySatisfy(d -> assertThat(d.reason()).contains("levels: at least one"));

            // AND alerts, hourly values and readings are queryable in InfluxDB
            List<Map<String, Object>> alertRows =
                    awaitRows("SELECT * FROM alert", rows -> rows.size() >= 10);
            assertThat(alertRows)
                    .anySatisfy(
                            r -> {
                                assertThat(r).containsEntry("type", "threshold");
                                assertThat(r).containsEntry("source", PAPER);
                                assertThat(r)
                                        .containsEntry(
                                                "alert_id",
                                                Alert.idFor(
                                                        "THRESHOLD",
                                                        R_REALTIME,
                                                        PAPER,
                                                        WS,
                                                        COD,
                                                        at(0, 12).toString()));
                            });
            List<Map<String, Object>> hourRows =
                    awaitRows(
                            "SELECT * FROM hourly WHERE mn = '" + MN_E + "' AND revised = true",
                            rows -> !rows.isEmpty());
            assertThat(hourRows.get(0))
                    .containsEntry("time", T0.toEpochMilli())
                    .containsEntry("basis", "computed")
                    .containsEntry("valid_count", 12.0);
            // The absurd DataTime did not move the watermark: hour 2 was judged once, complete.
            List<Map<String, Object>> hour2 =
                    awaitRows(
                            "SELECT * FROM hourly WHERE mn = '"
                                    + MN_A
                                    + "' AND time = '"
                                    + at(2, 0)
                                    + "'",
                            rows -> !rows.isEmpty());
            assertThat(hour2.get(0))
                    .containsEntry("revised", false)
                    .containsEntry("valid_count", 12.0)
                    .containsEntry("basis", "official")
                    .containsEntry("value", 20.0);
            List<Map<String, Object>> readings =
                    awaitRows(
                            "SELECT * FROM reading WHERE mn = '" + MN_A + "'",
                            rows -> rows.size() >= 12 * 5);
            assertThat(readings)
                    .isNotEmpty()
                    .allSatisfy(
                            r ->
                                    assertThat(r)
                                            .containsEntry("source", PAPER)
                                            .containsEntry("outlet", WS)
                                            .doesNotContainKey("registered"));

            assertThat(restored.getJobStatus().get(10, TimeUnit.SECONDS))
                    .isEqualTo(JobStatus.RUNNING);
            restored.cancel().get(30, TimeUnit.SECONDS);
            readingsJob.cancel().get(30, TimeUnit.SECONDS);
            LOG.info(
                    "Detection scenario took {} s",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }
    }

    // ---- the scenario ----

    /** Hours 0 to 2 of every device and the start of hour 3, in the order the gateway got them. */
    private List<Timed<Report>> phase1() {
        List<Timed<Report>> reports = new ArrayList<>();
        double[] paper0 = {70, 70, 85, 90, 110, 160, 170, 140, 95, 60, 50, 50};
        double[] paper1 = {60, 65, 200, 210, 220, 230, 200, 60, 55, 50, 50, 50};
        String[] flags1 = {"N", "N", "M", "M", "M", "M", "C", "N", "N", "N", "N", "N"};
        double[] boiler0 = {30, 31, 32, 33, 33, 33, 33, 33, 34, 35, 36, 37};
        double[] boiler1 = {40, -5, -6, 41, 42, 43, 44, 45, 46, 47, 48, 49};
        String[] boilerFlags1 = {"N", "N", "N", "N", "D", "D", "N", "B", "B", "N", "N", "N"};
        for (int i = 0; i < 12; i++) {
            int minute = 5 * i + 2;
            reports.add(realtime(MN_A, COD, at(0, minute), paper0[i], "N"));
            reports.add(realtime(MN_A, COD, at(1, minute), paper1[i], flags1[i]));
            reports.add(realtime(MN_A, COD, at(2, minute), 51 + i % 3, "N"));
            reports.add(realtime(MN_B, SO2, at(0, minute), boiler0[i], "N"));
            reports.add(realtime(MN_B, SO2, at(1, minute), boiler1[i], boilerFlags1[i]));
            reports.add(realtime(MN_B, SO2, at(2, minute), 50 + i, "N"));
        }
        // The tannery reports the first 20 minutes of hour 0, then loses its connection.
        for (int minute = 2; minute < 20; minute += 5) {
            reports.add(realtime(MN_E, COD, at(0, minute), 60, "N"));
        }
        // The dye works' first device reports twice, then falls silent.
        reports.add(realtime(MN_C, COD, at(0, 2), 40, "N"));
        reports.add(realtime(MN_C, COD, at(0, 7), 40, "N"));
        // The paper mill's own hourly values: agreeing (hour 0), in maintenance (1), far off (2).
        reports.add(hourly(MN_A, at(0, 0), 101.0, "N"));
        reports.add(hourly(MN_A, at(1, 0), 150.0, "M"));
        reports.add(hourly(MN_A, at(2, 0), 20.0, "N"));
        // A frame from a logger whose clock says 2099.
        reports.add(
                new Timed<>(
                        at(2, 30),
                        report(
                                MN_A,
                                "2011",
                                Instant.parse("2099-01-01T00:00:00Z"),
                                at(2, 30),
                                pollutant(COD, 55.0, null, "N"))));
        for (int minute : new int[] {2, 7}) {
            reports.add(realtime(MN_A, COD, at(3, minute), 40 + minute % 3, "N"));
            reports.add(realtime(MN_B, SO2, at(3, minute), 60 + minute, "N"));
        }
        reports.sort(Comparator.comparing(Timed::time));
        return reports;
    }

    /**
     * The rest of hour 3 to the start of hour 5, the dye works' return and the tannery's backlog.
     */
    private List<Timed<Report>> phase2() {
        List<Timed<Report>> reports = new ArrayList<>();
        double[] paper3 = {55, 60, 40, 41, 42, 40, 41, 42, 40, 41};
        for (int i = 0; i < 10; i++) {
            int minute = 5 * i + 12;
            reports.add(realtime(MN_A, COD, at(3, minute), paper3[i], "N"));
            reports.add(realtime(MN_B, SO2, at(3, minute), 70 + i, "N"));
        }
        for (int i = 0; i < 12; i++) {
            reports.add(realtime(MN_A, COD, at(4, 5 * i + 2), 40 + i % 3, "N"));
            reports.add(realtime(MN_B, SO2, at(4, 5 * i + 2), 80 + i, "N"));
        }
        for (int minute : new int[] {2, 7, 12}) {
            reports.add(realtime(MN_A, COD, at(5, minute), 40 + minute % 3, "N"));
            reports.add(realtime(MN_B, SO2, at(5, minute), 95 + minute, "N"));
        }
        reports.add(realtime(MN_C, COD, at(3, 12), 40, "N"));
        // The tannery uploads the rest of hour 0 after reconnecting at 03:10.
        for (int i = 0; i < 8; i++) {
            Instant dataTime = at(0, 22 + 5 * i);
            Instant received = at(3, 10).plusSeconds(i);
            reports.add(
                    new Timed<>(
                            received,
                            report(
                                    MN_E,
                                    "2011",
                                    dataTime,
                                    received,
                                    pollutant(COD, 130.0, null, "N"))));
        }
        reports.sort(Comparator.comparing(Timed::time));
        return reports;
    }

    private Map<Key, Alert> expectedPhase1(List<Timed<Report>> reports, Source dye) {
        Map<Key, Alert> expected = new LinkedHashMap<>();
        String e1 = Alert.idFor("THRESHOLD", R_REALTIME, PAPER, WS, COD, at(0, 12).toString());
        put(
                expected,
                e1,
                Alert.State.FIRING,
                Severity.WARNING,
                at(0, 17),
                false,
                evidence(reports, MN_A, at(0, 12), at(0, 17)));
        put(expected, e1, Alert.State.FIRING, Severity.ALARM, at(0, 22), false, null);
        put(expected, e1, Alert.State.FIRING, Severity.SEVERE, at(0, 27), false, null);
        put(expected, e1, Alert.State.FIRING, Severity.ALARM, at(0, 42), false, null);
        put(expected, e1, Alert.State.RESOLVED, Severity.ALARM, at(0, 47), false, null);

        String e2 = Alert.idFor("HOURLY_EXCEEDANCE", R_HOURLY, PAPER, WS, COD, at(0, 0).toString());
        put(
                expected,
                e2,
                Alert.State.FIRING,
                Severity.ALARM,
                at(0, 0),
                false,
                List.of(hourlyDigest(reports, MN_A, at(0, 0))));
        put(expected, e2, Alert.State.RESOLVED, Severity.ALARM, at(2, 0), false, null);

        String e3 = Alert.idFor("MAINTENANCE", PAPER, WS, COD, MN_A, at(1, 12).toString());
        put(
                expected,
                e3,
                Alert.State.FIRING,
                Severity.INFO,
                at(1, 12),
                false,
                evidence(reports, MN_A, at(1, 12)));
        put(expected, e3, Alert.State.RESOLVED, Severity.INFO, at(1, 37), false, null);

        String e4 = Alert.idFor("DATA_MISMATCH", PAPER, WS, COD, MN_A, at(2, 0).toString());
        put(
                expected,
                e4,
                Alert.State.FIRING,
                Severity.ALARM,
                at(2, 0),
                false,
                List.of(
                        hourlyDigest(reports, MN_A, at(2, 0)),
                        StableId.of("hourly", MN_A, COD, Long.toString(at(2, 0).toEpochMilli()))));

        String e5 = Alert.idFor("FLATLINE", BOILER, FG, SO2, MN_B, at(0, 17).toString());
        put(
                expected,
                e5,
                Alert.State.FIRING,
                Severity.WARNING,
                at(0, 37),
                false,
                evidence(reports, MN_B, at(0, 17), at(0, 22), at(0, 27), at(0, 32), at(0, 37)));
        put(expected, e5, Alert.State.RESOLVED, Severity.WARNING, at(0, 42), false, null);

        String e6 = Alert.idFor("IMPOSSIBLE_VALUE", BOILER, FG, SO2, MN_B, at(1, 7).toString());
        put(
                expected,
                e6,
                Alert.State.FIRING,
                Severity.WARNING,
                at(1, 7),
                false,
                evidence(reports, MN_B, at(1, 7)));
        put(expected, e6, Alert.State.RESOLVED, Severity.WARNING, at(1, 17), false, null);
        String e7 = Alert.idFor("DEVICE_FAULT", BOILER, FG, SO2, MN_B, at(1, 22).toString());
        put(
                expected,
                e7,
                Alert.State.FIRING,
                Severity.WARNING,
                at(1, 22),
                false,
                evidence(reports, MN_B, at(1, 22)));
        put(expected, e7, Alert.State.RESOLVED, Severity.WARNING, at(1, 32), false, null);
        String e8 = Alert.idFor("COMMUNICATION_FAULT", BOILER, FG, SO2, MN_B, at(1, 37).toString());
        put(expected, e8, Alert.State.FIRING, Severity.WARNING, at(1, 37), false, null);
        put(expected, e8, Alert.State.RESOLVED, Severity.WARNING, at(1, 47), false, null);

        Instant lastHeardC = at(0, 7).plusSeconds(2);
        String e9 = Alert.idFor("OFFLINE", DYE, MN_C, "last-heard " + lastHeardC);
        put(
                expected,
                e9,
                Alert.State.FIRING,
                Severity.WARNING,
                lastHeardC,
                false,
                evidence(reports, MN_C, at(0, 7)));
        String e10 = Alert.idFor("OFFLINE", DYE, MN_D, "registered " + dye.updatedAt());
        put(expected, e10, Alert.State.FIRING, Severity.WARNING, dye.updatedAt(), false, List.of());

        String e14 = videoId();
        put(expected, e14, Alert.State.FIRING, Severity.ALARM, at(2, 15), false, List.of("v-1"));
        String e15 = Alert.idFor("COMPLAINT", "C-1");
        put(expected, e15, Alert.State.FIRING, Severity.WARNING, at(2, 40), false, List.of("C-1"));
        return expected;
    }

    private Map<Key, Alert> expectedPhase2(List<Timed<Report>> reports) {
        Map<Key, Alert> expected = new LinkedHashMap<>();
        String e13 = Alert.idFor("THRESHOLD", R_REALTIME, PAPER, WS, COD, at(3, 12).toString());
        put(
                expected,
                e13,
                Alert.State.FIRING,
                Severity.WARNING,
                at(3, 17),
                false,
                evidence(reports, MN_A, at(3, 12), at(3, 17)));
        put(expected, e13, Alert.State.RESOLVED, Severity.WARNING, at(3, 22), false, null);

        Instant lastHeardC = at(0, 7).plusSeconds(2);
        String e9 = Alert.idFor("OFFLINE", DYE, MN_C, "last-heard " + lastHeardC);
        put(
                expected,
                e9,
                Alert.State.RESOLVED,
                Severity.WARNING,
                at(3, 12).plusSeconds(2),
                false,
                null);
        Instant backC = at(3, 12).plusSeconds(2);
        String e9b = Alert.idFor("OFFLINE", DYE, MN_C, "last-heard " + backC);
        put(expected, e9b, Alert.State.FIRING, Severity.WARNING, backC, false, null);

        String e12 =
                Alert.idFor("HOURLY_EXCEEDANCE", R_HOURLY, TANNERY, WS, COD, at(0, 0).toString());
        put(
                expected,
                e12,
                Alert.State.FIRING,
                Severity.ALARM,
                at(0, 0),
                true,
                List.of(StableId.of("hourly", MN_E, COD, Long.toString(at(0, 0).toEpochMilli()))));

        String e14 = videoId();
        put(expected, e14, Alert.State.RESOLVED, Severity.ALARM, at(3, 20), false, null);
        return expected;
    }

    private static String videoId() {
        return Alert.idFor("VIDEO", "CAM-1", "SMOKE", at(2, 15).toString());
    }

    // ---- what an alert record is, for deduplication and comparison ----

    /** What makes two alert records the same record: consumers deduplicate on it. */
    record Key(
            String alertId,
            Alert.State state,
            Severity severity,
            Instant eventTime,
            boolean revised) {
        static Key of(Alert alert) {
            return new Key(
                    alert.alertId(),
                    alert.state(),
                    alert.severity(),
                    alert.eventTime(),
                    alert.revised());
        }
    }

    private static Map<Key, Alert> dedupe(List<Alert> alerts) {
        Map<Key, Alert> seen = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            seen.put(Key.of(alert), alert);
        }
        return seen;
    }

    /** Expects a record; {@code refs} the evidence refs it must carry in order, null for any. */
    private static void put(
            Map<Key, Alert> expected,
            String id,
            Alert.State state,
            Severity severity,
            Instant eventTime,
            boolean revised,
            List<String> refs) {
        List<Evidence> evidence =
                refs == null
                        ? null
                        : refs.stream()
                                .map(
                                        ref ->
                                                new Evidence(
                                                        Evidence.Kind.READING, ref, T0, null, null))
                                .toList();
        Alert alert =
                new Alert(
                        id,
                        Alert.Type.OFFLINE,
                        severity,
                        state,
                        "-",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        evidence == null
                                ? List.of(new Evidence(Evidence.Kind.ALERT, "any", T0, null, null))
                                : evidence,
                        eventTime,
                        T0,
                        revised,
                        false,
                        "-");
        expected.put(new Key(id, state, severity, eventTime, revised), alert);
    }

    private static void checkAgainst(Alert actual, Alert expected) {
        boolean anyEvidence =
                expected.evidence().size() == 1
                        && expected.evidence().get(0).kind() == Evidence.Kind.ALERT;
        if (!anyEvidence) {
            assertThat(actual.evidence())
                    .as("evidence of %s %s", actual.type(), actual.state())
                    .extracting(Evidence::ref)
                    .containsExactlyElementsOf(
                            expected.evidence().stream().map(Evidence::ref).toList());
        }
        assertThat(actual.sourceId()).isNotBlank();
        assertThat(actual.detectedAt()).isAfter(Instant.parse("2025-01-01T00:00:00Z"));
        if (actual.type() == Alert.Type.THRESHOLD
                || actual.type() == Alert.Type.HOURLY_EXCEEDANCE) {
            assertThat(actual.ruleId()).isNotNull();
            assertThat(actual.limit()).isNotNull();
            if (actual.ruleId().equals(R_REALTIME)) {
                assertThat(actual.ruleVersion())
                        .isEqualTo(actual.eventTime().isBefore(at(3, 0)) ? 1L : 2L);
            }
        }
    }

    private static List<String> evidence(List<Timed<Report>> reports, String mn, Instant... times) {
        List<String> refs = new ArrayList<>();
        for (Instant time : times) {
            refs.add(
                    reports.stream()
                            .map(Timed::value)
                            .filter(
                                    r ->
                                            r.mn().equals(mn)
                                                    && r.cn().equals("2011")
                                                    && time.equals(r.dataTime()))
                            .findFirst()
                            .orElseThrow()
                            .rawDigest());
        }
        return refs;
    }

    private static String hourlyDigest(List<Timed<Report>> reports, String mn, Instant hour) {
        return reports.stream()
                .map(Timed::value)
                .filter(
                        r ->
                                r.mn().equals(mn)
                                        && r.cn().equals("2061")
                                        && hour.equals(r.dataTime()))
                .findFirst()
                .orElseThrow()
                .rawDigest();
    }

    // ---- registry, rules, events ----

    /** A wastewater source of the key-water group with a COD limit of 100 mg/L. */
    private static Source source(String id, double lat, Device... devices) {
        return new Source(
                id,
                id,
                id + " Co.",
                Source.Kind.WATER,
                new Place(null, new GeoPoint(lat, 121.40), "Riverside", null),
                List.of("key-water"),
                List.of(new Outlet(WS, "outfall", Outlet.Kind.WASTEWATER)),
                List.of(devices),
                List.of(),
                List.of(new PermitLimit(WS, COD, 100.0, "mg/L", DataKind.HOURLY)),
                List.of(),
                false,
                1,
                T0.minus(Duration.ofDays(30)));
    }

    private static Source boiler() {
        return new Source(
                BOILER,
                "Boiler house",
                null,
                Source.Kind.AIR,
                new Place(null, new GeoPoint(31.50, 121.90), "Riverside", null),
                List.of("flue-gas"),
                List.of(new Outlet(FG, "stack", Outlet.Kind.FLUE_GAS)),
                List.of(device(MN_B, FG, 300)),
                List.of(new Camera("CAM-1", "stack camera", VideoVendor.HIKVISION_ISAPI)),
                List.of(new PermitLimit(FG, SO2, 50.0, "mg/m3", DataKind.HOURLY)),
                List.of(),
                false,
                1,
                T0.minus(Duration.ofDays(30)));
    }

    private static Source invalidSource() {
        return new Source(
                "src-broken",
                "broken",
                null,
                Source.Kind.WATER,
                new Place("x", null, null, null),
                List.of(),
                List.of(),
                List.of(
                        new Device(
                                "LD13013100BAD",
                                "nowhere",
                                ProtocolVersion.HJ212_2017,
                                "plain",
                                Duration.ofSeconds(30),
                                Duration.ofMinutes(10))),
                List.of(),
                List.of(),
                List.of(),
                false,
                1,
                T0);
    }

    private static Device device(String mn, String outlet, int intervalSeconds) {
        return new Device(
                mn,
                outlet,
                ProtocolVersion.HJ212_2017,
                Device.hashPassword(mn, "123456"),
                Duration.ofSeconds(intervalSeconds),
                Duration.ofMinutes(10));
    }

    private static ThresholdRule realtimeRule(long version, double warningPercent) {
        return Fixtures.rule(
                R_REALTIME,
                version,
                DataKind.REALTIME,
                2,
                pct(Severity.WARNING, warningPercent),
                pct(Severity.ALARM, 100),
                pct(Severity.SEVERE, 150));
    }

    private static ThresholdRule hourlyRule() {
        return Fixtures.rule(
                R_HOURLY, 1, DataKind.HOURLY, 1, new RuleLevel[] {pct(Severity.ALARM, 100)});
    }

    private static VideoEvent video(
            String id,
            VideoEvent.Type type,
            VideoEvent.State state,
            double confidence,
            Instant time) {
        return new VideoEvent(
                id,
                "CAM-1",
                BOILER,
                VideoVendor.HIKVISION_ISAPI,
                type,
                state,
                confidence,
                time,
                time.plusSeconds(1),
                null,
                List.of(),
                null,
                "smokeDetection");
    }

    private static Complaint complaint() {
        // About 100 m from the paper mill, kilometres from the others.
        return new Complaint(
                "C-1",
                Complaint.Channel.HOTLINE,
                Complaint.Category.ODOR,
                "chemical smell",
                new Place("8 River Road", new GeoPoint(31.20, 121.401), "Riverside", null),
                List.of(),
                at(2, 40),
                at(2, 41));
    }

    // ---- reports ----

    private record Timed<T>(Instant time, T value) {}

    private static Instant at(int hour, int minute) {
        return T0.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    private static Timed<Report> realtime(
            String mn, String code, Instant dataTime, double value, String flag) {
        Instant received = dataTime.plusSeconds(2);
        return new Timed<>(
                received,
                report(mn, "2011", dataTime, received, pollutant(code, value, null, flag)));
    }

    private static Timed<Report> hourly(String mn, Instant hour, double avg, String flag) {
        Instant received = hour.plus(Duration.ofHours(1)).plusSeconds(30);
        return new Timed<>(
                received, report(mn, "2061", hour, received, pollutant(COD, null, avg, flag)));
    }

    private static Pollutant pollutant(String code, Double rtd, Double avg, String flag) {
        return new Pollutant(
                code, rtd, avg, avg, avg, null, null, null, null, null, flag, null, null, null);
    }

    private static Report report(
            String mn, String cn, Instant dataTime, Instant received, Pollutant pollutant) {
        return new Report(
                mn,
                "HJ212-2017",
                cn,
                "32",
                null,
                5,
                dataTime,
                received,
                List.of(pollutant),
                Map.of(),
                null,
                null,
                List.of(),
                Report.digest((mn + cn + dataTime + pollutant).getBytes(StandardCharsets.UTF_8)));
    }

    // ---- plumbing ----

    private JobClient submitDetection(Path restoreFrom, Duration checkpointInterval)
            throws Exception {
        Configuration settings = new Configuration();
        settings.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        if (restoreFrom != null) {
            settings.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        JobsConfig config = jobsConfig();
        return DetectionJob.submit(
                FLINK.cluster().environment(settings),
                new JobsConfig(
                        config.bootstrapServers(),
                        config.influx(),
                        checkpointInterval,
                        config.parallelism()),
                detectionConfig());
    }

    private static DetectionConfig detectionConfig() {
        return new DetectionConfig(
                2.0,
                5,
                0.75,
                Duration.ofMinutes(5),
                0.10,
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                Duration.ofMinutes(10),
                Duration.ofHours(24),
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                0.5,
                Duration.ofMinutes(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                10);
    }

    private static JobsConfig jobsConfig() {
        return new JobsConfig(
                KAFKA.bootstrapServers(),
                new InfluxSinkConfig(
                        INFLUX.url(), INFLUX.database(), null, null, 500, Duration.ofMillis(200)),
                Duration.ofSeconds(1),
                FlinkExtension.PARALLELISM);
    }

    private void awaitStatus(JobID job, JobStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (FLINK.cluster().jobStatus(job) != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job + " never reached " + status);
            }
            Thread.sleep(100);
        }
    }

    private static Path newestCheckpoint(Path jobDir) throws IOException {
        try (Stream<Path> dirs = Files.list(jobDir)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("chk-"))
                    .filter(d -> Files.exists(d.resolve("_metadata")))
                    .max(
                            Comparator.comparingInt(
                                    d -> Integer.parseInt(d.getFileName().toString().substring(4))))
                    .orElseThrow(() -> new AssertionError("no retained checkpoint in " + jobDir));
        }
    }

    private static List<Map<String, Object>> awaitRows(
            String query, java.util.function.Predicate<List<Map<String, Object>>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<Map<String, Object>> rows = List.of();
        while (System.nanoTime() < deadline) {
            rows = InfluxRows.query(INFLUX.server(), INFLUX.database(), query);
            if (done.test(rows)) {
                return rows;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("InfluxDB: " + query + " gave " + rows);
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

    private void sendReport(KafkaProducer<String, byte[]> producer, Report report) {
        send(producer, Topics.REPORTS.name(), partitionOf.get(report.mn()), report.mn(), report);
    }

    /** Waits until the detection job has committed an offset past {@code record}. */
    private static void awaitCommittedPast(RecordMetadata record) throws Exception {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers()))) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                OffsetAndMetadata committed =
                        admin.listConsumerGroupOffsets(DetectionJob.GROUP_ID + "-registry")
                                .partitionsToOffsetAndMetadata()
                                .get()
                                .get(partition);
                if (committed != null && committed.offset() > record.offset()) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError(
                "within " + PATIENCE + " the detection job did not checkpoint past " + record);
    }

    private static void send(
            KafkaProducer<String, byte[]> producer,
            String topic,
            Integer partition,
            String key,
            Object value) {
        producer.send(new ProducerRecord<>(topic, partition, key, Json.toBytes(value)));
    }
}
