package dev.vigil.jobs.readings;

import dev.vigil.events.Topics;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.JobsConfig;
import dev.vigil.jobs.detect.DetectionJob;
import dev.vigil.jobs.detect.registry.DeviceDirectoryFunction;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import dev.vigil.jobs.detect.registry.RegistryDeserializer;
import dev.vigil.jobs.detect.registry.RegistryUpdate;
import dev.vigil.jobs.detect.registry.RegistryValidation;
import dev.vigil.jobs.influx.InfluxSink;
import dev.vigil.jobs.kafka.TopicSources;
import dev.vigil.jobs.kafka.TopicValueDeserializer;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The readings pipeline: every pollutant value of {@code vigil.reports} becomes a point of
 * measurement {@code reading} in InfluxDB, at least once, for charts, reports and evidence.
 *
 * <p>Each point is tagged with the source and outlet the registry ({@code vigil.sources}, read from
 * its beginning on a fresh start like detection does) binds the reporting device to: the registry's
 * valid source entries become per-device registrations ({@link DeviceDirectoryFunction}, keyed by
 * source id), and reports keyed by MN meet them in {@link SourceOutletResolver}. A report of a
 * device the registry does not know waits up to {@link #UNREGISTERED_WAIT} for its registration,
 * then is written with its MN as source and outlet and the tag {@code registered=false} (see {@link
 * SourceOutletResolver}). Invalid registry entries are ignored here; detection dead-letters them.
 *
 * <p>Reports need no event time here (each point carries its own {@code DataTime}), so the job has
 * no watermarks; its state is the Kafka offsets (the reports source commits them to group {@value
 * #GROUP_ID} on each checkpoint), the devices of each source, the registration of each device and
 * the reports waiting for one.
 */
public final class ReadingsJob {

    /** The job's name on the cluster. */
    public static final String NAME = "vigil-readings";

    /** The Kafka consumer group whose committed offsets the job starts from. */
    public static final String GROUP_ID = "vigil-readings";

    static final String SOURCE_UID = "readings-reports-source";
    static final String POINTS_UID = "readings-points";
    static final String REGISTRY_SOURCE_UID = "readings-registry-source";
    static final String REGISTRY_VALIDATION_UID = "readings-registry-validation";
    static final String DEVICE_DIRECTORY_UID = "readings-device-directory";
    static final String RESOLVER_UID = "readings-source-resolver";

    /**
     * How long a report of a device the registry does not know waits for its registration before it
     * is written with {@code registered=false}: long enough for the registry to be read at a fresh
     * start, short enough that such readings are soon visible.
     */
    public static final Duration UNREGISTERED_WAIT = Duration.ofSeconds(10);

    static final String SINK_UID = "readings-influxdb-sink";

    /**
     * How Flink serializes reports between operators: detection's hand-written serializer, so the
     * two jobs on {@code vigil.reports} cost the same per report.
     */
    public static final TypeInformation<Report> REPORT_TYPE = DetectionJob.REPORT_TYPE;

    /** How Flink serializes reports with their source and outlet. */
    public static final TypeInformation<ResolvedReport> RESOLVED_TYPE =
            TypeInformation.of(ResolvedReport.class);

    private ReadingsJob() {}

    /**
     * The line-protocol lines of the reports' readings, tagged with the sources and outlets of
     * {@code registry}, waiting {@link #UNREGISTERED_WAIT} for unknown devices.
     *
     * @param reports decoded frames
     * @param registry source entries (rule entries are ignored), tombstones included, from the
     *     beginning
     */
    public static DataStream<String> build(
            DataStream<Report> reports, DataStream<RegistryUpdate> registry) {
        return build(reports, registry, UNREGISTERED_WAIT);
    }

    /** As {@link #build(DataStream, DataStream)}, unknown devices waiting {@code wait}. */
    public static DataStream<String> build(
            DataStream<Report> reports, DataStream<RegistryUpdate> registry, Duration wait) {
        DataStream<DeviceRegistration> devices =
                registry.filter(update -> RegistryValidation.problems(update).isEmpty())
                        .returns(RegistryDeserializer.TYPE)
                        .uid(REGISTRY_VALIDATION_UID)
                        .name("Registry validation")
                        .keyBy(RegistryUpdate::key, Types.STRING)
                        .process(new DeviceDirectoryFunction())
                        .returns(DetectionJob.DEVICE_TYPE)
                        .uid(DEVICE_DIRECTORY_UID)
                        .name("Device directory");
        return reports.keyBy(Report::mn, Types.STRING)
                .connect(devices.keyBy(DeviceRegistration::mn, Types.STRING))
                .process(new SourceOutletResolver(wait))
                .returns(RESOLVED_TYPE)
                .uid(RESOLVER_UID)
                .name("Source resolver")
                .flatMap(new ReportsToLines())
                .returns(Types.STRING)
                .uid(POINTS_UID)
                .name("Reading points");
    }

    /**
     * Adds the whole job to {@code env}: checkpointing and parallelism from {@code config}, the
     * Kafka sources, {@link #build(DataStream, DataStream)} and the InfluxDB sink; run it with
     * {@code env.execute(NAME)} or {@link #submit}.
     */
    public static void wire(StreamExecutionEnvironment env, JobsConfig config) {
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        env.setParallelism(config.parallelism());
        DataStream<Report> reports =
                env.fromSource(
                                reportsSource(config.bootstrapServers()),
                                WatermarkStrategy.noWatermarks(),
                                Topics.REPORTS.name())
                        .uid(SOURCE_UID);
        // One reader owns every registry partition, as in detection.
        DataStream<RegistryUpdate> registry =
                env.fromSource(
                                TopicSources.registry(
                                        config.bootstrapServers(), GROUP_ID, Topics.SOURCES),
                                WatermarkStrategy.noWatermarks(),
                                Topics.SOURCES.name())
                        .setParallelism(1)
                        .uid(REGISTRY_SOURCE_UID);
        build(reports, registry)
                .sinkTo(new InfluxSink(config.influx()))
                .uid(SINK_UID)
                .name("InfluxDB");
    }

    /** Wires the job on {@code env} and submits it under {@link #NAME} without waiting. */
    public static JobClient submit(StreamExecutionEnvironment env, JobsConfig config)
            throws Exception {
        wire(env, config);
        return env.executeAsync(NAME);
    }

    /**
     * The reports topic from the group's committed offsets, or from the earliest offset for a
     * partition the group never committed; unreadable values are counted and skipped (see {@link
     * TopicValueDeserializer}). Detection's source, read with its streaming reader, since this job
     * runs beside it on every report.
     */
    static KafkaSource<Report> reportsSource(String bootstrapServers) {
        return DetectionJob.reportSource(bootstrapServers, GROUP_ID);
    }

    /**
     * Runs the job on the cluster it is submitted to, for example {@code flink run -c
     * dev.vigil.jobs.readings.ReadingsJob vigil-jobs.jar --kafka kafka:9092 --influx
     * http://influxdb:8086 --database vigil}; see {@link JobsConfig#fromArgs} for every option.
     */
    public static void main(String[] args) throws Exception {
        JobsConfig config = JobsConfig.fromArgs(args, System.getenv());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        wire(env, config);
        env.execute(NAME);
    }
}
