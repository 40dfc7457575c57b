package dev.vigil.jobs.detect.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.complaint.Complaint;
import dev.vigil.events.report.Report;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.DeviceDetector;
import dev.vigil.jobs.detect.Fixtures;
import dev.vigil.jobs.detect.complaint.ComplaintDetector;
import dev.vigil.jobs.detect.threshold.ThresholdDetector;
import dev.vigil.jobs.detect.threshold.ThresholdValue;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * A savepoint of the registry's state written by an earlier jar, whose descriptors had Flink's POJO
 * serializer for sources, rules and device registrations, restores into the operators that keep the
 * registry now: the restored entries are applied, and the state's next checkpoint restores too.
 */
class RegistryStateRestoreTest {

    /** The registry's descriptors as earlier jars declared them: the same names, POJO types. */
    private static final MapStateDescriptor<String, Source> POJO_SOURCES =
            new MapStateDescriptor<>(
                    DetectionState.SOURCES.getName(),
                    Types.STRING,
                    TypeInformation.of(Source.class));

    private static final MapStateDescriptor<String, ThresholdRule> POJO_RULES =
            new MapStateDescriptor<>(
                    DetectionState.RULES.getName(),
                    Types.STRING,
                    TypeInformation.of(ThresholdRule.class));

    private static final ValueStateDescriptor<DeviceRegistration> POJO_DEVICE =
            new ValueStateDescriptor<>(
                    DetectionState.DEVICE.getName(), TypeInformation.of(DeviceRegistration.class));

    private static final ValueStateDescriptor<List<DeviceRegistration>> POJO_SOURCE_DEVICES =
            new ValueStateDescriptor<>(
                    DetectionState.SOURCE_DEVICES.getName(),
                    Types.LIST(TypeInformation.of(DeviceRegistration.class)));

    @Test
    void earlierJarsWroteTheRegistryWithThePojoSerializer() {
        assertThat(TypeInformation.of(Source.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(ThresholdRule.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(DeviceRegistration.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void theThresholdOperatorJudgesByTheRestoredRuleAndSource() throws Exception {
        // GIVEN an earlier jar's savepoint of a group rule in percent of the permit limit, and of
        // the source that puts the subject in the group and sets the limit
        var earlier = threshold(null, POJO_SOURCES, POJO_RULES);
        registry(earlier);
        OperatorSubtaskState savepoint = earlier.snapshot(1, 0);
        earlier.close();

        // WHEN this jar starts from it and values above 80 % of the limit arrive
        var restored = threshold(savepoint, DetectionState.SOURCES, DetectionState.RULES);
        value(restored, 1, 85);
        value(restored, 2, 90);

        // THEN the restored rule fires for the restored source
        assertThat(restored.extractOutputValues())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.state()).isEqualTo(Alert.State.FIRING);
                            assertThat(a.ruleId()).isEqualTo("r-cod-realtime");
                            assertThat(a.sourceId()).isEqualTo(Fixtures.SOURCE);
                        });

        // AND the registry written in this jar's format restores as well: the episode resolves
        OperatorSubtaskState checkpoint = restored.snapshot(2, 0);
        restored.close();
        var again = threshold(checkpoint, DetectionState.SOURCES, DetectionState.RULES);
        value(again, 3, 50);
        assertThat(again.extractOutputValues())
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(Alert.State.RESOLVED));
        again.close();
    }

    @Test
    void theComplaintOperatorAttributesToARestoredSource() throws Exception {
        var earlier = complaints(null, POJO_SOURCES, POJO_RULES);
        registry(earlier);
        OperatorSubtaskState savepoint = earlier.snapshot(1, 0);
        earlier.close();

        var restored = complaints(savepoint, DetectionState.SOURCES, DetectionState.RULES);
        restored.processElement(
                new Complaint(
                        "C-1",
                        Complaint.Channel.APP,
                        Complaint.Category.ODOR,
                        "smell",
                        new Place(null, new GeoPoint(31.201, 121.40), null, null),
                        List.of(),
                        Fixtures.T0,
                        Fixtures.T0),
                0);

        assertThat(restored.extractOutputValues())
                .singleElement()
                .satisfies(a -> assertThat(a.sourceId()).isEqualTo(Fixtures.SOURCE));
        restored.close();
    }

    @Test
    void theDeviceOperatorResolvesReportsByARestoredRegistration() throws Exception {
        OperatorSubtaskState savepoint =
                earlierJar(POJO_DEVICE, DeviceRegistration::mn, Fixtures.registration());

        var restored =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new DeviceDetector(Fixtures.config())),
                        Report::mn,
                        DeviceRegistration::mn,
                        Types.STRING);
        restored.setProcessingTime(0);
        restored.initializeState(savepoint);
        restored.open();
        restored.processElement1(
                Fixtures.report(Fixtures.MN, "2011", Fixtures.T0, Duration.ofSeconds(2), 42, "N"),
                0);

        assertThat(restored.extractOutputValues())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.readings())
                                        .singleElement()
                                        .satisfies(
                                                reading ->
                                                        assertThat(reading.sourceId())
                                                                .isEqualTo(Fixtures.SOURCE)));
        restored.close();
    }

    @Test
    void theDeviceDirectoryRemovesARestoredSourcesDevices() throws Exception {
        OperatorSubtaskState savepoint =
                earlierJar(
                        POJO_SOURCE_DEVICES,
                        devices -> devices.get(0).sourceId(),
                        List.of(Fixtures.registration()));

        var restored =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new DeviceDirectoryFunction()),
                        RegistryUpdate::key,
                        Types.STRING);
        restored.setProcessingTime(0);
        restored.initializeState(savepoint);
        restored.open();
        restored.processElement(RegistryUpdate.source(Fixtures.SOURCE, null), 0);

        assertThat(restored.extractOutputValues())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.mn()).isEqualTo(Fixtures.MN);
                            assertThat(d.active()).isFalse();
                        });
        restored.close();
    }

    /** A savepoint of one key's value written by an earlier jar's descriptor. */
    private static <T> OperatorSubtaskState earlierJar(
            ValueStateDescriptor<T> descriptor, KeySelector<T, String> key, T value)
            throws Exception {
        try (var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new StateWriter<>(descriptor), key, Types.STRING)) {
            h.processElement(value, 0);
            return h.snapshot(1, 0);
        }
    }

    /** Keeps each value in keyed state under the descriptor it is given, as an earlier jar did. */
    private static final class StateWriter<T> extends KeyedProcessFunction<String, T, Void> {

        private final ValueStateDescriptor<T> descriptor;

        StateWriter(ValueStateDescriptor<T> descriptor) {
            this.descriptor = descriptor;
        }

        @Override
        public void processElement(T value, Context ctx, Collector<Void> out) throws Exception {
            getRuntimeContext().getState(descriptor).update(value);
        }
    }

    private static void registry(
            KeyedBroadcastOperatorTestHarness<String, ?, RegistryUpdate, Alert> h)
            throws Exception {
        h.processBroadcastElement(RegistryUpdate.source(Fixtures.SOURCE, Fixtures.source()), 0);
        h.processBroadcastElement(
                RegistryUpdate.rule("r-cod-realtime", Fixtures.realtimeRule(1)), 0);
    }

    private static void value(
            KeyedBroadcastOperatorTestHarness<String, ThresholdValue, RegistryUpdate, Alert> h,
            int minute,
            double value)
            throws Exception {
        h.processElement(ThresholdValue.live(Fixtures.reading(minute, value, "N")), 0);
    }

    private static KeyedBroadcastOperatorTestHarness<String, ThresholdValue, RegistryUpdate, Alert>
            threshold(OperatorSubtaskState restored, MapStateDescriptor<?, ?>... registry)
                    throws Exception {
        return harness(new ThresholdDetector(5), ThresholdValue::subjectKey, restored, registry);
    }

    private static KeyedBroadcastOperatorTestHarness<String, Complaint, RegistryUpdate, Alert>
            complaints(OperatorSubtaskState restored, MapStateDescriptor<?, ?>... registry)
                    throws Exception {
        return harness(
                new ComplaintDetector(Duration.ofSeconds(5)),
                Complaint::complaintId,
                restored,
                registry);
    }

    /**
     * A harness of the operator with these registry descriptors, restored from {@code restored}
     * when not null. The functions look their state up by name (a descriptor equals another of the
     * same name), so they run on the earlier descriptors unchanged.
     */
    private static <IN>
            KeyedBroadcastOperatorTestHarness<String, IN, RegistryUpdate, Alert> harness(
                    KeyedBroadcastProcessFunction<String, IN, RegistryUpdate, Alert> function,
                    KeySelector<IN, String> key,
                    OperatorSubtaskState restored,
                    MapStateDescriptor<?, ?>... registry)
                    throws Exception {
        var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(function, List.of(registry)),
                        key,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.setup();
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        h.setProcessingTime(0);
        return h;
    }
}
