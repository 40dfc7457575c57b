package dev.vigil.events.video;

import dev.vigil.events.EvidenceRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One camera, NVR or video-analytics event normalized from its vendor's format, published to {@code
 * vigil.video-events} under the camera id so detection can treat all vendors alike.
 *
 * @param eventId deterministic id derived from the vendor's own event identity (see {@link
 *     dev.vigil.events.StableId}), the same for a vendor's retransmission of the event
 * @param cameraId camera as registered in the source registry, the Kafka key
 * @param sourceId the source the camera watches, from the registry; nullable when not linked
 * @param vendor the interface the event arrived through
 * @param type what was seen
 * @param state whether the event starts, continues or ends
 * @param confidence the analytics' confidence within 0..1; nullable when the vendor gives none
 * @param eventTime when the camera saw it
 * @param receivedAt when ingest received it
 * @param description vendor's description; nullable
 * @param pictures snapshots stored as evidence
 * @param clip stored video clip; nullable
 * @param vendorType the vendor's own event type verbatim, e.g. {@code fireDetection}, {@code
 *     tns1:RuleEngine/FieldDetector/ObjectsInside}; nullable
 */
public record VideoEvent(
        String eventId,
        String cameraId,
        String sourceId,
        VideoVendor vendor,
        Type type,
        State state,
        Double confidence,
        Instant eventTime,
        Instant receivedAt,
        String description,
        List<EvidenceRef> pictures,
        EvidenceRef clip,
        String vendorType) {

    /** What a video event reports. */
    public enum Type {
        SMOKE,
        FIRE,
        ILLEGAL_DISCHARGE,
        INTRUSION,
        VEHICLE,
        VIDEO_LOSS,
        TAMPER,
        OTHER
    }

    /** Where in its life a video event is. */
    public enum State {
        START,
        ONGOING,
        END
    }

    public VideoEvent {
        Objects.requireNonNull(eventId, "eventId is required");
        Objects.requireNonNull(cameraId, "cameraId is required");
        Objects.requireNonNull(vendor, "vendor is required");
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(state, "state is required");
        if (confidence != null && !(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException(
                    "confidence: must be within 0..1, was " + confidence);
        }
        Objects.requireNonNull(eventTime, "eventTime is required");
        Objects.requireNonNull(receivedAt, "receivedAt is required");
        pictures = pictures == null ? List.of() : List.copyOf(pictures);
    }
}
