package dev.vigil.jobs.detect;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.report.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/** The watermark of a reports partition, driven by hand. */
class ReportWatermarksTest {

    private final ReportWatermarks generator =
            new ReportWatermarks(Duration.ofSeconds(30), Duration.ofMinutes(10));
    private final Output output = new Output();

    @Test
    void theWatermarkTrailsTheNewestDataTime() {
        feed(report(T0.plusSeconds(60), T0.plusSeconds(62)));
        feed(report(T0.plusSeconds(10), T0.plusSeconds(63))); // out of order
        assertThat(emit()).isEqualTo(T0.plusSeconds(30).toEpochMilli() - 1);
    }

    @Test
    void anAbsurdDataTimeMovesItNoFurtherThanTheReceiveTimeAllows() {
        feed(report(T0, T0.plusSeconds(2)));
        feed(report(Instant.parse("2099-01-01T00:00:00Z"), T0.plusSeconds(5)));
        assertThat(emit())
                .isEqualTo(
                        T0.plusSeconds(5)
                                        .plus(Duration.ofMinutes(10))
                                        .minusSeconds(30)
                                        .toEpochMilli()
                                - 1);
    }

    @Test
    void framesWithoutDataTimeAndBacklogDoNotMoveIt() {
        feed(report(T0.plusSeconds(100), T0.plusSeconds(100)));
        feed(report(null, T0.plus(Duration.ofDays(1))));
        feed(report(T0.minus(Duration.ofHours(5)), T0.plusSeconds(101)));
        assertThat(emit()).isEqualTo(T0.plusSeconds(70).toEpochMilli() - 1);
    }

    @Test
    void nothingIsEmittedBeforeTheFirstDataFrame() {
        generator.onPeriodicEmit(output);
        assertThat(output.watermarks).isEmpty();
    }

    @Test
    void inputsOutsideEventTimeNeverHoldBackTheReports() {
        WatermarkGenerator<Object> outside =
                ReportWatermarks.outsideEventTime().createWatermarkGenerator(null);
        outside.onPeriodicEmit(output);
        assertThat(output.watermarks).containsExactly(Long.MAX_VALUE);
    }

    @Test
    void eventTimeIsTheDataTimeOrElseTheReceiveTime() {
        assertThat(ReportWatermarks.eventTime(report(T0, T0.plusSeconds(9))))
                .isEqualTo(T0.toEpochMilli());
        assertThat(ReportWatermarks.eventTime(report(null, T0.plusSeconds(9))))
                .isEqualTo(T0.plusSeconds(9).toEpochMilli());
    }

    private void feed(Report report) {
        generator.onEvent(report, ReportWatermarks.eventTime(report), output);
    }

    private long emit() {
        generator.onPeriodicEmit(output);
        return output.watermarks.get(output.watermarks.size() - 1);
    }

    private static Report report(Instant dataTime, Instant received) {
        return new Report(
                Fixtures.MN,
                "HJ212-2017",
                dataTime == null ? "8013" : "2011",
                "32",
                null,
                0,
                dataTime,
                received,
                List.of(),
                Map.of(),
                null,
                null,
                List.of(),
                Report.digest(new byte[] {2}));
    }

    private static final class Output implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
