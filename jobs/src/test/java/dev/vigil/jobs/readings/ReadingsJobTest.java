package dev.vigil.jobs.readings;

import static dev.vigil.jobs.readings.TestReports.SAMPLED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.JobsConfig;
import dev.vigil.jobs.detect.DetectionJob;
import dev.vigil.jobs.influx.InfluxSinkConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The job's wiring and types, without running it (ReadingsJobIT runs it). */
class ReadingsJobTest {

    @Test
    void reportsTravelWithDetectionsSerializerNotKryo() throws Exception {
        // Kryo would break on the immutable lists and maps of the records, at run time only.
        assertThat(ReadingsJob.REPORT_TYPE).isSameAs(DetectionJob.REPORT_TYPE);
        Report report =
                new Report(
                        "MN1",
                        "HJ212-2017",
                        "2061",
                        "31",
                        "20160801090000001",
                        5,
                        SAMPLED,
                        Instant.parse("2016-08-01T01:00:00.123Z"),
                        List.of(
                                new Pollutant(
                                        "a21026",
                                        1.5,
                                        1.0,
                                        1.2,
                                        2.0,
                                        null,
                                        null,
                                        null,
                                        null,
                                        3.0,
                                        "N",
                                        "A01",
                                        SAMPLED,
                                        Map.of("Info", "x")),
                                TestReports.rtd("a21002", 4.0, null)),
                        Map.of("RestartTime", "20160801085624"),
                        2,
                        1,
                        List.of("datatime-in-future"),
                        Report.digest(new byte[] {42}));
        TypeSerializer<Report> serializer =
                ReadingsJob.REPORT_TYPE.createSerializer(
                        new ExecutionConfig().getSerializerConfig());

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(report, out);
        Report copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(copy).isEqualTo(report);
    }

    @Test
    void resolvedReportsTravelAsPojosNotKryo() {
        assertThat(ReadingsJob.RESOLVED_TYPE).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void everyOperatorHasAStableUidAndAName() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobsConfig config =
                new JobsConfig(
                        "localhost:9092",
                        InfluxSinkConfig.of("http://localhost:8086", "vigil"),
                        Duration.ofSeconds(5),
                        3);

        ReadingsJob.wire(env, config);
        StreamGraph graph = env.getStreamGraph();

        assertThat(graph.getStreamNodes())
                .extracting(StreamNode::getTransformationUID)
                .contains(
                        ReadingsJob.SOURCE_UID,
                        ReadingsJob.REGISTRY_SOURCE_UID,
                        ReadingsJob.REGISTRY_VALIDATION_UID,
                        ReadingsJob.DEVICE_DIRECTORY_UID,
                        ReadingsJob.RESOLVER_UID,
                        ReadingsJob.POINTS_UID,
                        ReadingsJob.SINK_UID)
                .doesNotContainNull()
                .doesNotHaveDuplicates();
        assertThat(graph.getStreamNodes())
                .extracting(StreamNode::getOperatorName)
                .doesNotContainNull();
        assertThat(graph.getCheckpointConfig().getCheckpointInterval()).isEqualTo(5_000);
        assertThat(env.getParallelism()).isEqualTo(3);
    }
}
