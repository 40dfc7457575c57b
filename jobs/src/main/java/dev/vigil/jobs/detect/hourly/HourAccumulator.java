package dev.vigil.jobs.detect.hourly;

/**
 * What one hour of one series has collected: which real-time slots were seen (one value per
 * registered interval, so a frame sent twice counts once), how many values were valid and their
 * sum, the device's own hourly value, and what was last reported for the hour; the state of {@link
 * HourlyAggregator}, one per hour until the hour can no longer be revised.
 *
 * @param mn the device
 * @param pollutantCode the pollutant
 * @param sourceId the device's source
 * @param outletId the device's outlet; nullable
 * @param expected real-time values the hour should have: one hour / the device's interval
 * @param slotMillis the device's real-time interval
 * @param water whether the series is water, judged by HJ 212's water rule (see {@link
 *     HourlyAverage})
 * @param seen bit set of slots that had a value
 * @param total real-time values, valid or not
 * @param valid valid real-time values (flag N or T and possible)
 * @param sum sum of the valid values
 * @param official the device's hourly average (CN 2061) if it came and was valid; nullable
 * @param officialRef raw digest of that hourly frame; nullable
 * @param closed whether the hour was judged (live, or found already over when data arrived)
 * @param judged the value last reported for the hour; nullable for none
 * @param mismatch whether a data-mismatch alert is firing for the hour
 * @param revisionPending whether data arrived after the hour was judged and a revision is due
 */
public record HourAccumulator(
        String mn,
        String pollutantCode,
        String sourceId,
        String outletId,
        int expected,
        long slotMillis,
        boolean water,
        long[] seen,
        int total,
        int valid,
        double sum,
        Double official,
        String officialRef,
        boolean closed,
        Double judged,
        boolean mismatch,
        boolean revisionPending) {

    /** Real-time values that did not count: an invalid flag or an impossible value. */
    public int abnormal() {
        return total - valid;
    }

    /** Whether anything arrived for the hour. */
    public boolean hasData() {
        return total > 0 || official != null || officialRef != null;
    }

    HourAccumulator withSlot(int slot, boolean counts, double value) {
        long[] bits = seen.clone();
        bits[slot >>> 6] |= 1L << (slot & 63);
        return new HourAccumulator(
                mn,
                pollutantCode,
                sourceId,
                outletId,
                expected,
                slotMillis,
                water,
                bits,
                total + 1,
                counts ? valid + 1 : valid,
                counts ? sum + value : sum,
                official,
                officialRef,
                closed,
                judged,
                mismatch,
                revisionPending);
    }

    boolean slotSeen(int slot) {
        return (seen[slot >>> 6] & (1L << (slot & 63))) != 0;
    }

    HourAccumulator withOfficial(Double value, String ref) {
        return new HourAccumulator(
                mn,
                pollutantCode,
                sourceId,
                outletId,
                expected,
                slotMillis,
                water,
                seen,
                total,
                valid,
                sum,
                value,
                ref,
                closed,
                judged,
                mismatch,
                revisionPending);
    }

    /** The hour after a (live or revised) result was reported. */
    HourAccumulator reported(Double value, boolean mismatch) {
        return new HourAccumulator(
                mn,
                pollutantCode,
                sourceId,
                outletId,
                expected,
                slotMillis,
                water,
                seen,
                total,
                valid,
                sum,
                official,
                officialRef,
                true,
                value,
                mismatch,
                false);
    }

    HourAccumulator revisionDue() {
        return new HourAccumulator(
                mn,
                pollutantCode,
                sourceId,
                outletId,
                expected,
                slotMillis,
                water,
                seen,
                total,
                valid,
                sum,
                official,
                officialRef,
                closed,
                judged,
                mismatch,
                true);
    }
}
