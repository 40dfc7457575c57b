package dev.vigil.jobs.detect.hourly;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.DetectionConfig;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.Reading;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The hourly values of one series in event time (see {@link HourlyAverage}), run by {@link
 * dev.vigil.jobs.detect.SeriesDetector} on the series' hours, which it keeps in the series' state
 * entry, with its context for timers and side outputs.
 *
 * <p>An hour is judged when the watermark passes its end plus {@link
 * DetectionConfig#hourCloseDelay()}, the wait for the device's own hourly upload. Data that arrives
 * later, by its receive time (deterministic across restarts, unlike the watermark), revises the
 * hour: after {@link DetectionConfig#revisionDelay()} of processing time, so one backlog upload
 * gives one revision, the hour is reported again marked revised, never as a live result. An hour is
 * forgotten (its state cleared) when the watermark passes its end plus {@link
 * DetectionConfig#allowedLateness()}; data for it after that is ignored. Data-mismatch alerts go to
 * the side output {@link DetectionState#MISMATCH_ALERTS}.
 *
 * <p>The daily values of water series come here too, keyed the same way, for the water rule: one of
 * a day with an abnormal hour is dropped, the others go on to the threshold rules through {@link
 * DetectionState#WATER_DAILY_VALUES}. An abnormal value of the day that arrives after its daily
 * value does not take back a judgement made; a backlog daily value is never judged live. Likewise a
 * revision that takes an hour's value away (a late abnormal value of a water hour) is reported and
 * stored, but judged by no rule: an alarm the hour raised ends with its episode.
 */
public final class HourlyAggregator implements Serializable {

    private static final long serialVersionUID = 1L;

    private final HourlyAverage average;
    private final long closeDelay;
    private final long lateness;
    private final long revisionDelay;

    public HourlyAggregator(DetectionConfig config) {
        this.average =
                new HourlyAverage(config.hourlyMinValidFraction(), config.mismatchTolerance());
        this.closeDelay = config.hourCloseDelay().toMillis();
        this.lateness = config.allowedLateness().toMillis();
        this.revisionDelay = config.revisionDelay().toMillis();
    }

    /**
     * Takes one reading into {@code hours}, the series' hours.
     *
     * @return the processing time of the revision timer it set, 0 for none
     */
    public long process(
            MapState<Long, HourAccumulator> hours,
            Reading reading,
            KeyedProcessFunction<String, ?, HourlyResult>.Context ctx,
            Collector<HourlyResult> out)
            throws Exception {
        if (reading.kind() == DataKind.DAILY && reading.water()) {
            // The water rule for days; the day's hours are still held (allowedLateness > 1 day).
            if (reading.countsForExceedance()
                    && !reading.backlog()
                    && !HourlyAverage.abnormalDay(hours.entries(), reading.dataTime())) {
                ctx.output(DetectionState.WATER_DAILY_VALUES, reading.judged());
            }
            return 0;
        }
        if (reading.kind() != DataKind.REALTIME && reading.kind() != DataKind.HOURLY) {
            return 0;
        }
        long start = HourlyAverage.hourStart(reading.dataTime());
        long end = start + HourlyAverage.HOUR_MILLIS;
        long received = reading.receivedAt().toEpochMilli();
        if (received > end + lateness || end + lateness <= ctx.timerService().currentWatermark()) {
            return 0; // beyond revision
        }
        HourAccumulator hour = hours.get(start);
        if (hour == null) {
            hour = HourlyAverage.open(reading);
            ctx.timerService().registerEventTimeTimer(end + closeDelay);
            ctx.timerService().registerEventTimeTimer(end + lateness);
        }
        if (!hour.closed() && received > end + closeDelay) {
            // It arrived after the hour was due: judge what came in time first, as a live run
            // would have, so the late part only ever shows as a revision.
            hour = report(start, hour, false, ctx, out);
        }
        hour = average.add(hour, reading);
        long revisionAt = 0;
        if (hour.closed()) {
            hour = hour.revisionDue();
            long now = ctx.timerService().currentProcessingTime();
            // Rounded, so that all late values of one upload share one timer.
            revisionAt = (now / revisionDelay + 2) * revisionDelay;
            ctx.timerService().registerProcessingTimeTimer(revisionAt);
        }
        hours.put(start, hour);
        return revisionAt;
    }

    /** Closes, revises or forgets the hours in {@code hours} that the timer is for. */
    public void fire(
            MapState<Long, HourAccumulator> hours,
            long timestamp,
            KeyedProcessFunction<String, ?, HourlyResult>.OnTimerContext ctx,
            Collector<HourlyResult> out)
            throws Exception {
        List<Map.Entry<Long, HourAccumulator>> entries = new ArrayList<>();
        hours.entries().forEach(entries::add);
        for (Map.Entry<Long, HourAccumulator> entry : entries) {
            long start = entry.getKey();
            long end = start + HourlyAverage.HOUR_MILLIS;
            HourAccumulator hour = entry.getValue();
            if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
                if (hour.revisionPending()) {
                    hours.put(start, report(start, hour, true, ctx, out));
                }
                continue;
            }
            if (timestamp == end + closeDelay && !hour.closed()) {
                hour = report(start, hour, false, ctx, out);
                hours.put(start, hour);
            }
            if (timestamp == end + lateness) {
                if (hour.revisionPending()) {
                    report(start, hour, true, ctx, out);
                }
                hours.remove(start);
            }
        }
    }

    /** Judges the hour, emits its result (if it has any data) and mismatch alert changes. */
    private HourAccumulator report(
            long start,
            HourAccumulator hour,
            boolean revised,
            KeyedProcessFunction<String, ?, HourlyResult>.Context ctx,
            Collector<HourlyResult> out) {
        HourlyAverage.Judgement judgement = average.judge(hour);
        if (!hour.hasData()) {
            return hour.reported(null, false);
        }
        HourlyResult result = HourlyResult.of(start, hour, judgement, revised);
        out.collect(result);
        Instant now = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
        if (judgement.mismatch() && !hour.mismatch()) {
            ctx.output(
                    DetectionState.MISMATCH_ALERTS,
                    HourlyMismatch.alert(result, Alert.State.FIRING, now));
        } else if (!judgement.mismatch() && hour.mismatch()) {
            ctx.output(
                    DetectionState.MISMATCH_ALERTS,
                    HourlyMismatch.alert(result, Alert.State.RESOLVED, now));
        }
        return hour.reported(judgement.value(), judgement.mismatch());
    }
}
