package dev.vigil.jobs.detect.flatline;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Alert;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.Reading;
import java.time.Instant;
import java.util.function.Consumer;
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
        judge(tracker, run, reading, ctx.timerService().currentProcessingTime(), out::collect);
    }

    /**
     * Judges one live real-time reading of the series whose run is in {@code run}, and emits the
     * alert it causes; shared with {@link dev.vigil.jobs.detect.SeriesDetector}.
     */
    public static void judge(
            FlatlineTracker tracker,
            ValueState<FlatlineRun> run,
            Reading reading,
            long processingTime,
            Consumer<Alert> out)
            throws Exception {
        FlatlineTracker.Step step =
                tracker.next(run.value(), reading, Instant.ofEpochMilli(processingTime));
        if (step.run() != null) {
            run.update(step.run());
        }
        if (step.alert() != null) {
            out.accept(step.alert());
        }
    }
}
