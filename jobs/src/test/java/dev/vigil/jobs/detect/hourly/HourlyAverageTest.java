package dev.vigil.jobs.detect.hourly;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.jobs.detect.Fixtures;
import dev.vigil.jobs.detect.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validity, official values and mismatches of hourly values, without Flink. */
class HourlyAverageTest {

    private final HourlyAverage average = new HourlyAverage(0.75, 0.10);

    /**
     * A wastewater hour (the fixture device's): twelve slots an hour (5-minute interval), nine
     * valid values make an hour valid.
     */
    private HourAccumulator hourWith(double... values) {
        HourAccumulator hour = HourlyAverage.open(Fixtures.reading(0, 0, "N"));
        for (int i = 0; i < values.length; i++) {
            hour = average.add(hour, Fixtures.reading(5 * i + 1, values[i], "N"));
        }
        return hour;
    }

    /** The same for a flue-gas device. */
    private HourAccumulator flueGasHourWith(double... values) {
        HourAccumulator hour =
                HourlyAverage.open(Fixtures.fromFlueGas(Fixtures.reading(0, 0, "N")));
        for (int i = 0; i < values.length; i++) {
            hour =
                    average.add(
                            hour,
                            Fixtures.fromFlueGas(Fixtures.reading(5 * i + 1, values[i], "N")));
        }
        return hour;
    }

    @Test
    void theExpectedCountComesFromTheDevicesInterval() {
        HourAccumulator hour = hourWith();
        assertThat(hour.expected()).isEqualTo(12);
        assertThat(average.minValid(hour)).isEqualTo(9);
    }

    @Test
    void anHourNeedsSeventyFivePercentValidValues() {
        HourAccumulator eight = hourWith(10, 10, 10, 10, 10, 10, 10, 20);
        HourAccumulator nine = hourWith(10, 10, 10, 10, 10, 10, 10, 20, 30);

        assertThat(average.judge(eight).basis()).isEqualTo(HourlyAverage.Basis.NONE);
        assertThat(average.judge(eight).value()).isNull();
        assertThat(average.judge(nine).basis()).isEqualTo(HourlyAverage.Basis.COMPUTED);
        assertThat(average.judge(nine).value()).isEqualTo(120.0 / 9);
    }

    @Test
    void forFlueGasInvalidAndImpossibleValuesOnlyDoNotCount() {
        HourAccumulator hour = flueGasHourWith(10, 10, 10, 10, 10, 10, 10, 10);
        hour = average.add(hour, flueGas(41, 500, "M"));
        hour = average.add(hour, flueGas(46, -1, "N"));
        hour = average.add(hour, flueGas(51, 500, "D"));

        assertThat(hour.total()).isEqualTo(11);
        assertThat(hour.valid()).isEqualTo(8);
        assertThat(average.judge(hour).value()).isNull();
        hour = average.add(hour, flueGas(56, 10, "T"));
        assertThat(average.judge(hour))
                .isEqualTo(
                        new HourlyAverage.Judgement(
                                10.0, HourlyAverage.Basis.COMPUTED, 10.0, false));
    }

    @Test
    void forWaterOneAbnormalValueMakesTheHourAbnormal() {
        // GIVEN a wastewater hour of eleven normal values, enough for a valid average
        HourAccumulator normal = hourWith(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        assertThat(average.judge(normal).basis()).isEqualTo(HourlyAverage.Basis.COMPUTED);

        // WHEN one more value is flagged maintenance, or is impossible
        HourAccumulator maintenance = average.add(normal, Fixtures.reading(56, 500, "M"));
        HourAccumulator negative = average.add(normal, Fixtures.reading(56, -3, "N"));

        // THEN the hour has no value, and the flue-gas rule would have kept one
        for (HourAccumulator hour : List.of(maintenance, negative)) {
            assertThat(hour.abnormal()).isEqualTo(1);
            assertThat(average.judge(hour))
                    .isEqualTo(
                            new HourlyAverage.Judgement(
                                    null, HourlyAverage.Basis.ABNORMAL, null, false));
        }
        HourAccumulator flueGas =
                average.add(
                        flueGasHourWith(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10),
                        flueGas(56, 500, "M"));
        assertThat(average.judge(flueGas).value()).isEqualTo(10.0);
    }

    @Test
    void forWaterTheDevicesOwnHourlyValueDoesNotOverruleAnAbnormalInput() {
        HourAccumulator hour =
                average.add(hourWith(50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50), hourly(54, "N"));
        assertThat(average.judge(hour).basis()).isEqualTo(HourlyAverage.Basis.OFFICIAL);

        HourAccumulator withFault = average.add(hour, Fixtures.reading(56, 50, "D"));

        assertThat(average.judge(withFault).basis()).isEqualTo(HourlyAverage.Basis.ABNORMAL);
        assertThat(average.judge(withFault).value()).isNull();
        assertThat(withFault.official()).isEqualTo(54.0); // kept for the record
    }

    @Test
    void forWaterOverRangeIsNotAbnormal() {
        HourAccumulator hour =
                average.add(
                        hourWith(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10),
                        Fixtures.reading(56, 10, "T"));
        assertThat(hour.abnormal()).isZero();
        assertThat(average.judge(hour).value()).isEqualTo(10.0);
    }

    @Test
    void aValueSentTwiceCountsOnce() {
        HourAccumulator hour = hourWith(10, 10, 10, 10, 10, 10, 10, 10, 10);
        HourAccumulator again = average.add(hour, Fixtures.reading(1, 99, "N"));
        HourAccumulator sameSlot = average.add(hour, Fixtures.reading(2, 99, "N"));

        assertThat(again).isSameAs(hour);
        assertThat(sameSlot).isSameAs(hour);
        assertThat(average.judge(hour).value()).isEqualTo(10.0);
    }

    @Test
    void theDevicesHourlyValueIsOfficialAndChecksTheComputedOne() {
        HourAccumulator hour = hourWith(50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50);
        HourAccumulator agreeing = average.add(hour, hourly(54.0, "N"));
        HourAccumulator disagreeing = average.add(hour, hourly(20.0, "N"));

        assertThat(average.judge(agreeing))
                .isEqualTo(
                        new HourlyAverage.Judgement(
                                54.0, HourlyAverage.Basis.OFFICIAL, 50.0, false));
        assertThat(average.judge(disagreeing).mismatch()).isTrue();
        assertThat(average.judge(disagreeing).value()).isEqualTo(20.0);
    }

    @Test
    void anInvalidHourlyValueFallsBackToTheComputedOne() {
        HourAccumulator hour =
                average.add(hourWith(50, 50, 50, 50, 50, 50, 50, 50, 50), hourly(20.0, "D"));
        assertThat(average.judge(hour).basis()).isEqualTo(HourlyAverage.Basis.COMPUTED);
        assertThat(hour.hasData()).isTrue();
    }

    @Test
    void onlyTheOfficialValueWithoutRealTimeValuesIsStillAValue() {
        HourAccumulator hour = average.add(hourWith(), hourly(33.0, "N"));
        assertThat(average.judge(hour))
                .isEqualTo(
                        new HourlyAverage.Judgement(
                                33.0, HourlyAverage.Basis.OFFICIAL, null, false));
    }

    @Test
    void aWaterDayWithAnAbnormalHourIsAbnormal() {
        HourAccumulator clean = hourWith(10, 10, 10);
        HourAccumulator abnormal = average.add(clean, Fixtures.reading(20, 10, "C"));
        HourAccumulator flueGas = average.add(flueGasHourWith(10, 10, 10), flueGas(20, 10, "C"));
        long hour = Duration.ofHours(1).toMillis();
        long t0 = T0.toEpochMilli();

        assertThat(HourlyAverage.abnormalDay(Map.of(t0, clean, t0 + hour, clean).entrySet(), T0))
                .isFalse();
        assertThat(
                        HourlyAverage.abnormalDay(
                                Map.of(t0, clean, t0 + 23 * hour, abnormal).entrySet(), T0))
                .isTrue();
        // an abnormal hour of the day before or after does not count, nor one of flue gas
        assertThat(
                        HourlyAverage.abnormalDay(
                                Map.of(t0 - hour, abnormal, t0 + 24 * hour, abnormal).entrySet(),
                                T0))
                .isFalse();
        assertThat(HourlyAverage.abnormalDay(Map.of(t0, flueGas).entrySet(), T0)).isFalse();
    }

    @Test
    void hoursStartOnTheHour() {
        assertThat(HourlyAverage.hourStart(T0.plusSeconds(3599))).isEqualTo(T0.toEpochMilli());
        assertThat(HourlyAverage.hourStart(T0.plusSeconds(3600)))
                .isEqualTo(T0.plus(Duration.ofHours(1)).toEpochMilli());
    }

    private static Reading flueGas(double minutes, double value, String flag) {
        return Fixtures.fromFlueGas(Fixtures.reading(minutes, value, flag));
    }

    private static Reading hourly(double value, String flag) {
        Instant received = T0.plus(Duration.ofMinutes(61));
        return new Reading(
                Fixtures.MN,
                Fixtures.SOURCE,
                Fixtures.OUTLET,
                Fixtures.COD,
                DataKind.HOURLY,
                value,
                flag,
                T0,
                received,
                "ref-2061",
                false,
                Fixtures.INTERVAL.toMillis(),
                true);
    }
}
