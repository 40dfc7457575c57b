package dev.vigil.jobs.detect;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The per-device operator: resolution (main output, dead letters) and offline detection (side
 * output) on one key, with their timers apart and their state surviving a restore.
 */
class DeviceDetectorTest {

    private static final long MINUTE = 60_000;
    private static final long TIMEOUT = 10 * MINUTE; // 2 x the 5-minute interval

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, Report, DeviceRegistration, Reading>
            harness(OperatorSubtaskState restored, long now) throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new DeviceDetector(Fixtures.config())),
                        Report::mn,
                        DeviceRegistration::mn,
                        Types.STRING);
        h.setProcessingTime(now);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    @Test
    void reportsBecomeReadingsAndASilenceIsReportedOnTheOfflineOutput() throws Exception {
        var h = harness(null, 0);
        h.processElement2(Fixtures.registration(), 0);
        h.processElement1(report(1, 42.0), 0);
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(r -> assertThat(r.sourceId()).isEqualTo(Fixtures.SOURCE));

        h.setProcessingTime(TIMEOUT - 1);
        assertThat(offline(h)).isEmpty();
        h.setProcessingTime(TIMEOUT);
        assertThat(offline(h))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(Alert.State.FIRING));

        h.processElement1(report(12, 43.0), 0);
        assertThat(offline(h))
                .extracting(Alert::state)
                .containsExactly(Alert.State.FIRING, Alert.State.RESOLVED);
        assertThat(h.extractOutputValues()).extracting(Reading::value).containsExactly(42.0, 43.0);
    }

    @Test
    void theWaitForARegistrationExpiresWithoutAnOfflineAlert() throws Exception {
        var h = harness(null, 0);
        h.processElement1(report(1, 1.0), 0);

        h.setProcessingTime(Duration.ofSeconds(5).toMillis());

        assertThat(deadLetters(h))
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("not in the registry"));
        assertThat(offline(h)).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void aReleasedWaitLeavesTheOfflineWatchArmed() throws Exception {
        var h = harness(null, 0);
        h.processElement1(report(1, 1.0), 0);

        h.processElement2(Fixtures.registration(), 0);

        assertThat(h.extractOutputValues()).extracting(Reading::value).containsExactly(1.0);
        assertThat(h.numProcessingTimeTimers()).isEqualTo(1); // the watch's, not the wait's
        h.setProcessingTime(TIMEOUT);
        assertThat(offline(h)).singleElement();
        assertThat(deadLetters(h)).isEmpty();
    }

    @Test
    void bothStatesSurviveARestore() throws Exception {
        var h = harness(null, 0);
        h.processElement2(Fixtures.registration(), 0);
        h.processElement1(report(1, 1.0), 0);
        OperatorSubtaskState snapshot = h.snapshot(1, 0);
        h.close();

        var restored = harness(snapshot, MINUTE);
        restored.processElement1(report(2, 2.0), 0);
        assertThat(restored.extractOutputValues())
                .singleElement()
                .satisfies(r -> assertThat(r.sourceId()).isEqualTo(Fixtures.SOURCE));

        restored.setProcessingTime(MINUTE + TIMEOUT);
        assertThat(offline(restored)).singleElement();
    }

    private static List<Alert> offline(
            KeyedTwoInputStreamOperatorTestHarness<String, Report, DeviceRegistration, Reading> h) {
        var records = h.getSideOutput(DetectionState.OFFLINE_ALERTS);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    private static List<DeadLetter> deadLetters(
            KeyedTwoInputStreamOperatorTestHarness<String, Report, DeviceRegistration, Reading> h) {
        var records = h.getSideOutput(DetectionState.DEAD_LETTERS);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    private static Report report(int minute, double value) {
        return Fixtures.report(
                Fixtures.MN,
                "2011",
                T0.plusSeconds(60L * minute),
                Duration.ofSeconds(2),
                value,
                "N");
    }
}
