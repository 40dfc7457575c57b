package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.hj212.Hj212Message;
import dev.vigil.ingest.hj212.Hj212Parser;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataLoggerTest {

    /** 07:58:20 CST, so the first 10-minute interval and the first hour are partial. */
    private static final Instant START =
            OffsetDateTime.parse("2026-11-22T07:58:20+08:00").toInstant();

    private final Hj212Parser parser = new Hj212Parser();

    private static List<Upload> run(DeviceSpec device, List<ScenarioEvent> events, Duration span) {
        List<Upload> uploads = new ArrayList<>();
        DataLogger logger =
                new DataLogger(
                        device,
                        new PollutantSignals(device.pollutants(), events, START, 42),
                        START,
                        7_000);
        logger.advanceTo(START.plus(span), uploads::add);
        return uploads;
    }

    private Hj212Message parsed(DeviceSpec device, Upload upload) {
        return parser.parse(new FrameWriter(device).dataSegment(upload, "20261122080000000"))
                .message();
    }

    private static ScenarioEvent event(
            ScenarioEvent.Type type, String pollutant, Double value, String flag) {
        return new ScenarioEvent(
                type,
                Duration.ofMinutes(5),
                Duration.ofMinutes(10),
                "S-1",
                null,
                pollutant,
                value,
                flag,
                0);
    }

    @Test
    void realtimeRecordsFollowTheLoggersGridEveryInterval() {
        List<Upload> realtime =
                run(Devices.water2017(), List.of(), Duration.ofMinutes(30)).stream()
                        .filter(u -> u.cn().equals("2011"))
                        .toList();

        assertThat(realtime).hasSize(60);
        // Phase 7 s on a 30 s grid: the first sample at or after 07:58:20 is 07:58:37.
        assertThat(realtime.get(0).dataTime())
                .isEqualTo(OffsetDateTime.parse("2026-11-22T07:58:37+08:00").toInstant());
        for (int i = 1; i < realtime.size(); i++) {
            assertThat(Duration.between(realtime.get(i - 1).dataTime(), realtime.get(i).dataTime()))
                    .isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void dataTimesAreWholeSecondsWhateverTheStartAndPhase() {
        DeviceSpec device = Devices.water2017();
        List<Upload> uploads = new ArrayList<>();
        new DataLogger(
                        device,
                        new PollutantSignals(device.pollutants(), List.of(), START, 1),
                        START.plusMillis(123),
                        7_654)
                .advanceTo(START.plusSeconds(600), uploads::add);

        assertThat(uploads).allMatch(u -> u.dataTime().getNano() == 0);
        assertThat(uploads.get(0).dataTime()).isEqualTo(START.plusSeconds(17));
    }

    @Test
    void minuteRecordsSummarizeTheirIntervalAndCarryItsStart() {
        DeviceSpec device = Devices.water2017();
        List<Upload> uploads = run(device, List.of(), Duration.ofMinutes(30));

        List<Upload> minute = uploads.stream().filter(u -> u.cn().equals("2051")).toList();

        assertThat(minute)
                .extracting(u -> u.cp().substring(0, 23))
                .containsExactly(
                        "DataTime=20261122075000",
                        "DataTime=20261122080000",
                        "DataTime=20261122081000");
        // 08:00:00-08:10:00 holds the 20 samples 08:00:07, 08:00:37, ... 08:09:37.
        List<Double> cod =
                uploads.stream()
                        .filter(u -> u.cn().equals("2011"))
                        .filter(u -> !u.dataTime().isBefore(minute.get(1).dataTime()))
                        .filter(u -> u.dataTime().isBefore(minute.get(2).dataTime()))
                        .map(u -> parsed(device, u).pollutant("w01018").number("Rtd"))
                        .toList();
        assertThat(cod).hasSize(20);
        Hj212Message interval = parsed(device, minute.get(1));
        assertThat(interval.pollutant("w01018").number("Min"))
                .isEqualTo(cod.stream().mapToDouble(d -> d).min().getAsDouble());
        assertThat(interval.pollutant("w01018").number("Max"))
                .isEqualTo(cod.stream().mapToDouble(d -> d).max().getAsDouble());
        assertThat(interval.pollutant("w01018").number("Avg"))
                .isCloseTo(cod.stream().mapToDouble(d -> d).average().getAsDouble(), within(0.01));
        assertThat(interval.pollutant("w01018").text("Flag")).isEqualTo("N");
        // Flow (L/s) over 600 s, in m3.
        assertThat(interval.pollutant("w00000").number("Cou"))
                .isCloseTo(interval.pollutant("w00000").number("Avg") * 0.6, within(0.1));
    }

    private static org.assertj.core.data.Offset<Double> within(double offset) {
        return org.assertj.core.data.Offset.offset(offset);
    }

    @Test
    void hourlyRecordsComeWhenTheHourIsComplete() {
        List<Upload> hourly =
                run(Devices.water2017(), List.of(), Duration.ofMinutes(125)).stream()
                        .filter(u -> u.cn().equals("2061"))
                        .toList();

        assertThat(hourly)
                .extracting(u -> u.cp().substring(0, 23))
                .containsExactly(
                        "DataTime=20261122070000",
                        "DataTime=20261122080000",
                        "DataTime=20261122090000");
    }

    @Test
    void anExceedanceSetsTheValueForItsDurationOnly() {
        DeviceSpec device = Devices.water2017();
        List<Upload> realtime =
                run(
                                device,
                                List.of(
                                        event(
                                                ScenarioEvent.Type.EXCEEDANCE,
                                                "w01018",
                                                180.0,
                                                null)),
                                Duration.ofMinutes(20))
                        .stream()
                        .filter(u -> u.cn().equals("2011"))
                        .toList();

        for (Upload upload : realtime) {
            double cod = parsed(device, upload).pollutant("w01018").number("Rtd");
            Duration elapsed = Duration.between(START, upload.dataTime());
            boolean during =
                    elapsed.compareTo(Duration.ofMinutes(5)) >= 0
                            && elapsed.compareTo(Duration.ofMinutes(15)) < 0;
            if (during) {
                assertThat(cod).as("at %s", elapsed).isBetween(180 * 0.9, 180 * 1.1);
            } else {
                assertThat(cod).as("at %s", elapsed).isLessThan(100);
            }
        }
    }

    @Test
    void aFlatlineRepeatsOneValueExactly() {
        DeviceSpec device = Devices.water2017();
        List<String> values =
                run(
                                device,
                                List.of(event(ScenarioEvent.Type.FLATLINE, "w01018", null, null)),
                                Duration.ofMinutes(20))
                        .stream()
                        .filter(u -> u.cn().equals("2011"))
                        .filter(
                                u -> {
                                    Duration elapsed = Duration.between(START, u.dataTime());
                                    return elapsed.compareTo(Duration.ofMinutes(5)) >= 0
                                            && elapsed.compareTo(Duration.ofMinutes(15)) < 0;
                                })
                        .map(u -> parsed(device, u).pollutant("w01018").text("Rtd"))
                        .toList();

        assertThat(values).hasSize(20).containsOnly("40.00");
    }

    @Test
    void aFlagChangeFlagsEveryPollutantAndTaintsTheWaterInterval() {
        DeviceSpec device = Devices.water2017();
        List<Upload> uploads =
                run(
                        device,
                        List.of(event(ScenarioEvent.Type.FLAG, null, null, "M")),
                        Duration.ofMinutes(30));

        Upload during =
                uploads.stream()
                        .filter(u -> u.cn().equals("2011"))
                        .filter(u -> Duration.between(START, u.dataTime()).toMinutes() == 6)
                        .findFirst()
                        .get();
        Hj212Message message = parsed(device, during);
        assertThat(message.pollutants().values())
                .allSatisfy(p -> assertThat(p.text("Flag")).isEqualTo("M"));
        // 08:00-08:10 had M samples (08:03:20-08:13:20 is the event): abnormal for water.
        Upload minute =
                uploads.stream()
                        .filter(u -> u.cn().equals("2051"))
                        .filter(u -> u.cp().startsWith("DataTime=20261122080000"))
                        .findFirst()
                        .get();
        assertThat(parsed(device, minute).pollutant("w01018").text("Flag")).isEqualTo("M");
    }

    @Test
    void flueGasIntervalsStayValidWithThreeQuartersValidInputs() {
        IntervalAggregate gas = new IntervalAggregate();
        for (int i = 0; i < 15; i++) {
            gas.add(10, 'N');
        }
        for (int i = 0; i < 5; i++) {
            gas.add(10, 'C');
        }
        assertThat(gas.flag(false)).isEqualTo('N');
        assertThat(gas.flag(true)).isEqualTo('C');
        gas.add(10, 'C');
        assertThat(gas.flag(false)).isEqualTo('C');
    }
}
