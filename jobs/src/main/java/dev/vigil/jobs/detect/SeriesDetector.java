package dev.vigil.jobs.detect;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.flatline.FlatlineTracker;
import dev.vigil.jobs.detect.hourly.HourlyAggregator;
import dev.vigil.jobs.detect.hourly.HourlyResult;
import dev.vigil.jobs.detect.validity.ConditionTracker;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by series ({@code mn/pollutant}): everything detection does per series in one operator, so
 * that each reading crosses the network once instead of once per detector: validity ({@link
 * ConditionTracker}) and flatline ({@link FlatlineTracker}) alerts on {@link
 * DetectionState#SERIES_ALERTS}, hourly results ({@link HourlyAggregator}) as the main output with
 * its side outputs {@link DetectionState#MISMATCH_ALERTS} and {@link
 * DetectionState#WATER_DAILY_VALUES}. What the three keep is one {@link SeriesState} under {@link
 * DetectionState#SERIES}, so a reading costs one state lookup, and one write only if it changed
 * something; only the hourly aggregation sets timers.
 */
public final class SeriesDetector extends KeyedProcessFunction<String, Reading, HourlyResult> {

    private static final long serialVersionUID = 1L;

    private final ConditionTracker conditions;
    private final FlatlineTracker flatlines;
    private final HourlyAggregator hourly;
    private transient ValueState<SeriesState> series;

    public SeriesDetector(DetectionConfig config) {
        Objects.requireNonNull(config, "config");
        this.conditions = new ConditionTracker(config.evidenceLimit());
        this.flatlines = new FlatlineTracker(config.flatlineReadings(), config.evidenceLimit());
        this.hourly = new HourlyAggregator(config);
    }

    @Override
    public void open(OpenContext openContext) {
        series = getRuntimeContext().getState(DetectionState.SERIES);
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<HourlyResult> out)
            throws Exception {
        SeriesState held = series.value();
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
        hourly.process(hours, reading, ctx, out);
        store(held, state, changed || hours.changed());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HourlyResult> out)
            throws Exception {
        SeriesState held = series.value();
        if (held == null) {
            return; // the hours a timer was for are gone, so it would do nothing
        }
        SeriesState.HoursView hours = held.hoursView();
        hourly.fire(hours, timestamp, ctx, out);
        store(held, held, hours.changed());
    }

    /** Writes the state back if it changed; an empty state leaves no entry behind. */
    private void store(SeriesState held, SeriesState state, boolean changed) throws Exception {
        if (!changed) {
            return;
        }
        if (state.isEmpty()) {
            if (held != null) {
                series.clear();
            }
        } else {
            series.update(state);
        }
    }
}
