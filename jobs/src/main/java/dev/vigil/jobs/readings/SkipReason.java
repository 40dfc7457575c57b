package dev.vigil.jobs.readings;

/**
 * Why a report, or one pollutant of it, gave no InfluxDB point, each counted under its own metric
 * so that nothing is dropped unseen.
 */
public enum SkipReason {
    /** The report has pollutant values but no {@code DataTime} to place them at. */
    NO_DATA_TIME("reportsWithoutDataTime"),
    /** The report's {@code DataTime} lies outside what InfluxDB can store (1677 to 2262). */
    TIME_OUT_OF_RANGE("reportsOutOfTimeRange"),
    /** A tag (MN, source, outlet, pollutant code or flag) that line protocol cannot carry. */
    UNWRITABLE_TAG("unwritableTags");

    private final String metricName;

    SkipReason(String metricName) {
        this.metricName = metricName;
    }

    /** The name of the counter of this reason. */
    public String metricName() {
        return metricName;
    }
}
