package dev.vigil.jobs.detect.flatline;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static dev.vigil.jobs.detect.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.Reading;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flatline runs, without Flink. */
class FlatlineTrackerTest {

    private final FlatlineTracker tracker = new FlatlineTracker(4, 10);

    private List<String> run(Reading... readings) {
        List<String> alerts = new ArrayList<>();
        FlatlineRun run = null;
        for (Reading r : readings) {
            FlatlineTracker.Step step = tracker.next(run, r, T0);
            run = step.run();
            if (step.alert() != null) {
                alerts.add(step.alert().state() + "@" + r.dataTime().getEpochSecond() % 3600 / 60);
            }
        }
        return alerts;
    }

    @Test
    void theSameValueInARowFiresOnceAndTheNextDifferentValueResolves() {
        assertThat(
                        run(
                                reading(1, 7, "N"),
                                reading(2, 5, "N"),
                                reading(3, 5, "N"),
                                reading(4, 5, "N"),
                                reading(5, 5, "N"),
                                reading(6, 5, "N"),
                                reading(7, 5.1, "N")))
                .containsExactly("FIRING@5", "RESOLVED@7");
    }

    @Test
    void invalidFlagsNeitherExtendNorBreakARun() {
        assertThat(
                        run(
                                reading(1, 5, "N"),
                                reading(2, 9, "D"),
                                reading(3, 5, "N"),
                                reading(4, 5, "M"),
                                reading(5, 5, "N"),
                                reading(6, 5, "N")))
                .containsExactly("FIRING@6");
    }

    @Test
    void aFrameSentAgainIsNotCountedTwice() {
        assertThat(
                        run(
                                reading(1, 5, "N"),
                                reading(2, 5, "N"),
                                reading(2, 5, "N"),
                                reading(2, 5, "N"),
                                reading(3, 5, "N")))
                .isEmpty();
    }

    @Test
    void theAlertCarriesTheRunAsEvidenceAndItsStartInTheId() {
        FlatlineRun run = null;
        Alert firing = null;
        for (int minute = 1; minute <= 4; minute++) {
            FlatlineTracker.Step step = tracker.next(run, reading(minute, 3, "N"), T0);
            run = step.run();
            firing = step.alert();
        }
        assertThat(firing.type()).isEqualTo(Alert.Type.FLATLINE);
        assertThat(firing.evidence()).hasSize(4);
        assertThat(firing.alertId())
                .isEqualTo(
                        Alert.idFor(
                                "FLATLINE",
                                "src-paper",
                                "WS-01",
                                "w01018",
                                "MN0000000000001",
                                T0.plusSeconds(60).toString()));
    }

    @Test
    void evidenceWrittenWhenTheAlertIsRaisedReadsAsTheReadingsOwn() {
        // The run keeps numbers, not text: its evidence must still read as each reading's own,
        // the oldest dropped beyond the limit, and the resolving reading appended.
        FlatlineTracker tracker3 = new FlatlineTracker(4, 3);
        List<Reading> readings =
                List.of(
                        reading(1, 3, "N"),
                        reading(2, 3, "T"),
                        reading(3, 3, "N"),
                        reading(4, 3, "T"),
                        reading(5, 3.25, "N"));
        FlatlineRun run = null;
        List<Alert> alerts = new ArrayList<>();
        for (Reading r : readings) {
            FlatlineTracker.Step step = tracker3.next(run, r, T0);
            run = step.run();
            if (step.alert() != null) {
                alerts.add(step.alert());
            }
        }
        assertThat(alerts)
                .extracting(Alert::state)
                .containsExactly(Alert.State.FIRING, Alert.State.RESOLVED);
        assertThat(alerts.get(0).evidence())
                .containsExactly(
                        readings.get(1).evidence(),
                        readings.get(2).evidence(),
                        readings.get(3).evidence());
        assertThat(alerts.get(1).evidence())
                .containsExactly(
                        readings.get(2).evidence(),
                        readings.get(3).evidence(),
                        readings.get(4).evidence());
        assertThat(alerts.get(0).evidence().get(0).detail())
                .isEqualTo("w01018 realtime 3.0, flag T, MN MN0000000000001");
    }
}
