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
}
