package dev.vigil.jobs.detect;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.report.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From reports to readings, and what counts as backlog or an absurd clock, without Flink. */
class ReportReadingsTest {

    private static final Duration BACKLOG = Duration.ofMinutes(10);

    @Test
    void realTimeFramesGiveTheirRtdAndIntervalFramesTheirAverage() {
        List<Reading> realtime =
                of(Fixtures.report(Fixtures.MN, "2011", T0, seconds(2), 7.5, null));
        List<Reading> hourly = of(Fixtures.report(Fixtures.MN, "2061", T0, minutes(61), 40.1, "N"));

        assertThat(realtime)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.kind()).isEqualTo(DataKind.REALTIME);
                            assertThat(r.value()).isEqualTo(7.5);
                            assertThat(r.flag()).isEqualTo("N"); // no flag counts as normal
                            assertThat(r.sourceId()).isEqualTo(Fixtures.SOURCE);
                            assertThat(r.outletId()).isEqualTo(Fixtures.OUTLET);
                            assertThat(r.backlog()).isFalse();
                        });
        assertThat(hourly)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.kind()).isEqualTo(DataKind.HOURLY);
                            assertThat(r.value()).isEqualTo(40.1);
                            // an hourly value is due after its hour: a minute later is on time
                            assertThat(r.backlog()).isFalse();
                        });
    }

    @Test
    void valuesArrivingLongAfterTheirIntervalAreBacklog() {
        assertThat(of(Fixtures.report(Fixtures.MN, "2011", T0, minutes(11), 1, "N")))
                .singleElement()
                .satisfies(r -> assertThat(r.backlog()).isTrue());
        assertThat(of(Fixtures.report(Fixtures.MN, "2061", T0, minutes(71), 1, "N")))
                .singleElement()
                .satisfies(r -> assertThat(r.backlog()).isTrue());
        // minute values end after the device's minute interval (10 min here)
        assertThat(of(Fixtures.report(Fixtures.MN, "2051", T0, minutes(19), 1, "N")))
                .singleElement()
                .satisfies(r -> assertThat(r.backlog()).isFalse());
    }

    @Test
    void framesWithoutValuesOrDataTimeGiveNothing() {
        Report heartbeat =
                new Report(
                        Fixtures.MN,
                        "HJ212-2017",
                        "8013",
                        "32",
                        null,
                        0,
                        null,
                        T0,
                        List.of(),
                        Map.of("HeartbeatTime", "120"),
                        null,
                        null,
                        List.of(),
                        Report.digest(new byte[] {1}));
        assertThat(of(heartbeat)).isEmpty();
    }

    @Test
    void aDataTimeFarAheadOfTheReceiveTimeIsAbsurd() {
        Report future =
                Fixtures.report(
                        Fixtures.MN,
                        "2011",
                        Instant.parse("2099-01-01T00:00:00Z"),
                        Duration.ZERO,
                        1,
                        "N");
        Report receivedAt = withReceived(future, T0);
        Report slightlyAhead =
                withReceived(
                        Fixtures.report(Fixtures.MN, "2011", T0, Duration.ZERO, 1, "N"),
                        T0.minus(minutes(9)));

        assertThat(ReportReadings.aheadOfReceipt(receivedAt, minutes(10))).isTrue();
        assertThat(ReportReadings.aheadOfReceipt(slightlyAhead, minutes(10))).isFalse();
    }

    private static List<Reading> of(Report report) {
        return ReportReadings.of(report, Fixtures.registration(), BACKLOG);
    }

    private static Report withReceived(Report r, Instant received) {
        return new Report(
                r.mn(),
                r.protocol(),
                r.cn(),
                r.st(),
                r.qn(),
                r.flag(),
                r.dataTime(),
                received,
                r.pollutants(),
                r.fields(),
                r.packetCount(),
                r.packetNumber(),
                r.warnings(),
                r.rawDigest());
    }

    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    private static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }
}
