package dev.vigil.jobs.detect.validity;

import java.util.Set;

/**
 * Which values cannot be real measurements: a negative value of anything but a temperature or a
 * pressure, a pH outside 0 to 14, and no oxygen at all in flue gas. A device sending one has a
 * broken instrument or falsified data; such values count for nothing and raise their own alert.
 */
public final class ImpossibleValues {

    /** Temperatures and (gauge) pressures, which may be negative (2017 and 2005 codes). */
    private static final Set<String> MAY_BE_NEGATIVE =
            Set.of("a01012", "S03", "a01013", "S08", "w01010", "a01001", "a01006");

    private static final Set<String> PH = Set.of("w01001", "001");

    /** Flue-gas oxygen: zero means the probe reads ambient nothing, i.e. it is broken. */
    private static final Set<String> NEVER_ZERO = Set.of("a19001", "S01");

    private ImpossibleValues() {}

    /** Whether this value of this pollutant cannot be a real measurement. */
    public static boolean isImpossible(String pollutantCode, double value) {
        if (PH.contains(pollutantCode)) {
            return value <= 0 || value > 14;
        }
        if (NEVER_ZERO.contains(pollutantCode) && value == 0) {
            return true;
        }
        return value < 0 && !MAY_BE_NEGATIVE.contains(pollutantCode);
    }
}
