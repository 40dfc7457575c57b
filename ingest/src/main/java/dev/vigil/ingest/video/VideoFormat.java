package dev.vigil.ingest.video;

import dev.vigil.events.video.VideoVendor;
import dev.vigil.ingest.http.HttpCall;
import dev.vigil.ingest.http.ProblemException;
import java.util.List;

/**
 * Reads one vendor's event push into {@link VendorEvent}s: stateless, no I/O, so each format is
 * tested with fixture files alone.
 */
public interface VideoFormat {

    /** The vendor interface this format reads. */
    VideoVendor vendor();

    /**
     * The events in the request (none when the push carries nothing to publish, e.g. a false
     * positive).
     *
     * @param integrationId the authenticated sender, for camera ids local to it
     * @throws ProblemException when the body is malformed, invalid or too large
     */
    List<VendorEvent> parse(HttpCall call, String integrationId) throws ProblemException;
}
