package dev.vigil.jobs.detect;

import dev.vigil.events.report.Report;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of reports and the watermark of each Kafka partition of {@code vigil.reports}.
 *
 * <p>A report's event time is its DataTime (its receive time when it has none). The watermark,
 * though, trusts a DataTime only as far as the gateway's clock allows: it follows {@code
 * min(DataTime, receivedAt + maxClockAhead) - outOfOrderness}, so a logger whose clock says 2099
 * cannot close every other device's hours (such reports are also dead-lettered before judging).
 * Frames without DataTime (heartbeats, notices) do not move it. Backlog uploads lie behind it and
 * so never hold it back; they count as late by their receive time instead (see {@link
 * Reading#backlog()}).
 *
 * <p>A partition silent for {@code sourceIdleness} is marked idle and stops holding back the
 * others; within a partition the watermark follows the newest data, so a silent device never stalls
 * the devices that share its partition.
 */
public final class ReportWatermarks implements WatermarkGenerator<Report> {

    private final long outOfOrderness;
    private final long maxClockAhead;
    private long newest = Long.MIN_VALUE;

    ReportWatermarks(Duration outOfOrderness, Duration maxClockAhead) {
        this.outOfOrderness = outOfOrderness.toMillis();
        this.maxClockAhead = maxClockAhead.toMillis();
    }

    /** The strategy of the reports source. */
    public static WatermarkStrategy<Report> strategy(DetectionConfig config) {
        return WatermarkStrategy.<Report>forGenerator(
                        ctx ->
                                new ReportWatermarks(
                                        config.outOfOrderness(), config.maxClockAhead()))
                .withTimestampAssigner((report, previous) -> eventTime(report))
                .withIdleness(config.sourceIdleness());
    }

    /**
     * The strategy of inputs that are not in event time (registry, video events, complaints): they
     * declare the end of event time, so that joining them never holds back the reports' watermark.
     */
    public static <T> WatermarkStrategy<T> outsideEventTime() {
        return WatermarkStrategy.forGenerator(ctx -> new EndOfEventTime<T>());
    }

    /** A report's event time in epoch milliseconds. */
    public static long eventTime(Report report) {
        return (report.dataTime() != null ? report.dataTime() : report.receivedAt()).toEpochMilli();
    }

    @Override
    public void onEvent(Report report, long eventTimestamp, WatermarkOutput output) {
        if (report.dataTime() == null) {
            return;
        }
        long bounded =
                Math.min(
                        report.dataTime().toEpochMilli(),
                        report.receivedAt().toEpochMilli() + maxClockAhead);
        newest = Math.max(newest, bounded);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (newest != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(newest - outOfOrderness - 1));
        }
    }

    /** Always at the end of event time. */
    private static final class EndOfEventTime<T> implements WatermarkGenerator<T> {

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
