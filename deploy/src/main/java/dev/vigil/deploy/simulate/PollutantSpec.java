package dev.vigil.deploy.simulate;

import java.util.Objects;

/**
 * One pollutant a simulated data logger measures: its HJ 212 code as the device sends it, the level
 * it hovers around, how much it wanders, its unit and permit limit.
 *
 * @param code HJ 212 code as sent, e.g. {@code w01018} (2017) or {@code 011} (2005)
 * @param base the typical value
 * @param noise standard deviation of the value around {@code base}
 * @param unit e.g. {@code mg/L}, {@code mg/m3}, {@code L/s}
 * @param limit permit limit registered for hourly values, or null for none
 * @param min lowest value the instrument reports (0 for concentrations)
 * @param max highest value the instrument reports (14 for pH)
 * @param decimals digits after the decimal point on the wire
 */
public record PollutantSpec(
        String code,
        double base,
        double noise,
        String unit,
        Double limit,
        double min,
        double max,
        int decimals) {

    public PollutantSpec {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(unit, "unit");
    }

    /** Whether the standard reports a cumulative amount ({@code -Cou}) for it: flows. */
    public boolean cumulative() {
        return switch (code) {
            case "w00000", "a00000", "B01", "B02" -> true;
            default -> false;
        };
    }

    /** How much flows in {@code seconds} at {@code rate} in this pollutant's unit, in m3. */
    double volume(double rate, double seconds) {
        return switch (unit) {
            case "L/s" -> rate * seconds / 1000;
            case "m3/s" -> rate * seconds;
            case "m3/min" -> rate * seconds / 60;
            case "m3/h", "t/h" -> rate * seconds / 3600;
            default -> rate * seconds;
        };
    }

    /** The default number of decimals for values around {@code base}. */
    static int defaultDecimals(double base) {
        double magnitude = Math.abs(base);
        if (magnitude >= 1000) {
            return 1;
        }
        return magnitude >= 1 || magnitude == 0 ? 2 : 3;
    }
}
