package dev.vigil.jobs.detect;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.detect.registry.DeviceRegistration;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-device operator: resolution (main output, dead letters) and offline detection (side
 * output) on one key, with their timers apart and their state surviving a restore; offline
 * detection on processing-time timers, across restores.
 */
class DeviceDetectorTest {

    private static final long MINUTE = 60_000;
    private static final long TIMEOUT = 10 * MINUTE; // 2 x the 5-minute interval

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, Report, DeviceRegistration, ResolvedReport>
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
        assertThat(readings(h))
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
        assertThat(readings(h)).extracting(Reading::value).containsExactly(42.0, 43.0);
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

        assertThat(readings(h)).extracting(Reading::value).containsExactly(1.0);
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
        assertThat(readings(restored))
                .singleElement()
                .satisfies(r -> assertThat(r.sourceId()).isEqualTo(Fixtures.SOURCE));

        restored.setProcessingTime(MINUTE + TIMEOUT);
        assertThat(offline(restored)).singleElement();
    }

    @Test
    void aRegisteredDeviceNeverHeardFromGoesOfflineWithoutAnyInput() throws Exception {
        var h = harness(null, 0);
        h.processElement2(Fixtures.registration(), 0);

        h.setProcessingTime(TIMEOUT - 1);
        assertThat(offline(h)).isEmpty();
        h.setProcessingTime(TIMEOUT);

        assertThat(offline(h))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.type()).isEqualTo(Alert.Type.OFFLINE);
                            assertThat(a.state()).isEqualTo(Alert.State.FIRING);
                            assertThat(a.message()).contains("never reported");
                            assertThat(a.eventTime())
                                    .isEqualTo(Fixtures.registration().registeredAt());
                            assertThat(a.evidence()).isEmpty(); // no report to point at
                        });
        assertThat(h.numProcessingTimeTimers()).isZero();
        assertThat(readings(h)).isEmpty();
    }

    @Test
    void reportsKeepItOnlineAndOneTimerIsPendingAtMost() throws Exception {
        var h = harness(null, 0);
        h.processElement2(Fixtures.registration(), 0);
        for (int minute = 5; minute <= 30; minute += 5) {
            h.setProcessingTime(minute * MINUTE);
            h.processElement1(report(minute, minute), 0);
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
        }
        assertThat(offline(h)).isEmpty();

        // silent after minute 30: offline at 40, resolved by the next report
        h.setProcessingTime(40 * MINUTE);
        h.setProcessingTime(55 * MINUTE);
        h.processElement1(report(55, 55), 0);

        List<Alert> alerts = offline(h);
        assertThat(alerts)
                .extracting(Alert::state)
                .containsExactly(Alert.State.FIRING, Alert.State.RESOLVED);
        assertThat(alerts.get(0).alertId()).isEqualTo(alerts.get(1).alertId());
        assertThat(alerts.get(0).eventTime()).isEqualTo(report(30, 30).receivedAt());
        // the evidence: the last report before the silence, then the one that ended it
        assertThat(alerts.get(0).evidence())
                .extracting(Evidence::ref)
                .containsExactly(report(30, 30).rawDigest());
        assertThat(alerts.get(1).evidence())
                .extracting(Evidence::ref)
                .containsExactly(report(55, 55).rawDigest());
    }

    @Test
    void unregisteringClearsStateAndTimerAndResolvesAFiringAlert() throws Exception {
        var h = harness(null, 0);
        h.processElement2(Fixtures.registration(), 0);
        h.setProcessingTime(TIMEOUT);
        h.processElement2(Fixtures.registration().removed(T0), 0);

        List<Alert> alerts = offline(h);
        assertThat(alerts)
                .extracting(Alert::state)
                .containsExactly(Alert.State.FIRING, Alert.State.RESOLVED);
        assertThat(alerts.get(1).alertId()).isEqualTo(alerts.get(0).alertId());
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();

        // and a device unregistered while online leaves nothing behind either
        var h2 = harness(null, 0);
        h2.processElement2(Fixtures.registration(), 0);
        h2.processElement2(Fixtures.registration().removed(T0), 0);
        assertThat(offline(h2)).isEmpty();
        assertThat(h2.numKeyedStateEntries()).isZero();
        assertThat(h2.numProcessingTimeTimers()).isZero();
    }

    @Test
    void unregisteredDevicesAreNotWatched() throws Exception {
        var h = harness(null, 0);
        h.processElement1(report(1, 1.0), 0);
        h.setProcessingTime(10 * TIMEOUT);
        assertThat(offline(h)).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
    }

    @Test
    void afterARestoreTheJobsDowntimeIsNotBlamedOnTheDevice() throws Exception {
        var h = harness(null, 0);
        h.processElement2(Fixtures.registration(), 0);
        h.processElement1(report(1, 1.0), 0);
        OperatorSubtaskState snapshot = h.snapshot(1, 0);
        h.close();

        // restored an hour later: the old deadline has passed, yet the device gets a full timeout
        long restart = 60 * MINUTE;
        var restored = harness(snapshot, restart);
        restored.setProcessingTime(restart + 1);
        assertThat(offline(restored)).isEmpty();
        restored.setProcessingTime(restart + TIMEOUT + 1);
        assertThat(offline(restored))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(Alert.State.FIRING));
    }

    @Test
    void anAlertTheRunBeforeMayHaveFiredIsResolvedByTheNextReport() throws Exception {
        // GIVEN a checkpoint taken while the device was online, its deadline at minute 11
        var h = harness(null, 0);
        h.processElement2(Fixtures.registration(), 0);
        h.setProcessingTime(MINUTE);
        h.processElement1(report(1, 1.0), 0);
        OperatorSubtaskState snapshot = h.snapshot(1, MINUTE);
        // ... after which the run fired OFFLINE at minute 11 and then died
        h.setProcessingTime(11 * MINUTE);
        Alert firedBeforeTheCrash = offline(h).get(0);
        h.close();

        // WHEN the job restarts at minute 12 and the device reports again at once
        var restored = harness(snapshot, 12 * MINUTE);
        restored.processElement1(report(12, 12.0), 0);

        // THEN the alert the restored state never saw is resolved, under its id
        assertThat(offline(restored))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.state()).isEqualTo(Alert.State.RESOLVED);
                            assertThat(a.alertId()).isEqualTo(firedBeforeTheCrash.alertId());
                        });
    }

    /** When the run before the restore fired the device's OFFLINE alert. */
    enum Fired {
        /** Before the checkpoint the job is restored from: the state knows. */
        BEFORE_THE_CHECKPOINT,
        /** After it, shortly before the job died: the restored state does not know. */
        AFTER_THE_CHECKPOINT
    }

    /** What comes first after the restore. */
    enum First {
        /** The restored timer of the old deadline, then the device's report. */
        RESTORED_TIMER,
        /** The device's report, then the restored timer. */
        REPORT
    }

    @ParameterizedTest(name = "fired {0}, {1} first")
    @MethodSource("restores")
    void aDeviceOfflineBeforeARestoreGetsExactlyOneResolvedWhenItReportsAfterIt(
            Fired fired, First first) throws Exception {
        // GIVEN a device heard at minute 1, its deadline at minute 11, when the run fires OFFLINE
        var h = harness(null, 0);
        h.processElement2(Fixtures.registration(), 0);
        h.setProcessingTime(MINUTE);
        h.processElement1(report(1, 1.0), 0);
        OperatorSubtaskState snapshot =
                fired == Fired.AFTER_THE_CHECKPOINT ? h.snapshot(1, 0) : null;
        h.setProcessingTime(11 * MINUTE);
        if (fired == Fired.BEFORE_THE_CHECKPOINT) {
            snapshot = h.snapshot(1, 0);
        }
        Alert down = offline(h).get(0);
        assertThat(down.state()).isEqualTo(Alert.State.FIRING);
        h.close();

        // WHEN the job is restored at minute 12 and the device reports from then on, every minute
        long restart = 12 * MINUTE;
        var restored = harness(snapshot, restart);
        if (first == First.RESTORED_TIMER) {
            restored.setProcessingTime(restart + 1);
        } else {
            // the harness fires the restored timer with the next change of processing time
            restored.processElement1(report(12, 12.0), 0);
        }
        for (int minute = 13; minute <= 18; minute++) {
            restored.setProcessingTime(minute * MINUTE + 1);
            restored.processElement1(report(minute, minute), 0);
        }

        // THEN the alert is resolved once, under its id, and nothing else is reported
        assertThat(offline(restored))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.state()).isEqualTo(Alert.State.RESOLVED);
                            assertThat(a.alertId()).isEqualTo(down.alertId());
                        });
        // AND the device is watched again: one timer, and the next silence is reported
        assertThat(restored.numProcessingTimeTimers()).isEqualTo(1);
        restored.setProcessingTime(40 * MINUTE);
        assertThat(offline(restored))
                .extracting(Alert::state)
                .containsExactly(Alert.State.RESOLVED, Alert.State.FIRING);
    }

    static Stream<Arguments> restores() {
        return Stream.of(Fired.values())
                .flatMap(f -> Stream.of(First.values()).map(o -> Arguments.of(f, o)));
    }

    /** The readings of the reports handed on, in order. */
    private static List<Reading> readings(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, Report, DeviceRegistration, ResolvedReport>
                    h) {
        return h.extractOutputValues().stream().flatMap(r -> r.readings().stream()).toList();
    }

    private static List<Alert> offline(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, Report, DeviceRegistration, ResolvedReport>
                    h) {
        var records = h.getSideOutput(DetectionState.OFFLINE_ALERTS);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    private static List<DeadLetter> deadLetters(
            KeyedTwoInputStreamOperatorTestHarness<
                            String, Report, DeviceRegistration, ResolvedReport>
                    h) {
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
