package dev.vigil.ingest.video;

import dev.vigil.events.video.VideoEvent;
import dev.vigil.events.video.VideoVendor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event as a vendor format reported it, already in Vigil's terms but not yet linked to the
 * registry and without stored pictures; {@link VideoNormalizer} makes a {@link VideoEvent} of it.
 *
 * @param vendor the interface it arrived through
 * @param eventId deterministic id from the vendor's own event identity
 * @param cameraIds the ids the camera may be registered under, most specific first
 * @param type what was seen
 * @param state start, ongoing or end
 * @param confidence within 0..1; nullable
 * @param eventTime when the camera saw it
 * @param description for operators; nullable
 * @param vendorType the vendor's own type verbatim
 * @param pictures pictures sent with it, not yet checked or stored
 */
public record VendorEvent(
        VideoVendor vendor,
        String eventId,
        List<String> cameraIds,
        VideoEvent.Type type,
        VideoEvent.State state,
        Double confidence,
        Instant eventTime,
        String description,
        String vendorType,
        List<Picture> pictures) {

    /**
     * A picture as received.
     *
     * @param field where it was in the request, e.g. {@code part[1] "fielddetectionPicture"}
     * @param content its bytes; callers must not modify the array
     */
    public record Picture(String field, byte[] content) {}

    public VendorEvent {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(eventId, "eventId");
        cameraIds = List.copyOf(cameraIds);
        if (cameraIds.isEmpty()) {
            throw new IllegalArgumentException("cameraIds: at least one is needed");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(eventTime, "eventTime");
        pictures = pictures == null ? List.of() : List.copyOf(pictures);
    }
}
