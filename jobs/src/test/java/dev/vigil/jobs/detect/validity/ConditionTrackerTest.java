package dev.vigil.jobs.detect.validity;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static dev.vigil.jobs.detect.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.Reading;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fault, communication-fault, maintenance and impossible-value episodes, without Flink. */
class ConditionTrackerTest {

    private final ConditionTracker tracker = new ConditionTracker(10);

    private List<Alert> run(Reading... readings) {
        List<Alert> alerts = new ArrayList<>();
        ConditionEpisode episode = null;
        for (Reading r : readings) {
            ConditionTracker.Step step = tracker.next(episode, r, T0);
            episode = step.episode();
            alerts.addAll(step.alerts());
        }
        return alerts;
    }

    private static List<String> summary(List<Alert> alerts) {
        return alerts.stream().map(a -> a.type() + " " + a.state()).toList();
    }

    @Test
    void aFaultFiresWhileFlaggedAndResolvesWhenNormalDataReturns() {
        List<Alert> alerts =
                run(reading(1, 5, "N"), reading(2, 5, "D"), reading(3, 5, "D"), reading(4, 5, "N"));
        assertThat(summary(alerts)).containsExactly("DEVICE_FAULT FIRING", "DEVICE_FAULT RESOLVED");
        assertThat(alerts.get(0).alertId()).isEqualTo(alerts.get(1).alertId());
        assertThat(alerts.get(1).evidence()).hasSize(3);
    }

    @Test
    void stoppedAndPowerFaultsAreDeviceFaultsAndBIsACommunicationFault() {
        assertThat(summary(run(reading(1, 5, "F"), reading(2, 5, "P"), reading(3, 5, "B"))))
                .containsExactly(
                        "DEVICE_FAULT FIRING",
                        "DEVICE_FAULT RESOLVED",
                        "COMMUNICATION_FAULT FIRING");
    }

    @Test
    void maintenanceAndCalibrationAreOneMarkerForTheRecordNotToBeDispatched() {
        List<Alert> alerts = run(reading(1, 500, "M"), reading(2, 500, "C"), reading(3, 5, "T"));
        assertThat(summary(alerts)).containsExactly("MAINTENANCE FIRING", "MAINTENANCE RESOLVED");
        assertThat(alerts).allSatisfy(a -> assertThat(a.suppressed()).isTrue());
        assertThat(alerts.get(0).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void impossibleValuesWithAValidFlagAreTheirOwnCondition() {
        assertThat(summary(run(reading(1, -3, "N"), reading(2, -4, "N"), reading(3, 3, "N"))))
                .containsExactly("IMPOSSIBLE_VALUE FIRING", "IMPOSSIBLE_VALUE RESOLVED");
    }

    @Test
    void manualOrUnknownFlagsNeitherStartNorEndAnything() {
        assertThat(run(reading(1, 5, "S"), reading(2, 5, "X"))).isEmpty();
        assertThat(summary(run(reading(1, 5, "D"), reading(2, 5, "S"), reading(3, 5, "N"))))
                .containsExactly("DEVICE_FAULT FIRING", "DEVICE_FAULT RESOLVED");
    }

    @Test
    void repeatedOrOlderReadingsChangeNothing() {
        assertThat(summary(run(reading(2, 5, "D"), reading(1, 5, "N"), reading(2, 5, "N"))))
                .containsExactly("DEVICE_FAULT FIRING");
    }
}
