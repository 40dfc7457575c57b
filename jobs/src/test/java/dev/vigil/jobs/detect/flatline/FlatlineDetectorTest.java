package dev.vigil.jobs.detect.flatline;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static dev.vigil.jobs.detect.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.Reading;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Flatlines per series: live values only, one small run of state per series. */
class FlatlineDetectorTest {

    @Test
    void firesOnLiveRepeatsOnlyAndKeepsOneRunPerSeries() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Reading, Alert> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new FlatlineDetector(3, 5), Reading::seriesKey, Types.STRING);
        harness.setProcessingTime(0);

        // a backlog of identical values is history: no flatline from it
        for (int i = 0; i < 5; i++) {
            harness.processElement(
                    reading(T0.minus(Duration.ofHours(3)).plusSeconds(60L * i), 9, "N", true), 0);
        }
        assertThat(harness.numKeyedStateEntries()).isZero();
        for (int minute = 1; minute <= 4; minute++) {
            harness.processElement(reading(minute, 9, "N"), 0);
        }
        harness.processElement(reading(5, 8, "N"), 0);

        assertThat(harness.extractOutputValues())
                .extracting(Alert::state)
                .containsExactly(Alert.State.FIRING, Alert.State.RESOLVED);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }
}
