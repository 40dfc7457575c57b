package dev.vigil.jobs.detect.video;

import static dev.vigil.jobs.detect.video.VideoAlertingTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.video.VideoEvent;
import dev.vigil.events.video.VideoVendor;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.Fixtures;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Video episodes: END or the timeout resolve them, and either clears the state. */
class VideoDetectorTest {

    private static final long TIMEOUT = Duration.ofMinutes(10).toMillis();
    private KeyedOneInputStreamOperatorTestHarness<String, VideoEvent, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new VideoDetector(Fixtures.config()), VideoDetector::key, Types.STRING);
        harness.setProcessingTime(0);
    }

    @Test
    void startFiresRepeatsDoNotAndEndResolves() throws Exception {
        harness.processElement(event("e1", VideoEvent.State.START, 0.9), 0);
        harness.processElement(event("e1", VideoEvent.State.START, 0.9), 0);
        harness.processElement(event("e2", VideoEvent.State.ONGOING, 0.9), 0);
        harness.processElement(event("e3", VideoEvent.State.END, null), 0);

        assertThat(harness.extractOutputValues())
                .extracting(Alert::state)
                .containsExactly(Alert.State.FIRING, Alert.State.RESOLVED);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void anEpisodeWithoutEndIsResolvedByTheTimeoutWhichNewsPostpones() throws Exception {
        harness.processElement(event("e1", VideoEvent.State.START, 0.9), 0);
        harness.setProcessingTime(TIMEOUT / 2);
        harness.processElement(event("e2", VideoEvent.State.ONGOING, 0.9), 0);
        harness.setProcessingTime(TIMEOUT);
        assertThat(harness.extractOutputValues()).hasSize(1);

        harness.setProcessingTime(TIMEOUT / 2 + TIMEOUT);
        assertThat(harness.extractOutputValues())
                .extracting(Alert::state)
                .containsExactly(Alert.State.FIRING, Alert.State.RESOLVED);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void lowConfidenceRaisesNothingAndAnUnlinkedCameraIsDeadLettered() throws Exception {
        harness.processElement(event("e1", VideoEvent.State.START, 0.1), 0);
        VideoEvent unlinked =
                new VideoEvent(
                        "e2",
                        "CAM-9",
                        null,
                        VideoVendor.ONVIF,
                        VideoEvent.Type.FIRE,
                        VideoEvent.State.START,
                        0.9,
                        Fixtures.T0,
                        Fixtures.T0,
                        null,
                        List.of(),
                        null,
                        null);
        harness.processElement(unlinked, 0);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(DetectionState.DEAD_LETTERS)).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
