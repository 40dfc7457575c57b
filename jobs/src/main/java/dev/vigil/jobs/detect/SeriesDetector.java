package dev.vigil.jobs.detect;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.flatline.FlatlineDetector;
import dev.vigil.jobs.detect.flatline.FlatlineRun;
import dev.vigil.jobs.detect.flatline.FlatlineTracker;
import dev.vigil.jobs.detect.hourly.HourlyAggregator;
import dev.vigil.jobs.detect.hourly.HourlyResult;
import dev.vigil.jobs.detect.validity.ConditionEpisode;
import dev.vigil.jobs.detect.validity.ConditionTracker;
import dev.vigil.jobs.detect.validity.ValidityDetector;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by series ({@code mn/pollutant}): everything detection does per series in one operator, so
 * that each reading crosses the network once instead of once per detector: validity ({@link
 * ValidityDetector}) and flatline ({@link FlatlineDetector}) alerts on {@link
 * DetectionState#SERIES_ALERTS}, hourly results ({@link HourlyAggregator}) as the main output with
 * its side outputs {@link DetectionState#MISMATCH_ALERTS} and {@link
 * DetectionState#WATER_DAILY_VALUES}. Each keeps its own state under its own descriptor, and only
 * the hourly aggregation sets timers.
 */
public final class SeriesDetector extends KeyedProcessFunction<String, Reading, HourlyResult> {

    private static final long serialVersionUID = 1L;

    private final ConditionTracker conditions;
    private final FlatlineTracker flatlines;
    private final HourlyAggregator hourly;
    private transient ValueState<ConditionEpisode> episode;
    private transient ValueState<FlatlineRun> run;

    public SeriesDetector(DetectionConfig config) {
        Objects.requireNonNull(config, "config");
        this.conditions = new ConditionTracker(config.evidenceLimit());
        this.flatlines = new FlatlineTracker(config.flatlineReadings(), config.evidenceLimit());
        this.hourly = new HourlyAggregator(config);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        episode = getRuntimeContext().getState(DetectionState.CONDITION);
        run = getRuntimeContext().getState(DetectionState.FLATLINE);
        hourly.setRuntimeContext(getRuntimeContext());
        hourly.open(openContext);
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<HourlyResult> out)
            throws Exception {
        // Backlog is history: it revises hourly values but raises no live condition or flatline.
        if (reading.kind() == DataKind.REALTIME && !reading.backlog()) {
            long now = ctx.timerService().currentProcessingTime();
            Consumer<Alert> alerts = alert -> ctx.output(DetectionState.SERIES_ALERTS, alert);
            ValidityDetector.judge(conditions, episode, reading, now, alerts);
            FlatlineDetector.judge(flatlines, run, reading, now, alerts);
        }
        hourly.processElement(reading, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HourlyResult> out)
            throws Exception {
        hourly.onTimer(timestamp, ctx, out);
    }
}
