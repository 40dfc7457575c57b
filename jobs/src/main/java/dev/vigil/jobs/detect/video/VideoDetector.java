package dev.vigil.jobs.detect.video;

import dev.vigil.events.Json;
import dev.vigil.events.Topics;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.deadletter.DeadLetter;
import dev.vigil.events.video.VideoEvent;
import dev.vigil.jobs.detect.DetectionConfig;
import dev.vigil.jobs.detect.DetectionState;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by {@code camera/type}: VIDEO alerts from video events (see {@link VideoAlerting}). An
 * episode without END is resolved after {@link DetectionConfig#videoEpisodeTimeout()} of processing
 * time, which also clears its state; a confident event of a camera linked to no source goes to the
 * dead-letter topic, since an alert must name a source.
 */
public final class VideoDetector extends KeyedProcessFunction<String, VideoEvent, Alert> {

    private static final long serialVersionUID = 1L;

    private final VideoAlerting alerting;
    private final long timeout;
    private transient ValueState<VideoEpisode> episode;

    public VideoDetector(DetectionConfig config) {
        this.alerting = new VideoAlerting(config.minVideoConfidence(), config.evidenceLimit());
        this.timeout = config.videoEpisodeTimeout().toMillis();
    }

    /** The key of an event: its camera and type. */
    public static String key(VideoEvent event) {
        return event.cameraId() + "/" + event.type().name();
    }

    @Override
    public void open(OpenContext openContext) {
        episode = getRuntimeContext().getState(DetectionState.VIDEO_EPISODE);
    }

    @Override
    public void processElement(VideoEvent event, Context ctx, Collector<Alert> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        VideoEpisode current = episode.value();
        if (event.state() == VideoEvent.State.END) {
            if (current != null) {
                out.collect(
                        alerting.resolved(
                                alerting.seen(current, event, now),
                                event,
                                Instant.ofEpochMilli(now)));
                ctx.timerService().deleteProcessingTimeTimer(current.timerAt());
                episode.clear();
            }
            return;
        }
        if (current != null) {
            episode.update(alerting.seen(current, event, now));
            return;
        }
        if (!alerting.confident(event)) {
            return;
        }
        if (event.sourceId() == null) {
            ctx.output(DetectionState.DEAD_LETTERS, unlinked(event, now));
            return;
        }
        VideoEpisode started = alerting.start(event, now).withTimer(now + timeout);
        ctx.timerService().registerProcessingTimeTimer(now + timeout);
        episode.update(started);
        out.collect(alerting.firing(started, event, Instant.ofEpochMilli(now)));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        VideoEpisode current = episode.value();
        if (current == null || current.timerAt() != timestamp) {
            return;
        }
        long due = current.lastSeenAt() + timeout;
        if (timestamp < due) {
            ctx.timerService().registerProcessingTimeTimer(due);
            episode.update(current.withTimer(due));
            return;
        }
        out.collect(alerting.resolved(current, null, Instant.ofEpochMilli(timestamp)));
        episode.clear();
    }

    private static DeadLetter unlinked(VideoEvent event, long now) {
        return new DeadLetter(
                Topics.VIDEO_EVENTS.name(),
                "camera " + event.cameraId() + " is linked to no source: no alert for its event",
                "sourceId",
                Json.toBytes(event),
                null,
                Instant.ofEpochMilli(now),
                Map.of("cameraId", event.cameraId(), "eventId", event.eventId()));
    }
}
