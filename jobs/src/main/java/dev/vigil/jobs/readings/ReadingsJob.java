package dev.vigil.jobs.readings;

import dev.vigil.events.Topics;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.JobsConfig;
import dev.vigil.jobs.influx.InfluxSink;
import dev.vigil.jobs.kafka.TopicSources;
import dev.vigil.jobs.kafka.TopicValueDeserializer;
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
 * <p>Reports need no event time here (each point carries its own {@code DataTime}), so the job has
 * no watermarks and no state beyond the Kafka offsets, which the source commits to group {@value
 * #GROUP_ID} on each checkpoint.
 */
public final class ReadingsJob {

    /** The job's name on the cluster. */
    public static final String NAME = "vigil-readings";

    /** The Kafka consumer group whose committed offsets the job starts from. */
    public static final String GROUP_ID = "vigil-readings";

    static final String SOURCE_UID = "readings-reports-source";
    static final String POINTS_UID = "readings-points";
    static final String SINK_UID = "readings-influxdb-sink";

    /** How Flink serializes reports between operators. */
    public static final TypeInformation<Report> REPORT_TYPE = TypeInformation.of(Report.class);

    private ReadingsJob() {}

    /** The line-protocol lines of the reports' readings, with every device its own source. */
    public static DataStream<String> build(DataStream<Report> reports) {
        return build(reports, SourceResolver.identity());
    }

    /** The line-protocol lines of the reports' readings, tagged with the resolved sources. */
    public static DataStream<String> build(DataStream<Report> reports, SourceResolver sources) {
        return reports.flatMap(new ReportsToLines(new ReadingPoints(sources)))
                .returns(Types.STRING)
                .uid(POINTS_UID)
                .name("Reading points");
    }

    /**
     * Adds the whole job to {@code env}: checkpointing and parallelism from {@code config}, the
     * Kafka source, {@link #build(DataStream)} and the InfluxDB sink; run it with {@code
     * env.execute(NAME)} or {@link #submit}.
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
        build(reports).sinkTo(new InfluxSink(config.influx())).uid(SINK_UID).name("InfluxDB");
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
     * TopicValueDeserializer}).
     */
    static KafkaSource<Report> reportsSource(String bootstrapServers) {
        return TopicSources.committedOrEarliest(
                bootstrapServers, Topics.REPORTS, REPORT_TYPE, GROUP_ID);
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
