package dev.vigil.events.rule;

import dev.vigil.events.Severity;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One step of a threshold rule: beyond this threshold the rule fires at this severity, e.g. WARNING
 * at 80 %, ALARM at 100 %, SEVERE at 150 % of the permit limit.
 *
 * @param severity WARNING, ALARM or SEVERE
 * @param threshold an absolute value in the pollutant's unit, or a percentage of the permit limit
 *     (100 is the limit itself), as {@code mode} says
 * @param mode how to read {@code threshold}
 */
public record RuleLevel(Severity severity, double threshold, Mode mode) {

    /** How a level's threshold is given. */
    public enum Mode {
        /** In the pollutant's unit. */
        ABSOLUTE,
        /** In percent of the applicable {@link dev.vigil.events.source.PermitLimit}. */
        PERCENT_OF_LIMIT
    }

    public RuleLevel {
        Objects.requireNonNull(severity, "severity is required");
        Objects.requireNonNull(mode, "mode is required");
    }

    /**
     * The threshold in the pollutant's unit; empty for a percent-of-limit level when the source has
     * no permit limit for the reading (such a level cannot fire).
     */
    public OptionalDouble resolve(Double permitLimit) {
        if (mode == Mode.ABSOLUTE) {
            return OptionalDouble.of(threshold);
        }
        return permitLimit == null
                ? OptionalDouble.empty()
                : OptionalDouble.of(permitLimit * threshold / 100);
    }
}
