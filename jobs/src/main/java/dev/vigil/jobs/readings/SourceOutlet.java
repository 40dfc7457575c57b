package dev.vigil.jobs.readings;

import java.io.Serializable;
import java.util.Objects;

/**
 * The pollution source and outlet (outfall or stack) a device's readings belong to, as the
 * readings' {@code source} and {@code outlet} tags.
 *
 * @param sourceId registry id of the source (enterprise)
 * @param outletId registry id of the outlet the device measures
 */
public record SourceOutlet(String sourceId, String outletId) implements Serializable {

    public SourceOutlet {
        Objects.requireNonNull(sourceId, "sourceId is required");
        Objects.requireNonNull(outletId, "outletId is required");
    }
}
