package dev.vigil.ingest.video;

import dev.vigil.events.EvidenceRef;
import dev.vigil.events.video.VideoEvent;
import dev.vigil.ingest.http.Problem;
import dev.vigil.ingest.http.ProblemException;
import dev.vigil.ingest.media.MediaStore;
import dev.vigil.ingest.registry.CameraDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes {@link VideoEvent}s of vendor events: links each to its registered camera and source, drops
 * Hikvision keep-alives, checks every picture of the request (count, size, JPEG/PNG) before storing
 * any, then stores them and references them by hash.
 */
public final class VideoNormalizer {

    /** The events to publish and how many were left out as keep-alives. */
    public record Normalized(List<VideoEvent> events, int keepAlives) {}

    private final CameraDirectory cameras;
    private final MediaStore media;
    private final VideoLossKeepAlive keepAlive;
    private final int maxPictures;

    public VideoNormalizer(
            CameraDirectory cameras,
            MediaStore media,
            VideoLossKeepAlive keepAlive,
            int maxPictures) {
        this.cameras = cameras;
        this.media = media;
        this.keepAlive = keepAlive;
        this.maxPictures = maxPictures;
    }

    /**
     * The events ready to publish.
     *
     * @throws ProblemException TOO_LARGE for too many or too large pictures, UNSUPPORTED_MEDIA_TYPE
     *     for a picture that is not JPEG or PNG
     */
    public Normalized normalize(List<VendorEvent> vendorEvents, Instant receivedAt)
            throws ProblemException {
        int pictures = vendorEvents.stream().mapToInt(e -> e.pictures().size()).sum();
        if (pictures > maxPictures) {
            throw new ProblemException(
                    Problem.tooLarge(
                            "body", pictures + " pictures, at most " + maxPictures + " allowed"));
        }
        for (VendorEvent event : vendorEvents) {
            for (VendorEvent.Picture picture : event.pictures()) {
                media.check(picture.content(), picture.field());
            }
        }
        List<VideoEvent> events = new ArrayList<>();
        int keepAlives = 0;
        for (VendorEvent e : vendorEvents) {
            CameraDirectory.Resolution camera = cameras.resolve(e.cameraIds());
            if (keepAlive.isKeepAlive(e.vendor(), camera.cameraId(), e.type(), e.state())) {
                keepAlives++;
                continue;
            }
            List<EvidenceRef> refs = new ArrayList<>();
            for (VendorEvent.Picture picture : e.pictures()) {
                refs.add(media.store(picture.content(), picture.field()));
            }
            events.add(
                    new VideoEvent(
                            e.eventId(),
                            camera.cameraId(),
                            camera.sourceId(),
                            e.vendor(),
                            e.type(),
                            e.state(),
                            e.confidence(),
                            e.eventTime(),
                            receivedAt,
                            e.description(),
                            refs,
                            null,
                            e.vendorType()));
        }
        return new Normalized(List.copyOf(events), keepAlives);
    }
}
