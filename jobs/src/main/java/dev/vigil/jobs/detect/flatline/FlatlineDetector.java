package dev.vigil.jobs.detect.flatline;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.Reading;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by series ({@code mn/pollutant}): raises FLATLINE alerts from live real-time values (see
 * {@link FlatlineTracker}). Its state is one small run per series that has sent a valid value.
 */
public final class FlatlineDetector extends KeyedProcessFunction<String, Reading, Alert> {

    private static final long serialVersionUID = 1L;

    private final FlatlineTracker tracker;
    private transient ValueState<FlatlineRun> run;

    public FlatlineDetector(int readings, int evidenceLimit) {
        this.tracker = new FlatlineTracker(readings, evidenceLimit);
    }

    @Override
    public void open(OpenContext openContext) {
        run = getRuntimeContext().getState(DetectionState.FLATLINE);
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<Alert> out)
            throws Exception {
        if (reading.kind() != DataKind.REALTIME || reading.backlog()) {
            return;
        }
        Instant now = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
        FlatlineTracker.Step step = tracker.next(run.value(), reading, now);
        if (step.run() != null) {
            run.update(step.run());
        }
        if (step.alert() != null) {
            out.collect(step.alert());
        }
    }
}
