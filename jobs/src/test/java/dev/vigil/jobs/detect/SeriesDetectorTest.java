package dev.vigil.jobs.detect;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.hourly.HourlyResult;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The per-series operator: validity and flatline alerts on their side output, hourly results on the
 * main output, all from one pass over each reading, across a restore.
 */
class SeriesDetectorTest {

    private static final long CLOSE = T0.plus(Duration.ofMinutes(65)).toEpochMilli(); // end + 5 min

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, HourlyResult> harness(
            OperatorSubtaskState restored) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new SeriesDetector(Fixtures.config())),
                        Reading::seriesKey,
                        Types.STRING);
        h.setProcessingTime(0);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    @Test
    void oneSeriesGetsItsConditionFlatlineAndHourlyValue() throws Exception {
        var h = harness(null);
        // Flue gas: an hour with a fault value still has a value (the water rule would drop it).
        h.processElement(Fixtures.fromFlueGas(Fixtures.reading(0, 900, "D")), 0);
        for (int i = 1; i < 12; i++) {
            h.processElement(Fixtures.fromFlueGas(Fixtures.reading(5 * i, 50, "N")), 0);
        }
        h.processWatermark(CLOSE);

        assertThat(alerts(h))
                .extracting(Alert::type, Alert::state)
                .containsExactly(
                        tuple(Alert.Type.DEVICE_FAULT, Alert.State.FIRING),
                        tuple(Alert.Type.DEVICE_FAULT, Alert.State.RESOLVED),
                        tuple(Alert.Type.FLATLINE, Alert.State.FIRING));
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.value()).isEqualTo(50.0);
                            assertThat(r.validCount()).isEqualTo(11);
                        });
    }

    @Test
    void backlogOnlyRevisesHours() throws Exception {
        var h = harness(null);
        for (int i = 0; i < 6; i++) {
            h.processElement(Fixtures.reading(T0.plusSeconds(300L * i), 50, "D", true), 0);
        }
        assertThat(alerts(h)).isEmpty();
        assertThat(h.numKeyedStateEntries()).isEqualTo(1); // the hour
    }

    @Test
    void theSeriesEntryGoesWithItsLastHour() throws Exception {
        var h = harness(null);
        for (int i = 0; i < 6; i++) {
            h.processElement(Fixtures.reading(T0.plusSeconds(300L * i), 50, "D", true), 0);
        }
        // GIVEN only an hour held (backlog raises no condition or run) WHEN it is forgotten
        h.processWatermark(T0.plus(Duration.ofHours(7)).toEpochMilli());

        // THEN the series has no entry left
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void theStatesOfAllThreeSurviveARestore() throws Exception {
        var h = harness(null);
        for (int i = 0; i < 4; i++) {
            h.processElement(Fixtures.reading(5 * i, 50, "N"), 0);
        }
        OperatorSubtaskState snapshot = h.snapshot(1, 0);
        h.close();

        var restored = harness(snapshot);
        for (int i = 4; i < 12; i++) {
            restored.processElement(Fixtures.reading(5 * i, 50, "N"), 0);
        }
        restored.processWatermark(CLOSE);

        // The fifth equal value in a row fires, counting the four before the restore.
        assertThat(alerts(restored))
                .singleElement()
                .satisfies(a -> assertThat(a.type()).isEqualTo(Alert.Type.FLATLINE));
        assertThat(restored.extractOutputValues())
                .singleElement()
                .satisfies(r -> assertThat(r.validCount()).isEqualTo(12));
    }

    private static List<Alert> alerts(
            KeyedOneInputStreamOperatorTestHarness<String, Reading, HourlyResult> h) {
        var records = h.getSideOutput(DetectionState.SERIES_ALERTS);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }
}
