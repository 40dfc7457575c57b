package dev.vigil.jobs.detect.video;

import dev.vigil.events.Severity;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.video.VideoEvent;
import java.time.Instant;
import java.util.List;

/**
 * One camera's ongoing event of one type, from its first confident START (or ONGOING) until its
 * END; the state of {@link VideoDetector}.
 *
 * @param alertId the alert's id
 * @param cameraId the camera
 * @param type what it sees
 * @param start event time of the first event; part of the id
 * @param lastEventTime event time of the latest event
 * @param sourceId the watched source
 * @param severity the alert's severity
 * @param lastSeenAt processing time of the latest event, for the timeout
 * @param timerAt processing time of the pending timeout timer; 0 for none
 * @param evidence the latest events
 */
public record VideoEpisode(
        String alertId,
        String cameraId,
        VideoEvent.Type type,
        Instant start,
        Instant lastEventTime,
        String sourceId,
        Severity severity,
        long lastSeenAt,
        long timerAt,
        List<Evidence> evidence) {

    VideoEpisode seen(VideoEvent event, long now, List<Evidence> evidence) {
        return new VideoEpisode(
                alertId,
                cameraId,
                type,
                start,
                event.eventTime(),
                sourceId,
                severity,
                now,
                timerAt,
                evidence);
    }

    VideoEpisode withTimer(long at) {
        return new VideoEpisode(
                alertId,
                cameraId,
                type,
                start,
                lastEventTime,
                sourceId,
                severity,
                lastSeenAt,
                at,
                evidence);
    }
}
