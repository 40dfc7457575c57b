package dev.vigil.jobs.readings;

import static dev.vigil.jobs.readings.TestReports.HOUR;
import static dev.vigil.jobs.readings.TestReports.MN;
import static dev.vigil.jobs.readings.TestReports.SAMPLED;
import static dev.vigil.jobs.readings.TestReports.extra;
import static dev.vigil.jobs.readings.TestReports.interval;
import static dev.vigil.jobs.readings.TestReports.report;
import static dev.vigil.jobs.readings.TestReports.rtd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.report.Pollutant;
import dev.vigil.events.report.Report;
import dev.vigil.jobs.influx.Point;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadingPointsTest {

    private static final SourceOutlet WHERE = SourceOutlet.registered("src-paper", "WS-01");

    @Test
    void aRealTimeReportGivesOnePointPerPollutantAtItsDataTime() {
        // GIVEN the standard's 2011 example: pH 7.1 and COD 2.2, both flagged N
        Report report =
                report(MN, "2011", SAMPLED, rtd("w01001", 7.1, "N"), rtd("w01018", 2.2, "N"));

        // WHEN
        List<String> lines = lines(report);

        // THEN
        assertThat(lines)
                .containsExactly(
                        "reading,flag=N,kind=realtime,mn="
                                + MN
                                + ",outlet=WS-01,pollutant=w01001,source=src-paper"
                                + " rtd=7.1,valid=true 1470013137000",
                        "reading,flag=N,kind=realtime,mn="
                                + MN
                                + ",outlet=WS-01,pollutant=w01018,source=src-paper"
                                + " rtd=2.2,valid=true 1470013137000");
    }

    @Test
    void everyNumericSubFieldBecomesAField() {
        Pollutant all =
                new Pollutant(
                        "a21026",
                        1.0,
                        2.0,
                        3.0,
                        4.0,
                        5.0,
                        6.0,
                        7.0,
                        8.0,
                        9.0,
                        "N",
                        "A01",
                        SAMPLED,
                        Map.of("Info", "x"));

        Point point = single(report(MN, "2051", HOUR, all));

        assertThat(point.fields())
                .containsExactly(
                        Map.entry("rtd", 1.0),
                        Map.entry("min", 2.0),
                        Map.entry("avg", 3.0),
                        Map.entry("max", 4.0),
                        Map.entry("zs_rtd", 5.0),
                        Map.entry("zs_min", 6.0),
                        Map.entry("zs_avg", 7.0),
                        Map.entry("zs_max", 8.0),
                        Map.entry("cou", 9.0),
                        Map.entry("valid", true));
        assertThat(point.timestampMillis()).isEqualTo(HOUR.toEpochMilli());
    }

    @ParameterizedTest
    @CsvSource({
        "2011, realtime",
        "2051, minute",
        "2061, hourly",
        "2031, daily",
        "2021, equipment",
        "2041, equipment"
    })
    void theKindComesFromTheCommandCode(String cn, String kind) {
        Point point = single(report(MN, cn, HOUR, interval("w00000", 16.4, 17.5, 20.1, 63.0)));
        assertThat(point.tags()).containsEntry("kind", kind);
    }

    @ParameterizedTest
    @CsvSource({"N, N, true", "T, T, true", "F, F, false", "M, M, false", "D, D, false"})
    void theFlagIsATagAndDecidesValidity(String sent, String tag, boolean valid) {
        Point point = single(report(MN, "2011", SAMPLED, rtd("w01018", 40.1, sent)));
        assertThat(point.tags()).containsEntry("flag", tag);
        assertThat(point.fields()).containsEntry("valid", valid);
    }

    @Test
    void aReadingWithoutFlagCountsAsNormal() {
        // 2005-era devices often send B01-Rtd=36.91 with no flag at all.
        Point point = single(report("LD130133000015", "2011", SAMPLED, rtd("B01", 36.91, null)));
        assertThat(point.tags()).containsEntry("flag", "N");
        assertThat(point.fields()).containsEntry("valid", true);
    }

    @Test
    void anUnknownFlagIsKeptAsSentButIsNotValid() {
        Point point = single(report(MN, "2011", SAMPLED, rtd("w01018", 40.1, "X")));
        assertThat(point.tags()).containsEntry("flag", "X");
        assertThat(point.fields()).containsEntry("valid", false);
    }

    @Test
    void equipmentRunStateAndTimeAreFields() {
        Report status =
                report(
                        "ZG130102201215",
                        "2021",
                        SAMPLED,
                        extra("SB1", Map.of("RS", "1")),
                        extra("SB2", Map.of("RS", "0", "RT", "23.5")));

        ReadingPoints.Conversion conversion = convert(status);

        assertThat(conversion.points())
                .extracting(p -> p.tags().get("kind"))
                .containsOnly("equipment");
        assertThat(conversion.points().get(0).fields())
                .containsExactly(Map.entry("rs", 1.0), Map.entry("valid", true));
        assertThat(conversion.points().get(1).fields())
                .containsExactly(
                        Map.entry("rs", 0.0), Map.entry("rt", 23.5), Map.entry("valid", true));
    }

    @Test
    void pollutantsWithoutAnyValueGiveNoPointAndAreNotSkips() {
        // A 2005 alarm record: B01-Ala=16.00 is verbatim, not a reading.
        Report alarm =
                report("ZG130182201401", "2072", SAMPLED, extra("B01", Map.of("Ala", "16.00")));

        ReadingPoints.Conversion conversion = convert(alarm);

        assertThat(conversion.points()).isEmpty();
        assertThat(conversion.skipped()).isEmpty();
    }

    @Test
    void reportsWithoutPollutantsAreNotReadings() {
        Report heartbeat = report("ZG130182201205", "8013", null);

        assertThat(convert(heartbeat)).isEqualTo(ReadingPoints.Conversion.NOTHING);
    }

    @Test
    void readingsWithoutDataTimeAreSkippedAndCounted() {
        Report noTime = report(MN, "2011", null, rtd("w01018", 40.1, "N"));

        ReadingPoints.Conversion conversion = convert(noTime);

        assertThat(conversion.points()).isEmpty();
        assertThat(conversion.skipped()).containsExactly(SkipReason.NO_DATA_TIME);
    }

    @Test
    void readingsInfluxDbCannotPlaceInTimeAreSkippedAndCounted() {
        Report farFuture =
                report(MN, "2011", Instant.parse("2263-01-01T00:00:00Z"), rtd("w01018", 1.0, "N"));

        assertThat(convert(farFuture).skipped()).containsExactly(SkipReason.TIME_OUT_OF_RANGE);
    }

    @Test
    void tagsLineProtocolCannotCarryAreSkippedAndCounted() {
        Report badMn = report("MN\\", "2011", SAMPLED, rtd("w01018", 1.0, "N"));
        Report badCode =
                report(MN, "2011", SAMPLED, rtd("w01\n018", 1.0, "N"), rtd("w01001", 7.1, "N"));

        assertThat(convert(badMn).skipped()).containsExactly(SkipReason.UNWRITABLE_TAG);
        ReadingPoints.Conversion conversion = convert(badCode);
        assertThat(conversion.skipped()).containsExactly(SkipReason.UNWRITABLE_TAG);
        assertThat(conversion.points())
                .extracting(p -> p.tags().get("pollutant"))
                .containsExactly("w01001");
    }

    @Test
    void tagValuesAreEscaped() {
        Point point = single(report("MN 1,a=b", "2011", SAMPLED, rtd("w01018", 1.0, "N")));

        assertThat(point.toLineProtocol()).contains(",mn=MN\\ 1\\,a\\=b,");
    }

    @Test
    void theSameReadingSentTwiceIsTheSamePoint() {
        Report first = report(MN, "2061", HOUR, interval("w01018", 40.1, 40.1, 40.1, 63.0));
        Report again =
                new Report(
                        first.mn(),
                        first.protocol(),
                        first.cn(),
                        first.st(),
                        "20160801090000999",
                        first.flag(),
                        first.dataTime(),
                        first.receivedAt().plusSeconds(30),
                        first.pollutants(),
                        first.fields(),
                        null,
                        null,
                        List.of(),
                        Report.digest(new byte[] {1}));

        assertThat(lines(again)).isEqualTo(lines(first));
    }

    @Test
    void aRegisteredDeviceIsTaggedWithItsSourceAndOutletOnly() {
        Point point = single(report(MN, "2011", SAMPLED, rtd("w01018", 1.0, "N")));

        assertThat(point.tags())
                .containsEntry("source", "src-paper")
                .containsEntry("outlet", "WS-01")
                .containsEntry("mn", MN)
                .doesNotContainKey("registered");
    }

    @Test
    void anUnregisteredDeviceIsItsOwnSourceAndOutletAndSaysSo() {
        Report report = report(MN, "2011", SAMPLED, rtd("w01018", 1.0, "N"));

        Point point = ReadingPoints.convert(report, SourceOutlet.unregistered(MN)).points().get(0);

        assertThat(point.tags())
                .containsEntry("source", MN)
                .containsEntry("outlet", MN)
                .containsEntry("mn", MN)
                .containsEntry("registered", "false");
    }

    @Test
    void aDeviceOfTheWholeSourceHasNoOutletTag() {
        Report report = report(MN, "2011", SAMPLED, rtd("w01018", 1.0, "N"));

        Point point =
                ReadingPoints.convert(report, SourceOutlet.registered("src-paper", null))
                        .points()
                        .get(0);

        assertThat(point.tags()).containsEntry("source", "src-paper").doesNotContainKey("outlet");
    }

    @Test
    void anUnwritableOutletIdSkipsTheReport() {
        Report report = report(MN, "2011", SAMPLED, rtd("w01018", 1.0, "N"));

        assertThat(
                        ReadingPoints.convert(report, SourceOutlet.registered("src", "bad\nid"))
                                .skipped())
                .containsExactly(SkipReason.UNWRITABLE_TAG);
    }

    private static ReadingPoints.Conversion convert(Report report) {
        return ReadingPoints.convert(report, WHERE);
    }

    private List<String> lines(Report report) {
        return convert(report).points().stream().map(Point::toLineProtocol).toList();
    }

    private Point single(Report report) {
        ReadingPoints.Conversion conversion = convert(report);
        assertThat(conversion.skipped()).isEmpty();
        assertThat(conversion.points()).hasSize(1);
        return conversion.points().get(0);
    }
}
