package dev.vigil.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.jobs.JobsConfig;
import dev.vigil.jobs.detect.registry.RegistryDeserializer;
import dev.vigil.jobs.detect.registry.RegistryUpdate;
import dev.vigil.jobs.influx.InfluxSinkConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The job's wiring and types, without running it (DetectionJobIT runs it). */
class DetectionJobTest {

    @Test
    void alertsAndReadingsTravelAsPojos() throws Exception {
        Alert alert =
                AlertBuilder.alert("id", Alert.Type.THRESHOLD, Alert.State.FIRING)
                        .severity(Severity.ALARM)
                        .about("s", "o", "p", "mn")
                        .value(1.0, 2.0)
                        .rule("r", 3, DataKind.REALTIME)
                        .evidence(
                                List.of(
                                        new Evidence(
                                                Evidence.Kind.READING,
                                                "ref",
                                                Fixtures.T0,
                                                1.0,
                                                "detail")))
                        .at(Fixtures.T0, Instant.EPOCH)
                        .message("m")
                        .build();
        assertThat(DetectionJob.ALERT_TYPE).isInstanceOf(PojoTypeInfo.class);
        assertThat(roundTrip(DetectionJob.ALERT_TYPE, alert)).isEqualTo(alert);
        ResolvedReport report =
                Fixtures.resolved(Fixtures.reading(1, 42.0, "N"), Fixtures.reading(1, 43.0, "T"));
        // Readings have a serializer of their own (never Kryo): ImmutableRecordSerializersTest.
        assertThat(DetectionJob.RESOLVED_REPORT_TYPE).isNotInstanceOf(GenericTypeInfo.class);
        assertThat(roundTrip(DetectionJob.RESOLVED_REPORT_TYPE, report)).isEqualTo(report);
    }

    @Test
    void registryEntriesSurviveFlinkSerialization() throws Exception {
        // Durations inside devices and persistence go through Kryo: check they come back.
        RegistryUpdate source = RegistryUpdate.source(Fixtures.SOURCE, Fixtures.source());
        RegistryUpdate rule = RegistryUpdate.rule("r", Fixtures.realtimeRule(2));
        RegistryUpdate tombstone = RegistryUpdate.rule("r", null);
        assertThat(roundTrip(RegistryDeserializer.TYPE, source)).isEqualTo(source);
        assertThat(roundTrip(RegistryDeserializer.TYPE, rule)).isEqualTo(rule);
        assertThat(roundTrip(RegistryDeserializer.TYPE, tombstone)).isEqualTo(tombstone);
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

        DetectionJob.wire(env, config);
        StreamGraph graph = env.getStreamGraph();

        assertThat(graph.getStreamNodes())
                .extracting(StreamNode::getTransformationUID)
                .contains(
                        DetectionJob.REPORTS_SOURCE_UID,
                        DetectionJob.REGISTRY_SOURCE_UID,
                        DetectionJob.DEVICE_DIRECTORY_UID,
                        DetectionJob.DEVICES_UID,
                        DetectionJob.SERIES_UID,
                        DetectionJob.THRESHOLD_UID,
                        DetectionJob.VIDEO_UID,
                        DetectionJob.COMPLAINT_UID,
                        DetectionJob.ALERTS_SINK_UID,
                        DetectionJob.DEAD_LETTER_SINK_UID,
                        DetectionJob.INFLUX_SINK_UID);
        // Every operator has a uid, so a restore finds its state.
        assertThat(graph.getStreamNodes())
                .extracting(StreamNode::getTransformationUID)
                .doesNotContainNull();
        assertThat(graph.getStreamNodes())
                .extracting(StreamNode::getOperatorName)
                .doesNotContainNull();
        assertThat(graph.getCheckpointConfig().getCheckpointInterval()).isEqualTo(5_000);
    }

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        TypeSerializer<T> serializer =
                type.createSerializer(new ExecutionConfig().getSerializerConfig());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
