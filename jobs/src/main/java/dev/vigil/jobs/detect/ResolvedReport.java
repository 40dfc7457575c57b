package dev.vigil.jobs.detect;

import java.util.List;
import java.util.Objects;

/**
 * The readings of one report of a registered device, handed from the per-device operator to the
 * per-series operator as one element: the series of a device are then read from state and written
 * back once per report instead of once per pollutant.
 *
 * @param readings the report's readings, in the report's order; never empty
 */
public record ResolvedReport(List<Reading> readings) {

    public ResolvedReport {
        Objects.requireNonNull(readings, "readings");
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("a resolved report has readings");
        }
    }

    /** The device that sent the report. */
    public String mn() {
        return readings.get(0).mn();
    }
}
