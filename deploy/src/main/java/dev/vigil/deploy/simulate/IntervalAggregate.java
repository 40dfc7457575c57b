package dev.vigil.deploy.simulate;

/**
 * Minimum, average, maximum and validity of one pollutant over a minute or hourly interval, built
 * from its real-time values with the standard's rules: a water interval is abnormal if any input
 * was, a flue-gas interval is valid when at least 75 % of its inputs were.
 */
final class IntervalAggregate {

    private int count;
    private int valid;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private char abnormalFlag;

    /** Adds one real-time value with its data flag. */
    void add(double value, char flag) {
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (flag == 'N' || flag == 'T') {
            valid++;
        } else {
            abnormalFlag = flag;
        }
    }

    /** Whether no value was added since the last reset. */
    boolean isEmpty() {
        return count == 0;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    double average() {
        return sum / count;
    }

    /** The interval's data flag under the water or the flue-gas rule. */
    char flag(boolean water) {
        boolean validInterval = water ? valid == count : valid * 4 >= count * 3;
        return validInterval ? 'N' : abnormalFlag;
    }

    /** Starts the next interval. */
    void reset() {
        count = 0;
        valid = 0;
        sum = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        abnormalFlag = 0;
    }
}
