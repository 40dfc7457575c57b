package dev.vigil.jobs.detect;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.jobs.detect.hourly.HourlyResult;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * The per-series operator: validity and flatline alerts on their side output, hourly results on the
 * main output, all from one pass over each reading, across a restore.
 */
class SeriesDetectorTest {

    private static final long CLOSE = T0.plus(Duration.ofMinutes(65)).toEpochMilli(); // end + 5 min

    private static KeyedOneInputStreamOperatorTestHarness<String, ResolvedReport, HourlyResult>
            harness(OperatorSubtaskState restored) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new SeriesDetector(Fixtures.config())),
                        Fixtures::seriesKey,
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
        h.processElement(Fixtures.resolved(Fixtures.fromFlueGas(Fixtures.reading(0, 900, "D"))), 0);
        for (int i = 1; i < 12; i++) {
            h.processElement(
                    Fixtures.resolved(Fixtures.fromFlueGas(Fixtures.reading(5 * i, 50, "N"))), 0);
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
            h.processElement(
                    Fixtures.resolved(Fixtures.reading(T0.plusSeconds(300L * i), 50, "D", true)),
                    0);
        }
        assertThat(alerts(h)).isEmpty();
        assertThat(h.numKeyedStateEntries()).isEqualTo(1); // the hour
    }

    @Test
    void theSeriesEntryGoesWithItsLastHour() throws Exception {
        var h = harness(null);
        for (int i = 0; i < 6; i++) {
            h.processElement(
                    Fixtures.resolved(Fixtures.reading(T0.plusSeconds(300L * i), 50, "D", true)),
                    0);
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
            h.processElement(Fixtures.resolved(Fixtures.reading(5 * i, 50, "N")), 0);
        }
        OperatorSubtaskState snapshot = h.snapshot(1, 0);
        h.close();

        var restored = harness(snapshot);
        for (int i = 4; i < 12; i++) {
            restored.processElement(Fixtures.resolved(Fixtures.reading(5 * i, 50, "N")), 0);
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

    @Test
    void aConditionFiresWhenItBeginsAndResolvesWithTheNextNormalLiveValue() throws Exception {
        var h = harness(null);
        Reading communicationFault = Fixtures.reading(2, 5, "B");
        Reading normalAgain = Fixtures.reading(3, 5, "N");

        h.processElement(Fixtures.resolved(Fixtures.reading(1, 5, "N")), 0);
        // backlog is history: a fault in it raises nothing
        h.processElement(
                Fixtures.resolved(Fixtures.reading(T0.minus(Duration.ofHours(3)), 5, "B", true)),
                0);
        assertThat(alerts(h)).isEmpty();
        h.processElement(Fixtures.resolved(communicationFault), 0);
        // ... and a normal value in it does not end the live condition
        h.processElement(
                Fixtures.resolved(Fixtures.reading(T0.minus(Duration.ofHours(2)), 5, "N", true)),
                0);
        h.processElement(Fixtures.resolved(normalAgain), 0);

        List<Alert> alerts = alerts(h);
        assertThat(alerts)
                .extracting(Alert::type, Alert::state)
                .containsExactly(
                        tuple(Alert.Type.COMMUNICATION_FAULT, Alert.State.FIRING),
                        tuple(Alert.Type.COMMUNICATION_FAULT, Alert.State.RESOLVED));
        assertThat(alerts.get(1).alertId()).isEqualTo(alerts.get(0).alertId());
        // the evidence: the reading that showed the fault, then the one that ended it
        assertThat(alerts.get(0).evidence())
                .extracting(Evidence::ref)
                .containsExactly(communicationFault.ref());
        assertThat(alerts.get(1).evidence())
                .extracting(Evidence::ref)
                .containsExactly(communicationFault.ref(), normalAgain.ref());
    }

    @Test
    void aConditionIsHeldAcrossARestoreAndForgottenWhenItEnds() throws Exception {
        // GIVEN a checkpoint taken while a communication fault holds
        var h = harness(null);
        h.processElement(Fixtures.resolved(Fixtures.reading(1, 5, "B")), 0);
        Alert firing = alerts(h).get(0);
        OperatorSubtaskState snapshot = h.snapshot(1, 0);
        h.close();

        // WHEN the restored job sees a further fault value and then a normal one
        var restored = harness(snapshot);
        restored.processElement(Fixtures.resolved(Fixtures.reading(2, 6, "B")), 0);
        restored.processElement(Fixtures.resolved(Fixtures.reading(3, 7, "N")), 0);
        // ... and then the fault again
        restored.processElement(Fixtures.resolved(Fixtures.reading(4, 8, "B")), 0);

        // THEN the restored condition continues and is resolved under its id; once it ended it
        // is gone, so the next fault is a new condition with a new alert, not a continuation
        List<Alert> alerts = alerts(restored);
        assertThat(alerts)
                .extracting(Alert::state)
                .containsExactly(Alert.State.RESOLVED, Alert.State.FIRING);
        assertThat(alerts.get(0).alertId()).isEqualTo(firing.alertId());
        assertThat(alerts.get(1).alertId()).isNotEqualTo(firing.alertId());
    }

    @Test
    void aFlatlineFiresOnLiveRepeatsOnlyAndResolvesWhenTheValueChanges() throws Exception {
        var h = harness(null);
        // GIVEN a backlog of four identical values: history, which starts no run
        for (int i = 0; i < 4; i++) {
            h.processElement(
                    Fixtures.resolved(
                            Fixtures.reading(
                                    T0.minus(Duration.ofHours(3)).plusSeconds(60L * i),
                                    9,
                                    "N",
                                    true)),
                    0);
        }
        // WHEN the same value arrives live: the fifth live repeat fires, not the first
        List<Reading> live = new java.util.ArrayList<>();
        for (int minute = 1; minute <= 5; minute++) {
            live.add(Fixtures.reading(minute, 9, "N"));
            h.processElement(Fixtures.resolved(live.get(minute - 1)), 0);
            assertThat(alerts(h)).hasSize(minute < 5 ? 0 : 1);
        }
        Reading changed = Fixtures.reading(6, 8, "N");
        h.processElement(Fixtures.resolved(changed), 0);

        // THEN FIRING with the repeats as evidence, RESOLVED by the different value
        List<Alert> alerts = alerts(h);
        assertThat(alerts)
                .extracting(Alert::type, Alert::state)
                .containsExactly(
                        tuple(Alert.Type.FLATLINE, Alert.State.FIRING),
                        tuple(Alert.Type.FLATLINE, Alert.State.RESOLVED));
        assertThat(alerts.get(1).alertId()).isEqualTo(alerts.get(0).alertId());
        assertThat(alerts.get(0).evidence())
                .extracting(Evidence::ref)
                .containsExactlyInAnyOrderElementsOf(live.stream().map(Reading::ref).toList());
        assertThat(alerts.get(1).evidence()).extracting(Evidence::ref).contains(changed.ref());
        // AND the series keeps one entry: its run and its hours together
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void keyedByDeviceEachSeriesClosesItsHoursAndRevisesOnItsOwnTimer() throws Exception {
        // As in the job: keyed by MN, so both series of the device share the key and its timers.
        var h = byDevice(null);
        for (int i = 0; i < 10; i++) {
            h.processElement(Fixtures.resolved(Fixtures.reading(5 * i, 50, "N")), 0);
            h.processElement(Fixtures.resolved(other(Fixtures.reading(5 * i, 7, "N"), 2)), 0);
        }
        h.processWatermark(CLOSE);
        assertThat(h.extractOutputValues())
                .extracting(HourlyResult::pollutantCode, HourlyResult::value, HourlyResult::revised)
                .containsExactlyInAnyOrder(tuple(COD, 50.0, false), tuple(OTHER, 7.0, false));

        // GIVEN a late value of the first series at 0 (revision timer at 2 s) and one of the
        // second at 1.5 s (its timer at 3 s)
        h.processElement(Fixtures.resolved(Fixtures.reading(50, 80, "N")), 0);
        h.setProcessingTime(1_500);
        h.processElement(Fixtures.resolved(other(Fixtures.reading(50, 17, "N"), 2)), 0);
        // WHEN the first timer fires THEN only the first series is revised, as on a key of its own
        h.setProcessingTime(2_000);
        assertThat(revisions(h)).containsExactly(tuple(COD, (50.0 * 10 + 80) / 11, true));
        // and the second at its own timer
        h.setProcessingTime(3_000);
        assertThat(revisions(h))
                .containsExactly(
                        tuple(COD, (50.0 * 10 + 80) / 11, true),
                        tuple(OTHER, (7.0 * 10 + 17) / 11, true));
        assertThat(h.numKeyedStateEntries()).isEqualTo(1); // one entry for the device
    }

    @Test
    void seriesRestoredFromTheEarlierOneEntryPerSeriesStateContinue() throws Exception {
        // GIVEN a snapshot of this operator as the job ran it at 974e19c, keyed by device, with
        // one map-state entry per series: COD 50 at minutes 0, 5, 10 and 15 (an open hour, a run
        // of four equal values) and a communication fault of OTHER at minute 1 (see
        // EARLIER_SNAPSHOT for how it was written)
        var h = byDevice(OperatorSnapshotUtil.readStateHandle(EARLIER_SNAPSHOT));

        // WHEN the restored operator gets the fifth equal COD value and a normal OTHER value
        Reading normal = other(Fixtures.reading(20, 8, "N"), 2);
        h.processElement(Fixtures.resolved(Fixtures.reading(20, 50, "N"), normal), 0);

        // THEN the run continues (the flatline fires at the fifth value, not the fifth after
        // the restore) and the fault is resolved with the reading that showed it as evidence
        List<Alert> alerts = alerts(h);
        assertThat(alerts)
                .extracting(Alert::type, Alert::state)
                .containsExactly(
                        tuple(Alert.Type.FLATLINE, Alert.State.FIRING),
                        tuple(Alert.Type.COMMUNICATION_FAULT, Alert.State.RESOLVED));
        assertThat(alerts.get(0).evidence()).hasSize(5);
        assertThat(alerts.get(1).evidence())
                .extracting(Evidence::ref)
                .containsExactly(other(Fixtures.reading(1, 7, "B"), 1).ref(), normal.ref());
        // AND the open hour continues: its close counts the values before the restore
        for (int i = 5; i < 12; i++) {
            h.processElement(Fixtures.resolved(Fixtures.reading(5 * i, 50, "N")), 0);
        }
        h.processWatermark(CLOSE);
        assertThat(h.extractOutputValues())
                .filteredOn(r -> r.pollutantCode().equals(COD))
                .singleElement()
                .satisfies(r -> assertThat(r.validCount()).isEqualTo(12));
        // AND the earlier entry was moved, not copied: the device has one entry
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
    }

    /**
     * Written at 974e19c with {@code OperatorSnapshotUtil.writeStateHandle(h.snapshot(1, 0), ...)}
     * from a harness of that version's {@code SeriesDetector} keyed by {@link Reading#mn()}, at
     * processing time 0, after {@code Fixtures.reading(5 * i, 50, "N")} for i = 0..3 and {@code
     * other(Fixtures.reading(1, 7, "B"), 1)}, each at element time 0.
     */
    private static final String EARLIER_SNAPSHOT =
            SeriesDetectorTest.class.getResource("series-detector-974e19c.snapshot").getPath();

    private static KeyedOneInputStreamOperatorTestHarness<String, ResolvedReport, HourlyResult>
            byDevice(OperatorSubtaskState restored) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new SeriesDetector(Fixtures.config())),
                        ResolvedReport::mn,
                        Types.STRING);
        h.setProcessingTime(0);
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    private static final String COD = Fixtures.reading(0, 1, "N").pollutantCode();
    private static final String OTHER = "w21003"; // ammonia nitrogen

    /** The reading as a value of the device's pollutant {@link #OTHER}. */
    private static Reading other(Reading r, int step) {
        return new Reading(
                r.mn(),
                r.sourceId(),
                r.outletId(),
                OTHER,
                r.kind(),
                r.value(),
                r.flag(),
                r.dataTime(),
                r.receivedAt(),
                r.ref() + step,
                r.backlog(),
                r.realtimeIntervalMillis(),
                r.water());
    }

    private static List<org.assertj.core.groups.Tuple> revisions(
            KeyedOneInputStreamOperatorTestHarness<String, ResolvedReport, HourlyResult> h) {
        return h.extractOutputValues().stream()
                .filter(HourlyResult::revised)
                .map(r -> tuple(r.pollutantCode(), r.value(), r.revised()))
                .toList();
    }

    private static List<Alert> alerts(
            KeyedOneInputStreamOperatorTestHarness<String, ResolvedReport, HourlyResult> h) {
        var records = h.getSideOutput(DetectionState.SERIES_ALERTS);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }
}
