package dev.vigil.jobs.detect.hourly;

import dev.vigil.events.DataKind;
import dev.vigil.jobs.detect.Reading;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The hourly value of a series, as HJ 212 platforms judge it: the device's own hourly upload (CN
 * 2061) is official where it came and is valid; otherwise the average of the hour's valid real-time
 * values counts if at least {@code minValidFraction} of the expected values were valid (75 % for
 * flue gas in PROTOCOLS.md). Where both exist and differ by more than {@code mismatchTolerance}
 * (relative to the larger), the device's hourly value is suspect.
 *
 * <p>Water is stricter (PROTOCOLS.md: "for water an interval is abnormal if any input was"): an
 * hour of a water series in which any real-time value was abnormal (a flag other than N or T, or an
 * impossible value) is {@link Basis#ABNORMAL} and has no value, neither computed nor the device's
 * own, whose flag would say otherwise: a wastewater hour with a maintenance, calibration or fault
 * period in it is no basis for an exceedance, nor for compliance. The minimum share of valid values
 * applies to water too, so an hour with too few values has none either.
 */
public final class HourlyAverage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One hour in milliseconds. */
    public static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private final double minValidFraction;
    private final double mismatchTolerance;

    public HourlyAverage(double minValidFraction, double mismatchTolerance) {
        this.minValidFraction = minValidFraction;
        this.mismatchTolerance = mismatchTolerance;
    }

    /** The start of the hour a data time falls in (UTC hours, which are China's hours too). */
    public static long hourStart(Instant dataTime) {
        return Math.floorDiv(dataTime.toEpochMilli(), HOUR_MILLIS) * HOUR_MILLIS;
    }

    /** An empty hour for the series of this reading. */
    public static HourAccumulator open(Reading reading) {
        long slot = Math.max(1, reading.realtimeIntervalMillis());
        int expected = (int) Math.max(1, (HOUR_MILLIS + slot - 1) / slot);
        return new HourAccumulator(
                reading.mn(),
                reading.pollutantCode(),
                reading.sourceId(),
                reading.outletId(),
                expected,
                slot,
                reading.water(),
                new long[(expected + 63) / 64],
                0,
                0,
                0,
                null,
                null,
                false,
                null,
                false,
                false);
    }

    /** The hour with one more reading: a real-time value or the device's hourly value. */
    public HourAccumulator add(HourAccumulator hour, Reading reading) {
        if (reading.kind() == DataKind.HOURLY) {
            return reading.countsForExceedance()
                    ? hour.withOfficial(reading.value(), reading.ref())
                    : hour.withOfficial(null, reading.ref());
        }
        if (reading.kind() != DataKind.REALTIME) {
            return hour;
        }
        long offset = reading.dataTime().toEpochMilli() - hourStart(reading.dataTime());
        int slot = (int) Math.min(hour.expected() - 1, offset / hour.slotMillis());
        if (hour.slotSeen(slot)) {
            return hour; // the same frame again, or a second value in one interval: first wins
        }
        return hour.withSlot(slot, reading.countsForExceedance(), reading.value());
    }

    /**
     * Whether a water series' day has an abnormal hour, which makes the day abnormal (its daily
     * value does not count), as the water rule makes an hour with an abnormal value abnormal.
     *
     * @param hours the series' hours still held, by their start
     * @param dayStart the start of the day, the DataTime of its daily value: a day is the 24 hours
     *     from there, in whatever zone the device keeps its days
     */
    public static boolean abnormalDay(
            Iterable<Map.Entry<Long, HourAccumulator>> hours, Instant dayStart) {
        long from = dayStart.toEpochMilli();
        long to = from + Duration.ofDays(1).toMillis();
        for (Map.Entry<Long, HourAccumulator> hour : hours) {
            if (hour.getKey() >= from
                    && hour.getKey() < to
                    && hour.getValue().water()
                    && hour.getValue().abnormal() > 0) {
                return true;
            }
        }
        return false;
    }

    /** The fewest valid values that make a computed average count. */
    public int minValid(HourAccumulator hour) {
        return (int) Math.ceil(minValidFraction * hour.expected() - 1e-9);
    }

    /** The hour's value now. */
    public Judgement judge(HourAccumulator hour) {
        if (hour.water() && hour.abnormal() > 0) {
            return new Judgement(null, Basis.ABNORMAL, null, false);
        }
        Double computed =
                hour.valid() > 0 && hour.valid() >= minValid(hour)
                        ? hour.sum() / hour.valid()
                        : null;
        if (hour.official() != null) {
            return new Judgement(
                    hour.official(), Basis.OFFICIAL, computed, disagree(hour.official(), computed));
        }
        return new Judgement(
                computed, computed == null ? Basis.NONE : Basis.COMPUTED, computed, false);
    }

    private boolean disagree(double official, Double computed) {
        if (computed == null) {
            return false;
        }
        double scale = Math.max(Math.abs(official), Math.abs(computed));
        return scale > 0 && Math.abs(official - computed) > mismatchTolerance * scale;
    }

    /** Where an hour's value comes from. */
    public enum Basis {
        /** The device's own hourly upload. */
        OFFICIAL,
        /** Vigil's average of the device's valid real-time values. */
        COMPUTED,
        /** Too few valid values and no valid upload: the hour has no value. */
        NONE,
        /** Water: a real-time value of the hour was abnormal, so the hour has no value. */
        ABNORMAL
    }

    /**
     * An hour's value.
     *
     * @param value the value that counts; {@code null} when the hour has none
     * @param basis where it comes from
     * @param computed the average of the valid real-time values, if enough were valid; nullable
     * @param mismatch whether the device's hourly value disagrees with that average
     */
    public record Judgement(Double value, Basis basis, Double computed, boolean mismatch) {}
}
