package dev.vigil.jobs.detect;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.flatline.FlatlineTracker;
import dev.vigil.jobs.detect.hourly.HourlyAggregator;
import dev.vigil.jobs.detect.hourly.HourlyResult;
import dev.vigil.jobs.detect.validity.ConditionTracker;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
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
 * DeviceDetector}): a report's readings then never leave the thread the report was resolved in, and
 * come as one {@link ResolvedReport}. What the three detectors keep of a series is one {@link
 * SeriesState}, and the series of a device are one value in {@link DetectionState#DEVICE_SERIES},
 * so a report costs one state lookup, and one write only if it changed something. Keyed by series
 * instead (as its tests do), each key simply holds one series.
 *
 * <p>State restored from a version that kept one entry per series ({@link
 * DetectionState#DEVICE_SERIES_BY_ENTRY}) is moved over when its device is next seen, by a report
 * or a timer.
 *
 * <p>Only the hourly aggregation sets timers, and timers are per key, so per device: an event-time
 * timer goes to every series of the device, each closing or forgetting only the hours it is for
 * (every such hour set that very timer when it opened); a processing-time (revision) timer goes
 * only to the series that set it ({@link SeriesState#revisionTimers()}), so every series revises
 * exactly when it would on a key of its own.
 */
public final class SeriesDetector
        extends KeyedProcessFunction<String, ResolvedReport, HourlyResult> {

    private static final long serialVersionUID = 1L;

    private final ConditionTracker conditions;
    private final FlatlineTracker flatlines;
    private final HourlyAggregator hourly;
    private transient ValueState<Map<String, SeriesState>> series;
    private transient MapState<String, SeriesState> seriesByEntry;

    public SeriesDetector(DetectionConfig config) {
        Objects.requireNonNull(config, "config");
        this.conditions = new ConditionTracker(config.evidenceLimit());
        this.flatlines = new FlatlineTracker(config.flatlineReadings(), config.evidenceLimit());
        this.hourly = new HourlyAggregator(config);
    }

    @Override
    public void open(OpenContext openContext) {
        series = getRuntimeContext().getState(DetectionState.DEVICE_SERIES);
        seriesByEntry = getRuntimeContext().getMapState(DetectionState.DEVICE_SERIES_BY_ENTRY);
    }

    @Override
    public void processElement(ResolvedReport report, Context ctx, Collector<HourlyResult> out)
            throws Exception {
        Map<String, SeriesState> held = held();
        boolean changed = false;
        for (Reading reading : report.readings()) {
            changed |= process(held, reading, ctx, out);
        }
        store(held, changed);
    }

    /** One reading of the device's series in {@code held}; whether it changed them. */
    private boolean process(
            Map<String, SeriesState> held,
            Reading reading,
            Context ctx,
            Collector<HourlyResult> out)
            throws Exception {
        String code = reading.pollutantCode();
        SeriesState known = held.get(code);
        SeriesState state = known == null ? new SeriesState() : known;
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
        if (!(changed || hours.changed())) {
            return false;
        }
        // An empty series leaves no entry behind.
        if (state.isEmpty()) {
            return held.remove(code) != null;
        }
        if (known == null) {
            held.put(code, state);
        }
        return true;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HourlyResult> out)
            throws Exception {
        boolean revision = ctx.timeDomain() == TimeDomain.PROCESSING_TIME;
        Map<String, SeriesState> held = held();
        boolean changed = false;
        for (Iterator<SeriesState> each = held.values().iterator(); each.hasNext(); ) {
            SeriesState state = each.next();
            if (revision && !state.takeRevisionTimer(timestamp)) {
                continue; // another series' revision
            }
            SeriesState.HoursView hours = state.hoursView();
            hourly.fire(hours, timestamp, ctx, out);
            if (revision || hours.changed()) {
                changed = true;
                if (state.isEmpty()) {
                    each.remove();
                }
            }
        }
        store(held, changed);
    }

    /**
     * The series of the current device, changed in place and {@linkplain #store stored} back;
     * series restored in the earlier shape are moved over first.
     */
    private Map<String, SeriesState> held() throws Exception {
        Map<String, SeriesState> held = series.value();
        if (held != null) {
            return held;
        }
        held = new HashMap<>();
        Iterable<Map.Entry<String, SeriesState>> earlier = seriesByEntry.entries();
        if (earlier != null) {
            for (Map.Entry<String, SeriesState> entry : earlier) {
                held.put(entry.getKey(), entry.getValue());
            }
        }
        if (!held.isEmpty()) {
            series.update(held);
            seriesByEntry.clear();
        }
        return held;
    }

    /** Writes the series back if they changed; a device without series leaves no entry behind. */
    private void store(Map<String, SeriesState> held, boolean changed) throws Exception {
        if (!changed) {
            return;
        }
        if (held.isEmpty()) {
            series.clear();
        } else {
            series.update(held);
        }
    }
}
