package dev.vigil.jobs.detect.video;

import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.alert.EvidenceTrail;
import dev.vigil.events.video.VideoEvent;
import dev.vigil.jobs.detect.AlertBuilder;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Turns a camera's events of one type into one VIDEO alert per episode: FIRING with the first event
 * at or above the confidence threshold (events without a confidence count as confident), RESOLVED
 * with the END event or after a timeout; severity by type (fire is severe, smoke and illegal
 * discharge are alarms, the rest warnings). Plain logic, no Flink.
 */
public final class VideoAlerting implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double minConfidence;
    private final int evidenceLimit;

    public VideoAlerting(double minConfidence, int evidenceLimit) {
        this.minConfidence = minConfidence;
        this.evidenceLimit = evidenceLimit;
    }

    /** The severity of a type of video event. */
    public static Severity severity(VideoEvent.Type type) {
        return switch (type) {
            case FIRE -> Severity.SEVERE;
            case SMOKE, ILLEGAL_DISCHARGE -> Severity.ALARM;
            case INTRUSION, TAMPER, VIDEO_LOSS -> Severity.WARNING;
            case VEHICLE, OTHER -> Severity.INFO;
        };
    }

    /** Whether an event is confident enough to start an alert. */
    public boolean confident(VideoEvent event) {
        return event.confidence() == null || event.confidence() >= minConfidence;
    }

    /** The episode an event starts. */
    public VideoEpisode start(VideoEvent event, long now) {
        String id =
                Alert.idFor(
                        Alert.Type.VIDEO.name(),
                        event.cameraId(),
                        event.type().name(),
                        event.eventTime().toString());
        return new VideoEpisode(
                id,
                event.cameraId(),
                event.type(),
                event.eventTime(),
                event.eventTime(),
                event.sourceId(),
                severity(event.type()),
                now,
                0,
                List.of(evidence(event)));
    }

    /** The episode after one more event of it. */
    public VideoEpisode seen(VideoEpisode episode, VideoEvent event, long now) {
        boolean known = episode.evidence().stream().anyMatch(e -> e.ref().equals(event.eventId()));
        return episode.seen(
                event,
                now,
                known
                        ? episode.evidence()
                        : EvidenceTrail.append(episode.evidence(), evidence(event), evidenceLimit));
    }

    /** FIRING for a new episode. */
    public Alert firing(VideoEpisode episode, VideoEvent event, Instant now) {
        return base(episode, Alert.State.FIRING)
                .value(event.confidence(), minConfidence)
                .at(event.eventTime(), now)
                .message(
                        what(episode.type())
                                + " seen by camera "
                                + episode.cameraId()
                                + (event.confidence() == null
                                        ? ""
                                        : " (confidence " + event.confidence() + ")"))
                .build();
    }

    /** RESOLVED by an END event, or ({@code end} null) by the timeout. */
    public Alert resolved(VideoEpisode episode, VideoEvent end, Instant now) {
        return base(episode, Alert.State.RESOLVED)
                .at(end == null ? episode.lastEventTime() : end.eventTime(), now)
                .message(
                        what(episode.type())
                                + " at camera "
                                + episode.cameraId()
                                + (end == null
                                        ? " without news since " + episode.lastEventTime()
                                        : " ended"))
                .build();
    }

    private static AlertBuilder base(VideoEpisode episode, Alert.State state) {
        return AlertBuilder.alert(episode.alertId(), Alert.Type.VIDEO, state)
                .severity(episode.severity())
                .about(episode.sourceId(), null, null, null)
                .evidence(episode.evidence());
    }

    private static Evidence evidence(VideoEvent event) {
        StringBuilder detail =
                new StringBuilder(event.type().name())
                        .append(' ')
                        .append(event.state().name())
                        .append(" by ")
                        .append(event.cameraId());
        if (event.vendorType() != null) {
            detail.append(" (").append(event.vendorType()).append(')');
        }
        if (!event.pictures().isEmpty()) {
            detail.append(", snapshot ").append(event.pictures().get(0).path());
        }
        if (event.clip() != null) {
            detail.append(", clip ").append(event.clip().path());
        }
        return new Evidence(
                Evidence.Kind.VIDEO_EVENT,
                event.eventId(),
                event.eventTime(),
                event.confidence(),
                detail.toString());
    }

    private static String what(VideoEvent.Type type) {
        String name = type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
