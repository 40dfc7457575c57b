package dev.vigil.jobs.readings;

import java.io.Serializable;

/**
 * Finds the source and outlet a device (by its MN) reports for; the seam where the source registry
 * ({@code vigil.sources}) plugs in, until then {@link #identity()}.
 */
@FunctionalInterface
public interface SourceResolver extends Serializable {

    /** The source and outlet of the device with this MN; never {@code null}. */
    SourceOutlet resolve(String mn);

    /** Every device is its own source and outlet, named by its MN. */
    static SourceResolver identity() {
        return mn -> new SourceOutlet(mn, mn);
    }
}
