package dev.vigil.jobs.detect;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.flatline.FlatlineTracker;
import dev.vigil.jobs.detect.hourly.HourlyAggregator;
import dev.vigil.jobs.detect.hourly.HourlyResult;
import dev.vigil.jobs.detect.validity.ConditionTracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Everything detection does per series (device and pollutant) in one operator, so that each reading
 * is handed on once instead of once per detector: validity ({@link ConditionTracker}) and flatline
 * ({@link FlatlineTracker}) alerts on {@link DetectionState#SERIES_ALERTS}, hourly results ({@link
 * HourlyAggregator}) as the main output with its side outputs {@link
 * DetectionState#MISMATCH_ALERTS} and {@link DetectionState#WATER_DAILY_VALUES}.
 *
 * <p>The job keys it by device MN, as the per-device operator it is chained to ({@link
 * DeviceDetector}): a reading then never leaves the thread its report was resolved in. What the
 * three detectors keep of a series is one {@link SeriesState} under its pollutant code in {@link
 * DetectionState#DEVICE_SERIES}, so a reading costs one state lookup, and one write only if it
 * changed something. Keyed by series instead (as its tests do), each key simply holds one series.
 *
 * <p>Only the hourly aggregation sets timers, and timers are per key, so per device: an event-time
 * timer goes to every series of the device, each closing or forgetting only the hours it is for
 * (every such hour set that very timer when it opened); a processing-time (revision) timer goes
 * only to the series that set it ({@link SeriesState#revisionTimers()}), so every series revises
 * exactly when it would on a key of its own.
 */
public final class SeriesDetector extends KeyedProcessFunction<String, Reading, HourlyResult> {

    private static final long serialVersionUID = 1L;

    private final ConditionTracker conditions;
    private final FlatlineTracker flatlines;
    private final HourlyAggregator hourly;
    private transient MapState<String, SeriesState> series;

    public SeriesDetector(DetectionConfig config) {
        Objects.requireNonNull(config, "config");
        this.conditions = new ConditionTracker(config.evidenceLimit());
        this.flatlines = new FlatlineTracker(config.flatlineReadings(), config.evidenceLimit());
        this.hourly = new HourlyAggregator(config);
    }

    @Override
    public void open(OpenContext openContext) {
        series = getRuntimeContext().getMapState(DetectionState.DEVICE_SERIES);
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<HourlyResult> out)
            throws Exception {
        String code = reading.pollutantCode();
        SeriesState held = series.get(code);
        SeriesState state = held == null ? new SeriesState() : held;
        boolean changed = false;
        // Backlog is history: it revises hourly values but raises no live condition or flatline.
        if (reading.kind() == DataKind.REALTIME && !reading.backlog()) {
            Instant now = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
            ConditionTracker.Step condition = conditions.next(state.condition(), reading, now);
            FlatlineTracker.Step flatline = flatlines.next(state.run(), reading, now);
            changed |= state.setCondition(condition.episode());
            changed |= state.setRun(flatline.run());
            // Validity first, then flatline: the order the two detectors emitted in.
            for (Alert alert : condition.alerts()) {
                ctx.output(DetectionState.SERIES_ALERTS, alert);
            }
            if (flatline.alert() != null) {
                ctx.output(DetectionState.SERIES_ALERTS, flatline.alert());
            }
        }
        SeriesState.HoursView hours = state.hoursView();
        long revisionAt = hourly.process(hours, reading, ctx, out);
        if (revisionAt != 0) {
            changed |= state.addRevisionTimer(revisionAt);
        }
        store(code, held, state, changed || hours.changed());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HourlyResult> out)
            throws Exception {
        boolean revision = ctx.timeDomain() == TimeDomain.PROCESSING_TIME;
        // A snapshot: series may go while the timer is handled.
        List<Map.Entry<String, SeriesState>> held = new ArrayList<>();
        Iterable<Map.Entry<String, SeriesState>> entries = series.entries();
        if (entries != null) {
            entries.forEach(held::add);
        }
        for (Map.Entry<String, SeriesState> entry : held) {
            SeriesState state = entry.getValue();
            if (revision && !state.takeRevisionTimer(timestamp)) {
                continue; // another series' revision
            }
            SeriesState.HoursView hours = state.hoursView();
            hourly.fire(hours, timestamp, ctx, out);
            store(entry.getKey(), state, state, revision || hours.changed());
        }
    }

    /** Writes the series back if it changed; an empty series leaves no entry behind. */
    private void store(String code, SeriesState held, SeriesState state, boolean changed)
            throws Exception {
        if (!changed) {
            return;
        }
        if (state.isEmpty()) {
            if (held != null) {
                series.remove(code);
            }
        } else {
            series.put(code, state);
        }
    }
}
