package dev.vigil.events.source;

import dev.vigil.events.DataKind;
import java.util.Objects;

/**
 * A discharge limit from a source's permit for one pollutant at one outlet, which percent-of-limit
 * rules and exceedance reports are measured against.
 *
 * @param outletId the outlet it applies to
 * @param pollutantCode HJ 212 code as the outlet's devices send it, e.g. {@code w01018}
 * @param limit the permitted value, in {@code unit}
 * @param unit e.g. {@code mg/L}, {@code mg/m3}, {@code dB(A)}
 * @param dataKind the kind of value the limit is judged on, usually {@link DataKind#HOURLY}
 */
public record PermitLimit(
        String outletId, String pollutantCode, double limit, String unit, DataKind dataKind) {

    public PermitLimit {
        Objects.requireNonNull(outletId, "outletId is required");
        Objects.requireNonNull(pollutantCode, "pollutantCode is required");
        Objects.requireNonNull(unit, "unit is required");
        Objects.requireNonNull(dataKind, "dataKind is required");
    }
}
