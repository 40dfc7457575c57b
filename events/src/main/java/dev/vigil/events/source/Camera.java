package dev.vigil.events.source;

import dev.vigil.events.video.VideoVendor;
import java.util.Objects;

/**
 * A camera watching a source, registered so that its video events are linked to the source.
 *
 * @param cameraId as the camera's events name it (the key of {@code vigil.video-events})
 * @param name in operators' words, e.g. "east gate, outfall 2"
 * @param vendor the interface its events arrive through
 */
public record Camera(String cameraId, String name, VideoVendor vendor) {

    public Camera {
        Objects.requireNonNull(cameraId, "cameraId is required");
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(vendor, "vendor is required");
    }
}
