package dev.vigil.jobs.detect.hourly;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.Fixtures;
import dev.vigil.jobs.detect.Reading;
import dev.vigil.jobs.detect.ResolvedReport;
import dev.vigil.jobs.detect.SeriesDetector;
import dev.vigil.jobs.detect.SeriesState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hourly values in event time: closed by the watermark, revised by late data in processing time,
 * forgotten after the allowed lateness (6 h in the test configuration). Through the operator that
 * runs the aggregation in the job, {@link SeriesDetector}, keyed by series.
 */
class HourlyAggregatorTest {

    private static final Instant CLOSE = T0.plus(Duration.ofMinutes(65)); // end + 5 min
    private KeyedProcessOperator<String, ResolvedReport, HourlyResult> operator;
    private KeyedOneInputStreamOperatorTestHarness<String, ResolvedReport, HourlyResult> harness;

    @BeforeEach
    void setUp() throws Exception {
        operator = new KeyedProcessOperator<>(new SeriesDetector(Fixtures.config()));
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, Fixtures::seriesKey, Types.STRING);
        harness.setProcessingTime(0);
        harness.open();
    }

    @Test
    void anHourIsJudgedOnceTheWatermarkPassesItsEndAndTheWaitForTheDevicesValue() throws Exception {
        fullHour(50);
        harness.processWatermark(CLOSE.toEpochMilli() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(CLOSE.toEpochMilli());

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        h -> {
                            assertThat(h.value()).isEqualTo(50.0);
                            assertThat(h.basis()).isEqualTo(HourlyAverage.Basis.COMPUTED);
                            assertThat(h.validCount()).isEqualTo(12);
                            assertThat(h.revised()).isFalse();
                            assertThat(h.hourStart()).isEqualTo(T0);
                        });
    }

    @Test
    void theDevicesHourlyValueArrivingBeforeTheCloseIsOfficialAndCheckedForAMismatch()
            throws Exception {
        fullHour(50);
        harness.processElement(Fixtures.resolved(hourly(20.0, T0.plus(Duration.ofMinutes(61)))), 0);
        harness.processWatermark(CLOSE.toEpochMilli());

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(h -> assertThat(h.basis()).isEqualTo(HourlyAverage.Basis.OFFICIAL));
        assertThat(mismatches())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.type()).isEqualTo(Alert.Type.DATA_MISMATCH);
                            assertThat(a.state()).isEqualTo(Alert.State.FIRING);
                            assertThat(a.value()).isEqualTo(20.0);
                        });
    }

    @Test
    void lateDataRevisesTheHourOnceAfterTheRevisionDelay() throws Exception {
        for (int i = 0; i < 4; i++) {
            harness.processElement(Fixtures.resolved(Fixtures.reading(5 * i + 1, 60, "N")), 0);
        }
        harness.processWatermark(CLOSE.toEpochMilli());
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(h -> assertThat(h.value()).isNull());

        // the backlog arrives at 03:10 (receive time), long after the hour was judged
        for (int i = 4; i < 12; i++) {
            harness.processElement(Fixtures.resolved(backlog(5 * i + 1, 130)), 0);
        }
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.setProcessingTime(5_000);

        List<HourlyResult> results = harness.extractOutputValues();
        assertThat(results).hasSize(2);
        assertThat(results.get(1))
                .satisfies(
                        h -> {
                            assertThat(h.revised()).isTrue();
                            assertThat(h.previousValue()).isNull();
                            assertThat(h.value()).isEqualTo((4 * 60 + 8 * 130) / 12.0);
                            assertThat(h.valueChanged()).isTrue();
                        });
    }

    @Test
    void aWastewaterHourWithAMaintenanceValueIsAbnormalAndALateOneRevisesIt() throws Exception {
        // GIVEN two wastewater hours: the first with one maintenance value among eleven normal
        // ones, the second with eleven normal values, all on time
        for (int i = 0; i < 12; i++) {
            harness.processElement(
                    Fixtures.resolved(Fixtures.reading(5 * i + 1, 50, i == 6 ? "M" : "N")), 0);
            if (i < 11) {
                harness.processElement(
                        Fixtures.resolved(Fixtures.reading(60 + 5 * i + 1, 70, "N")), 0);
            }
        }
        harness.processWatermark(CLOSE.plus(Duration.ofHours(1)).toEpochMilli());
        List<HourlyResult> live = harness.extractOutputValues();
        assertThat(live)
                .extracting(HourlyResult::basis)
                .containsExactly(HourlyAverage.Basis.ABNORMAL, HourlyAverage.Basis.COMPUTED);
        assertThat(live).extracting(HourlyResult::value).containsExactly(null, 70.0);
        assertThat(live.get(0).describe()).contains("abnormal: 1 of 12");

        // WHEN a fault value of the second hour arrives late, in the slot that had none
        harness.processElement(Fixtures.resolved(lateFault(60 + 56)), 0);
        harness.setProcessingTime(5_000);

        // THEN the second hour is revised to abnormal: no value any more
        assertThat(harness.extractOutputValues())
                .hasSize(3)
                .last()
                .satisfies(
                        h -> {
                            assertThat(h.revised()).isTrue();
                            assertThat(h.basis()).isEqualTo(HourlyAverage.Basis.ABNORMAL);
                            assertThat(h.value()).isNull();
                            assertThat(h.previousValue()).isEqualTo(70.0);
                            assertThat(h.valueChanged()).isTrue();
                        });
    }

    @Test
    void aWaterDailyValueCountsOnlyForADayWithoutAnAbnormalHour() throws Exception {
        // GIVEN a wastewater series with a calibration value at 00:31 (hour 0 abnormal)
        for (int i = 0; i < 12; i++) {
            harness.processElement(
                    Fixtures.resolved(Fixtures.reading(5 * i + 1, 50, i == 6 ? "C" : "N")), 0);
        }
        // WHEN the device's daily values of that day and of the next (all normal) arrive
        Instant nextDay = T0.plus(Duration.ofDays(1));
        harness.processElement(
                Fixtures.resolved(Fixtures.reading(nextDay.plusSeconds(60), 40, "N", false)), 0);
        harness.processElement(
                Fixtures.resolved(daily(T0, 45, nextDay.plusSeconds(300), false)), 0);
        harness.processElement(
                Fixtures.resolved(
                        daily(
                                nextDay,
                                41,
                                nextDay.plus(Duration.ofDays(1)).plusSeconds(300),
                                false)),
                0);
        // AND a backlog daily value and a flue-gas one, neither for the water rule
        harness.processElement(
                Fixtures.resolved(
                        daily(
                                nextDay.minus(Duration.ofDays(3)),
                                42,
                                nextDay.plusSeconds(400),
                                true)),
                0);
        harness.processElement(
                Fixtures.resolved(
                        Fixtures.fromFlueGas(daily(nextDay, 43, nextDay.plusSeconds(500), false))),
                0);

        // THEN only the clean day's value goes on to the threshold rules
        assertThat(harness.getSideOutput(DetectionState.WATER_DAILY_VALUES))
                .extracting(StreamRecord::getValue)
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.kind()).isEqualTo(DataKind.DAILY);
                            assertThat(v.value()).isEqualTo(41.0);
                            assertThat(v.time()).isEqualTo(nextDay);
                        });
    }

    @Test
    void dataForAnHourOverByItsReceiveTimeIsOnlyEverARevision() throws Exception {
        // no live data for the hour at all, and the watermark has not caught up (e.g. a restart)
        for (int i = 0; i < 12; i++) {
            harness.processElement(Fixtures.resolved(backlog(5 * i + 1, 130)), 0);
        }
        harness.processWatermark(CLOSE.toEpochMilli());
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(5_000);
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(h -> assertThat(h.revised()).isTrue());
    }

    @Test
    void anHourIsForgottenAfterTheAllowedLatenessAndLaterDataIgnored() throws Exception {
        fullHour(50);
        harness.processWatermark(CLOSE.toEpochMilli());
        assertThat(heldHours()).isEqualTo(1);

        Instant forgotten = T0.plus(Duration.ofHours(7));
        harness.processWatermark(forgotten.toEpochMilli());
        assertThat(heldHours()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        harness.processElement(Fixtures.resolved(backlog(3, 99)), 0);
        harness.setProcessingTime(10_000);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(heldHours()).isZero();
    }

    @Test
    void minuteAndDailyValuesAreNotHourlyInput() throws Exception {
        Reading minute = Fixtures.reading(1, 50, "N");
        harness.processElement(
                Fixtures.resolved(
                        new Reading(
                                minute.mn(),
                                minute.sourceId(),
                                minute.outletId(),
                                minute.pollutantCode(),
                                DataKind.MINUTE,
                                50,
                                "N",
                                minute.dataTime(),
                                minute.receivedAt(),
                                minute.ref(),
                                false,
                                minute.realtimeIntervalMillis(),
                                minute.water())),
                0);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private void fullHour(double value) throws Exception {
        for (int i = 0; i < 12; i++) {
            harness.processElement(Fixtures.resolved(Fixtures.reading(5 * i + 1, value, "N")), 0);
        }
    }

    /**
     * The hours the series holds; its entry holds its flatline run too, so the count of entries
     * would not say.
     */
    private int heldHours() throws Exception {
        Reading series = Fixtures.reading(0, 0, "N");
        operator.setCurrentKey(series.seriesKey());
        Map<String, SeriesState> held =
                operator.getKeyedStateStore().getState(DetectionState.DEVICE_SERIES).value();
        SeriesState state = held == null ? null : held.get(series.pollutantCode());
        return state == null ? 0 : state.hours().size();
    }

    private List<Alert> mismatches() {
        return harness.getSideOutput(DetectionState.MISMATCH_ALERTS).stream()
                .map(StreamRecord::getValue)
                .toList();
    }

    private static Reading backlog(int minute, double value) {
        Reading r = Fixtures.reading(minute, value, "N");
        return new Reading(
                r.mn(),
                r.sourceId(),
                r.outletId(),
                r.pollutantCode(),
                r.kind(),
                value,
                "N",
                r.dataTime(),
                T0.plus(Duration.ofMinutes(190)),
                r.ref(),
                true,
                r.realtimeIntervalMillis(),
                r.water());
    }

    private static Reading daily(Instant day, double value, Instant received, boolean backlog) {
        return new Reading(
                Fixtures.MN,
                Fixtures.SOURCE,
                Fixtures.OUTLET,
                Fixtures.COD,
                DataKind.DAILY,
                value,
                "N",
                day,
                received,
                "ref-2031-" + day,
                backlog,
                Fixtures.INTERVAL.toMillis(),
                true);
    }

    /** A fault value received at 03:10, long after its hour. */
    private static Reading lateFault(int minute) {
        Reading r = backlog(minute, 900);
        return new Reading(
                r.mn(),
                r.sourceId(),
                r.outletId(),
                r.pollutantCode(),
                r.kind(),
                r.value(),
                "D",
                r.dataTime(),
                r.receivedAt(),
                r.ref(),
                r.backlog(),
                r.realtimeIntervalMillis(),
                r.water());
    }

    private static Reading hourly(double value, Instant received) {
        return new Reading(
                Fixtures.MN,
                Fixtures.SOURCE,
                Fixtures.OUTLET,
                Fixtures.COD,
                DataKind.HOURLY,
                value,
                "N",
                T0,
                received,
                "ref-2061",
                false,
                Fixtures.INTERVAL.toMillis(),
                true);
    }
}
