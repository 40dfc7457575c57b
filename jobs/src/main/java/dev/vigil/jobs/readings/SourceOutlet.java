package dev.vigil.jobs.readings;

import java.io.Serializable;
import java.util.Objects;

/**
 * The pollution source and outlet (outfall or stack) a device's readings belong to, as the
 * readings' {@code source} and {@code outlet} tags, and whether the source registry ({@code
 * vigil.sources}) named them.
 *
 * @param sourceId registry id of the source (enterprise); the device MN when unregistered
 * @param outletId registry id of the outlet the device measures; {@code null} for a device the
 *     registry binds to the whole source rather than to one outlet (the point then has no {@code
 *     outlet} tag); the device MN when unregistered
 * @param registered whether the registry named them; points of an unregistered device carry the tag
 *     {@code registered=false}
 */
public record SourceOutlet(String sourceId, String outletId, boolean registered)
        implements Serializable {

    public SourceOutlet {
        Objects.requireNonNull(sourceId, "sourceId is required");
    }

    /** The source and outlet the registry binds a device to. */
    public static SourceOutlet registered(String sourceId, String outletId) {
        return new SourceOutlet(sourceId, outletId, true);
    }

    /** A device the registry does not know: its MN stands for both source and outlet. */
    public static SourceOutlet unregistered(String mn) {
        return new SourceOutlet(mn, mn, false);
    }
}
