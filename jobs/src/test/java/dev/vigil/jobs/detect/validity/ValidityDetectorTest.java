package dev.vigil.jobs.detect.validity;

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

/** Flag conditions per series: state only while a condition lasts; backlog is not judged. */
class ValidityDetectorTest {

    @Test
    void stateLivesOnlyAsLongAsTheCondition() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Reading, Alert> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new ValidityDetector(5), Reading::seriesKey, Types.STRING);
        harness.setProcessingTime(0);

        harness.processElement(reading(1, 5, "N"), 0);
        assertThat(harness.numKeyedStateEntries()).isZero();
        harness.processElement(reading(2, 5, "B"), 0);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        harness.processElement(reading(T0.minus(Duration.ofHours(2)), 5, "N", true), 0);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        harness.processElement(reading(3, 5, "N"), 0);

        assertThat(harness.extractOutputValues())
                .extracting(a -> a.type() + " " + a.state())
                .containsExactly("COMMUNICATION_FAULT FIRING", "COMMUNICATION_FAULT RESOLVED");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
