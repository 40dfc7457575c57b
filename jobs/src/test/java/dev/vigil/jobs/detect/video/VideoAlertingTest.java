package dev.vigil.jobs.detect.video;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.video.VideoEvent;
import dev.vigil.events.video.VideoVendor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Severity, confidence and evidence of video alerts, without Flink. */
class VideoAlertingTest {

    private final VideoAlerting alerting = new VideoAlerting(0.5, 3);

    @Test
    void severityFollowsTheType() {
        assertThat(VideoAlerting.severity(VideoEvent.Type.FIRE)).isEqualTo(Severity.SEVERE);
        assertThat(VideoAlerting.severity(VideoEvent.Type.ILLEGAL_DISCHARGE))
                .isEqualTo(Severity.ALARM);
        assertThat(VideoAlerting.severity(VideoEvent.Type.TAMPER)).isEqualTo(Severity.WARNING);
        assertThat(VideoAlerting.severity(VideoEvent.Type.VEHICLE)).isEqualTo(Severity.INFO);
    }

    @Test
    void eventsBelowTheConfidenceThresholdDoNotCountButUnratedOnesDo() {
        assertThat(alerting.confident(event("e", VideoEvent.State.START, 0.49))).isFalse();
        assertThat(alerting.confident(event("e", VideoEvent.State.START, 0.5))).isTrue();
        assertThat(alerting.confident(event("e", VideoEvent.State.START, null))).isTrue();
    }

    @Test
    void anEpisodeKeepsItsIdAndCollectsEachEventOnce() {
        VideoEvent start = event("e1", VideoEvent.State.START, 0.9);
        VideoEpisode episode = alerting.start(start, 0);
        episode = alerting.seen(episode, event("e1", VideoEvent.State.START, 0.9), 1);
        episode = alerting.seen(episode, event("e2", VideoEvent.State.ONGOING, 0.9), 2);

        Alert firing = alerting.firing(episode, start, T0);
        Alert resolved = alerting.resolved(episode, null, T0);
        assertThat(firing.alertId())
                .isEqualTo(Alert.idFor("VIDEO", "CAM-1", "SMOKE", T0.toString()))
                .isEqualTo(resolved.alertId());
        assertThat(resolved.evidence()).extracting(e -> e.ref()).containsExactly("e1", "e2");
        assertThat(resolved.state()).isEqualTo(Alert.State.RESOLVED);
    }

    static VideoEvent event(String id, VideoEvent.State state, Double confidence) {
        return new VideoEvent(
                id,
                "CAM-1",
                "src-boiler",
                VideoVendor.FRIGATE,
                VideoEvent.Type.SMOKE,
                state,
                confidence,
                T0,
                T0.plusSeconds(1),
                null,
                List.of(),
                null,
                "smoke");
    }
}
