package dev.vigil.events.source;

import java.util.Objects;

/**
 * One discharge point of a source (stack, wastewater or rainwater outfall, noise monitoring point),
 * the unit that permit limits and exceedances are judged on.
 *
 * @param outletId unique within its source
 * @param name as the enterprise's permit names it
 * @param kind what the outlet discharges
 */
public record Outlet(String outletId, String name, Kind kind) {

    /** What an outlet discharges. */
    public enum Kind {
        FLUE_GAS,
        WASTEWATER,
        RAINWATER,
        NOISE,
        OTHER
    }

    public Outlet {
        Objects.requireNonNull(outletId, "outletId is required");
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(kind, "kind is required");
    }
}
