package dev.vigil.jobs.detect;

import dev.vigil.events.DataKind;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.report.Report;
import dev.vigil.events.rule.JudgedValue;
import dev.vigil.events.video.VideoEvent;
import dev.vigil.jobs.JobsConfig;
import dev.vigil.jobs.detect.complaint.ComplaintDetector;
import dev.vigil.jobs.detect.hourly.HourlyPoints;
import dev.vigil.jobs.detect.hourly.HourlyResult;
import dev.vigil.jobs.detect.registry.DeviceDirectoryFunction;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import dev.vigil.jobs.detect.registry.RegistryDeserializer;
import dev.vigil.jobs.detect.registry.RegistryUpdate;
import dev.vigil.jobs.detect.registry.RegistryValidation;
import dev.vigil.jobs.detect.serialization.ImmutableRecordType;
import dev.vigil.jobs.detect.threshold.ThresholdDetector;
import dev.vigil.jobs.detect.threshold.ThresholdValue;
import dev.vigil.jobs.detect.video.VideoDetector;
import dev.vigil.jobs.influx.InfluxSink;
import dev.vigil.jobs.influx.Point;
import dev.vigil.jobs.kafka.ReportJsonReader;
import dev.vigil.jobs.kafka.TopicSources;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The detection job: from reports, video events, complaints and the registry (sources and rules) to
 * alerts on {@code vigil.alerts}, rejected input on {@code vigil.dead-letter}, and alert and hourly
 * points in InfluxDB (readings are the readings job's). The semantics are DESIGN.md's "Detection
 * semantics"; each detector's class says how it applies them.
 *
 * <h2>Registry</h2>
 *
 * {@code vigil.sources} and {@code vigil.rules} are read from their beginning on a fresh start and
 * validated once, before the broadcast (invalid entries are dead-lettered and not applied). Rules
 * and sources (groups, permit limits, places) are broadcast state of the threshold and complaint
 * operators. Devices are resolved to their source and outlet from keyed state instead, fed per MN
 * from the source entries: offline detection needs a timer per registered device, also for devices
 * never heard from, and only keyed state can hold one; it also keeps a national MN index off every
 * instance's heap. Reports that overtake their device's registration wait for it.
 *
 * <h2>Time</h2>
 *
 * Hourly values are computed in event time (DataTime), with watermarks per Kafka partition that an
 * absurd DataTime cannot drag forward and an idle partition does not hold back (see {@link
 * ReportWatermarks}); the inputs outside event time declare the end of it, so joining them never
 * holds back the reports' watermark. Whether data is late is decided by its receive time, not by
 * the watermark, so the same input gives the same live/revised split after a restart. Offline
 * detection and the timeouts of waiting input run in processing time: silence produces no event
 * time.
 *
 * <h2>Alert ids</h2>
 *
 * Every alert id is {@link Alert#idFor} over its cause, never over processing time, so the same
 * cause gives the same id on every run: THRESHOLD / HOURLY_EXCEEDANCE: type, rule, source, outlet,
 * pollutant, episode start (the data time of the first breaching value; for a revised hour, the
 * hour); DEVICE_FAULT, COMMUNICATION_FAULT, MAINTENANCE, IMPOSSIBLE_VALUE, FLATLINE: type, source,
 * outlet, pollutant, MN, episode start; DATA_MISMATCH: type, source, outlet, pollutant, MN, hour;
 * OFFLINE: type, source, MN and the receive time of the last report (or the registration time of a
 * device never heard from); VIDEO: type, camera, event type, first event time; COMPLAINT: type,
 * complaint id. An episode's FIRING record, its severity changes (FIRING again, same id, new
 * severity; the rule version may change too) and its RESOLVED record share the id; the latest
 * record of an id is the alert's state.
 *
 * <h2>Delivery and restarts</h2>
 *
 * Checkpoints are aligned (exactly-once state), so a restored job counts no value twice; the Kafka
 * sinks are at-least-once, so records emitted between the last checkpoint and a failure are emitted
 * again after the restore, equal but for {@code detectedAt}. Consumers therefore treat records with
 * equal {@code (alertId, state, severity, eventTime, revised)} as one and keep the latest record
 * per id.
 *
 * <p>Exactly-once (transactional) Kafka sinks were considered for {@code vigil.alerts} and
 * rejected: (1) a transaction commits when a checkpoint completes, so a read-committed consumer
 * would see an alert up to a whole checkpoint interval (10 s by default) plus the checkpoint's own
 * duration after it was detected, where DESIGN.md asks for a second, and checkpointing every second
 * would not reach that either and would cost the job throughput; (2) the stack's consumers of
 * alerts (the alerting service, the incident job's Kafka source) read with Kafka's default {@code
 * read_uncommitted}, which would also see the records of aborted transactions: more duplicates
 * after a restore, not fewer; (3) downstream delivery is at-least-once anyway (webhook retries), so
 * every consumer deduplicates by id whatever this sink does; and (4) transactions bring their own
 * failure modes (a transaction left open by a lost TaskManager holds back every read-committed
 * consumer of the partition until it times out). What a restore costs is small and measured: in
 * {@code DetectionJobIT}, 30 or 31 raw records for 28 distinct ones (the video and complaint
 * alerts, and in some runs an OFFLINE alert, that fired between the last checkpoint and the kill,
 * fired again under the same ids). Processing-time alerts are made restart-safe by their detectors:
 * an OFFLINE alert that fired after the last checkpoint fires again (same id) or is resolved by the
 * device's next report, and a device that went offline before a restore gets exactly one RESOLVED
 * (by id) when it reports after it, whether the restored state knew of the alert or not (see {@link
 * dev.vigil.jobs.detect.offline.OfflineWatcher}); a video episode's timeout fires again.
 *
 * <h2>Running it</h2>
 *
 * The embedded stack submits it with {@link #wire}. On a standalone cluster, with the jar {@code
 * mvn -pl jobs -am package} builds as {@code jobs/target/vigil-jobs-<version>-flink.jar}: {@code
 * flink run -c dev.vigil.jobs.detect.DetectionJob vigil-jobs-<version>-flink.jar --kafka kafka:9092
 * --influx http://influxdb:8086 --database vigil} (options: {@link JobsConfig#fromArgs}). State is
 * small per key and read on every record, so the heap ({@code hashmap}) backend, which the embedded
 * stack uses, is the fastest for a district or a province; a national cluster sets {@code
 * state.backend.type: rocksdb} with incremental checkpoints in its {@code config.yaml}, where state
 * outgrows the heap: the job code is the same.
 */
public final class DetectionJob {

    /** The job's name on the cluster. */
    public static final String NAME = "vigil-detection";

    /** The Kafka consumer group of the job's event sources. */
    public static final String GROUP_ID = "vigil-detection";

    static final String REPORTS_SOURCE_UID = "detection-reports-source";
    static final String VIDEO_SOURCE_UID = "detection-video-source";
    static final String COMPLAINTS_SOURCE_UID = "detection-complaints-source";
    static final String REGISTRY_SOURCE_UID = "detection-registry-source";
    static final String REGISTRY_VALIDATION_UID = "detection-registry-validation";
    static final String DEVICE_DIRECTORY_UID = "detection-device-directory";
    static final String DEVICES_UID = "detection-devices";
    static final String SERIES_UID = "detection-device-series";
    static final String LIVE_VALUES_UID = "detection-live-values";
    static final String HOURLY_VALUES_UID = "detection-hourly-values";
    static final String WATER_DAILY_VALUES_UID = "detection-water-daily-values";
    static final String THRESHOLD_UID = "detection-threshold";
    static final String VIDEO_UID = "detection-video";
    static final String COMPLAINT_UID = "detection-complaint";
    static final String ALERT_LINES_UID = "detection-alert-lines";
    static final String HOURLY_LINES_UID = "detection-hourly-lines";
    static final String ALERTS_SINK_UID = "detection-alerts-sink";
    static final String DEAD_LETTER_SINK_UID = "detection-dead-letter-sink";
    static final String INFLUX_SINK_UID = "detection-influxdb-sink";

    public static final TypeInformation<Alert> ALERT_TYPE = TypeInformation.of(Alert.class);
    // Reports, readings and judged values are sent between operators for every value: their
    // hand-written serializers cost a fraction of the POJO serializer's (see the serialization
    // package).
    public static final TypeInformation<Report> REPORT_TYPE = ImmutableRecordType.REPORT;
    public static final TypeInformation<ResolvedReport> RESOLVED_REPORT_TYPE =
            ImmutableRecordType.RESOLVED_REPORT;
    public static final TypeInformation<JudgedValue> JUDGED_TYPE = ImmutableRecordType.JUDGED_VALUE;
    public static final TypeInformation<ThresholdValue> THRESHOLD_TYPE =
            ImmutableRecordType.THRESHOLD_VALUE;
    public static final TypeInformation<HourlyResult> HOURLY_TYPE =
            TypeInformation.of(HourlyResult.class);
    public static final TypeInformation<DeviceRegistration> DEVICE_TYPE =
            ImmutableRecordType.DEVICE_REGISTRATION;
    static final TypeInformation<VideoEvent> VIDEO_TYPE = TypeInformation.of(VideoEvent.class);
    static final TypeInformation<Complaint> COMPLAINT_TYPE = TypeInformation.of(Complaint.class);

    private DetectionJob() {}

    /**
     * What detection reads.
     *
     * @param reports decoded frames, with event time and watermarks (see {@link ReportWatermarks})
     * @param videoEvents normalized video events
     * @param complaints citizen complaints
     * @param registry source and rule entries, tombstones included, from the beginning
     */
    public record Inputs(
            DataStream<Report> reports,
            DataStream<VideoEvent> videoEvents,
            DataStream<Complaint> complaints,
            DataStream<RegistryUpdate> registry) {}

    /**
     * What detection produces.
     *
     * @param alerts FIRING and RESOLVED records of every detector
     * @param hourly hourly results, live and revised
     * @param deadLetters rejected registry entries, reports, video events and complaints
     */
    public record Outputs(
            DataStream<Alert> alerts,
            DataStream<HourlyResult> hourly,
            DataStream<DeadLetter> deadLetters) {}

    /** The detection pipeline over the given inputs. */
    public static Outputs build(Inputs in, DetectionConfig config) {
        Objects.requireNonNull(config, "config");
        SingleOutputStreamOperator<RegistryUpdate> registry =
                in.registry()
                        .process(new RegistryValidation())
                        .returns(RegistryDeserializer.TYPE)
                        .uid(REGISTRY_VALIDATION_UID)
                        .name("Registry validation");
        BroadcastStream<RegistryUpdate> broadcast =
                registry.broadcast(DetectionState.SOURCES, DetectionState.RULES);
        DataStream<DeviceRegistration> devices =
                registry.keyBy(RegistryUpdate::key, Types.STRING)
                        .process(new DeviceDirectoryFunction())
                        .returns(DEVICE_TYPE)
                        .uid(DEVICE_DIRECTORY_UID)
                        .name("Device directory");

        // One operator per device and one per series, so that a report crosses the network once
        // and a reading not at all, not once per detector.
        SingleOutputStreamOperator<ResolvedReport> readings =
                in.reports()
                        .keyBy(Report::mn, Types.STRING)
                        .connect(devices.keyBy(DeviceRegistration::mn, Types.STRING))
                        .process(new DeviceDetector(config))
                        .returns(RESOLVED_REPORT_TYPE)
                        .uid(DEVICES_UID)
                        .name("Devices: resolution and offline");
        // A device's readings leave the per-device operator on the instance that owns the device,
        // so the per-series operator, keyed by device too, runs chained to it: a reading is
        // handed on in the same thread instead of crossing the network.
        SingleOutputStreamOperator<HourlyResult> hourly =
                DataStreamUtils.reinterpretAsKeyedStream(readings, ResolvedReport::mn, Types.STRING)
                        .process(new SeriesDetector(config))
                        .returns(HOURLY_TYPE)
                        .uid(SERIES_UID)
                        .name("Series: validity, flatline, hourly averages");

        // Hourly uploads are judged through the hourly results, water's daily uploads through
        // the hourly aggregation (the water rule), backlog never live.
        DataStream<ThresholdValue> liveValues =
                readings.flatMap(
                                (ResolvedReport report, Collector<ThresholdValue> values) -> {
                                    for (Reading r : report.readings()) {
                                        if (!r.backlog()
                                                && r.kind() != DataKind.HOURLY
                                                && !(r.kind() == DataKind.DAILY && r.water())
                                                && r.countsForExceedance()) {
                                            values.collect(ThresholdValue.live(r));
                                        }
                                    }
                                })
                        .returns(THRESHOLD_TYPE)
                        .uid(LIVE_VALUES_UID)
                        .name("Live values");
        // A revision that leaves the hour's value as it was changes no judgement.
        DataStream<ThresholdValue> hourlyValues =
                hourly.flatMap(
                                (HourlyResult h, Collector<ThresholdValue> values) -> {
                                    if (h.value() != null && (!h.revised() || h.valueChanged())) {
                                        values.collect(ThresholdValue.of(h.judged()));
                                    }
                                })
                        .returns(THRESHOLD_TYPE)
                        .uid(HOURLY_VALUES_UID)
                        .name("Hourly values");
        DataStream<ThresholdValue> waterDailyValues =
                hourly.getSideOutput(DetectionState.WATER_DAILY_VALUES)
                        .map(ThresholdValue::of)
                        .returns(THRESHOLD_TYPE)
                        .uid(WATER_DAILY_VALUES_UID)
                        .name("Water daily values");
        DataStream<Alert> threshold =
                liveValues
                        .union(hourlyValues, waterDailyValues)
                        .keyBy(ThresholdValue::subjectKey, Types.STRING)
                        .connect(broadcast)
                        .process(new ThresholdDetector(config.evidenceLimit()))
                        .returns(ALERT_TYPE)
                        .uid(THRESHOLD_UID)
                        .name("Threshold rules");

        SingleOutputStreamOperator<Alert> video =
                in.videoEvents()
                        .keyBy(VideoDetector::key, Types.STRING)
                        .process(new VideoDetector(config))
                        .returns(ALERT_TYPE)
                        .uid(VIDEO_UID)
                        .name("Video events");
        SingleOutputStreamOperator<Alert> complaints =
                in.complaints()
                        .keyBy(Complaint::complaintId, Types.STRING)
                        .connect(broadcast)
                        .process(new ComplaintDetector(config.complaintRegistryWait()))
                        .returns(ALERT_TYPE)
                        .uid(COMPLAINT_UID)
                        .name("Complaints");

        DataStream<Alert> alerts =
                readings.getSideOutput(DetectionState.OFFLINE_ALERTS)
                        .union(
                                hourly.getSideOutput(DetectionState.SERIES_ALERTS),
                                hourly.getSideOutput(DetectionState.MISMATCH_ALERTS),
                                threshold,
                                video,
                                complaints);
        DataStream<DeadLetter> deadLetters =
                registry.getSideOutput(DetectionState.DEAD_LETTERS)
                        .union(
                                readings.getSideOutput(DetectionState.DEAD_LETTERS),
                                video.getSideOutput(DetectionState.DEAD_LETTERS),
                                complaints.getSideOutput(DetectionState.DEAD_LETTERS));
        return new Outputs(alerts, hourly, deadLetters);
    }

    /** Adds the whole job to {@code env} with the default detection settings. */
    public static void wire(StreamExecutionEnvironment env, JobsConfig config) {
        wire(env, config, DetectionConfig.DEFAULTS);
    }

    /**
     * Adds the whole job to {@code env}: checkpointing and parallelism from {@code config}, the
     * Kafka sources, {@link #build} and the Kafka and InfluxDB sinks; run it with {@code
     * env.execute(NAME)} or {@link #submit}.
     */
    public static void wire(
            StreamExecutionEnvironment env, JobsConfig config, DetectionConfig detection) {
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        env.setParallelism(config.parallelism());
        String kafka = config.bootstrapServers();
        DataStream<Report> reports =
                env.fromSource(
                                reportSource(kafka, GROUP_ID),
                                ReportWatermarks.strategy(detection),
                                Topics.REPORTS.name())
                        .uid(REPORTS_SOURCE_UID);
        DataStream<VideoEvent> video =
                env.fromSource(
                                TopicSources.committedOrEarliest(
                                        kafka, Topics.VIDEO_EVENTS, VIDEO_TYPE, GROUP_ID),
                                ReportWatermarks.outsideEventTime(),
                                Topics.VIDEO_EVENTS.name())
                        .uid(VIDEO_SOURCE_UID);
        DataStream<Complaint> complaints =
                env.fromSource(
                                TopicSources.committedOrEarliest(
                                        kafka, Topics.COMPLAINTS, COMPLAINT_TYPE, GROUP_ID),
                                ReportWatermarks.outsideEventTime(),
                                Topics.COMPLAINTS.name())
                        .uid(COMPLAINTS_SOURCE_UID);
        // One reader owns every registry partition, so its end-of-event-time watermark never
        // comes from a reader without partitions.
        DataStream<RegistryUpdate> registry =
                env.fromSource(
                                TopicSources.registry(
                                        kafka, GROUP_ID, Topics.SOURCES, Topics.RULES),
                                ReportWatermarks.outsideEventTime(),
                                "vigil registry")
                        .setParallelism(1)
                        .uid(REGISTRY_SOURCE_UID);

        Outputs out = build(new Inputs(reports, video, complaints, registry), detection);

        out.alerts()
                .sinkTo(TopicSources.sinkTo(kafka, Topics.ALERTS))
                .uid(ALERTS_SINK_UID)
                .name(Topics.ALERTS.name());
        out.deadLetters()
                .sinkTo(TopicSources.sinkTo(kafka, Topics.DEAD_LETTER))
                .uid(DEAD_LETTER_SINK_UID)
                .name(Topics.DEAD_LETTER.name());
        DataStream<String> alertLines =
                out.alerts()
                        .flatMap(
                                (Alert alert, Collector<String> lines) ->
                                        AlertPoints.of(alert)
                                                .map(Point::toLineProtocol)
                                                .ifPresent(lines::collect))
                        .returns(Types.STRING)
                        .uid(ALERT_LINES_UID)
                        .name("Alert points");
        DataStream<String> hourlyLines =
                out.hourly()
                        .flatMap(
                                (HourlyResult hour, Collector<String> lines) ->
                                        HourlyPoints.of(hour)
                                                .map(Point::toLineProtocol)
                                                .ifPresent(lines::collect))
                        .returns(Types.STRING)
                        .uid(HOURLY_LINES_UID)
                        .name("Hourly points");
        alertLines
                .union(hourlyLines)
                .sinkTo(new InfluxSink(config.influx()))
                .uid(INFLUX_SINK_UID)
                .name("InfluxDB");
    }

    /**
     * The job's source of {@code vigil.reports}: from the group's committed offsets, read with
     * {@link ReportJsonReader} into {@link #REPORT_TYPE}. Public for the detect benchmark, whose
     * ceiling is this source with nothing behind it.
     */
    public static KafkaSource<Report> reportSource(String bootstrapServers, String groupId) {
        return TopicSources.committedOrEarliest(
                bootstrapServers, Topics.REPORTS, REPORT_TYPE, groupId, new ReportJsonReader());
    }

    /** Wires the job on {@code env} and submits it under {@link #NAME} without waiting. */
    public static JobClient submit(
            StreamExecutionEnvironment env, JobsConfig config, DetectionConfig detection)
            throws Exception {
        wire(env, config, detection);
        return env.executeAsync(NAME);
    }

    /**
     * Runs the job on the cluster it is submitted to, for example {@code flink run -c
     * dev.vigil.jobs.detect.DetectionJob vigil-jobs.jar --kafka kafka:9092 --influx
     * http://influxdb:8086 --database vigil}; see {@link JobsConfig#fromArgs} for every option.
     */
    public static void main(String[] args) throws Exception {
        JobsConfig config = JobsConfig.fromArgs(args, System.getenv());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        wire(env, config);
        env.execute(NAME);
    }
}
