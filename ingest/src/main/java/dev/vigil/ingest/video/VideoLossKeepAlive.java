package dev.vigil.ingest.video;

import dev.vigil.events.video.VideoEvent;
import dev.vigil.events.video.VideoEvent.State;
import dev.vigil.events.video.VideoEvent.Type;
import dev.vigil.events.video.VideoVendor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a Hikvision keep-alive from a real end of video loss: many Hikvision devices post {@code
 * videoloss} with {@code eventState=inactive} every few seconds as a heartbeat. Such a post is
 * published (as the END of a video loss) only when this ingest instance published that camera's
 * video-loss start; otherwise it is a keep-alive and is acknowledged without publishing.
 *
 * <p>The set of cameras with a video loss in progress lives in memory: after a restart the first
 * recovery of a loss that began before it is taken for a keep-alive (detection still sees the loss
 * start, and video-loss alerts resolve on their own timeout).
 */
public final class VideoLossKeepAlive {

    private final Set<String> lost = ConcurrentHashMap.newKeySet();

    /** Whether the event is only a keep-alive and must not be published. */
    public boolean isKeepAlive(VideoVendor vendor, String cameraId, Type type, State state) {
        return vendor == VideoVendor.HIKVISION_ISAPI
                && type == Type.VIDEO_LOSS
                && state == State.END
                && !lost.contains(cameraId);
    }

    /** Records a published event (after Kafka's ack) so its video loss's end can be told apart. */
    public void published(VideoEvent event) {
        if (event.vendor() != VideoVendor.HIKVISION_ISAPI || event.type() != Type.VIDEO_LOSS) {
            return;
        }
        if (event.state() == State.END) {
            lost.remove(event.cameraId());
        } else {
            lost.add(event.cameraId());
        }
    }
}
