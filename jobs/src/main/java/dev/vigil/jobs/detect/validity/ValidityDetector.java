package dev.vigil.jobs.detect.validity;

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
 * Keyed by series ({@code mn/pollutant}): raises device-fault, communication-fault, maintenance and
 * impossible-value alerts from live real-time values (see {@link ConditionTracker}); holds state
 * only while a condition lasts.
 */
public final class ValidityDetector extends KeyedProcessFunction<String, Reading, Alert> {

    private static final long serialVersionUID = 1L;

    private final ConditionTracker tracker;
    private transient ValueState<ConditionEpisode> episode;

    public ValidityDetector(int evidenceLimit) {
        this.tracker = new ConditionTracker(evidenceLimit);
    }

    @Override
    public void open(OpenContext openContext) {
        episode = getRuntimeContext().getState(DetectionState.CONDITION);
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<Alert> out)
            throws Exception {
        // Backlog is history: it revises hourly values but raises no live condition.
        if (reading.kind() != DataKind.REALTIME || reading.backlog()) {
            return;
        }
        judge(tracker, episode, reading, ctx.timerService().currentProcessingTime(), out::collect);
    }

    /**
     * Judges one live real-time reading of the series whose condition {@code episode} holds, and
     * emits the alerts it causes; shared with {@link dev.vigil.jobs.detect.SeriesDetector}.
     */
    public static void judge(
            ConditionTracker tracker,
            ValueState<ConditionEpisode> episode,
            Reading reading,
            long processingTime,
            Consumer<Alert> out)
            throws Exception {
        ConditionTracker.Step step =
                tracker.next(episode.value(), reading, Instant.ofEpochMilli(processingTime));
        if (step.episode() == null) {
            episode.clear();
        } else {
            episode.update(step.episode());
        }
        step.alerts().forEach(out);
    }
}
