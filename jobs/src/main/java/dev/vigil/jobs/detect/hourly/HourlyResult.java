package dev.vigil.jobs.detect.hourly;

import dev.vigil.events.DataKind;
import dev.vigil.events.StableId;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.rule.JudgedValue;
import java.time.Instant;

/**
 * The value of one hour of one series, reported when the hour is judged (live) and again, marked
 * revised, whenever late data changes it; written to InfluxDB and judged by HOURLY rules.
 *
 * @param mn the device
 * @param sourceId its source
 * @param outletId its outlet; nullable
 * @param pollutantCode the pollutant
 * @param hourStart the hour
 * @param value the value that counts; nullable when the hour has none
 * @param basis where the value comes from
 * @param computed the average of the valid real-time values, if enough were valid; nullable
 * @param official the device's own hourly value; nullable
 * @param validCount valid real-time values
 * @param totalCount real-time values
 * @param expectedCount real-time values the hour should have
 * @param revised whether this replaces an earlier result of the hour
 * @param previousValue the value reported before, for a revision; nullable
 * @param ref the hourly frame's digest for an official value, else a stable id of the hour
 */
public record HourlyResult(
        String mn,
        String sourceId,
        String outletId,
        String pollutantCode,
        Instant hourStart,
        Double value,
        HourlyAverage.Basis basis,
        Double computed,
        Double official,
        int validCount,
        int totalCount,
        int expectedCount,
        boolean revised,
        Double previousValue,
        String ref) {

    /** The result of an hour as judged now. */
    static HourlyResult of(
            long hourStart,
            HourAccumulator hour,
            HourlyAverage.Judgement judgement,
            boolean revised) {
        String ref =
                judgement.basis() == HourlyAverage.Basis.OFFICIAL && hour.officialRef() != null
                        ? hour.officialRef()
                        : StableId.of(
                                "hourly",
                                hour.mn(),
                                hour.pollutantCode(),
                                Long.toString(hourStart));
        return new HourlyResult(
                hour.mn(),
                hour.sourceId(),
                hour.outletId(),
                hour.pollutantCode(),
                Instant.ofEpochMilli(hourStart),
                judgement.value(),
                judgement.basis(),
                judgement.computed(),
                hour.official(),
                hour.valid(),
                hour.total(),
                hour.expected(),
                revised,
                revised ? hour.judged() : null,
                ref);
    }

    /** Whether a revision changed the value that counts. */
    public boolean valueChanged() {
        return previousValue == null ? value != null : !previousValue.equals(value);
    }

    /** This hour's value as threshold rules judge it; only for results that have one. */
    public JudgedValue judged() {
        return new JudgedValue(
                sourceId,
                outletId,
                pollutantCode,
                mn,
                DataKind.HOURLY,
                value,
                hourStart,
                revised,
                previousValue,
                evidence());
    }

    /** This hour as evidence. */
    public Evidence evidence() {
        return new Evidence(Evidence.Kind.READING, ref, hourStart, value, describe());
    }

    /** In operators' words. */
    public String describe() {
        String from =
                switch (basis) {
                    case OFFICIAL -> "device's hourly value";
                    case COMPUTED ->
                            "computed from " + validCount + " of " + expectedCount + " values";
                    case NONE ->
                            "no valid value: "
                                    + validCount
                                    + " of "
                                    + expectedCount
                                    + " values valid";
                    case ABNORMAL ->
                            "abnormal: "
                                    + (totalCount - validCount)
                                    + " of "
                                    + totalCount
                                    + " water values not valid";
                };
        return pollutantCode
                + " hourly "
                + (value == null ? "-" : value.toString())
                + " at "
                + hourStart
                + " ("
                + from
                + (revised ? ", revised" : "")
                + "), MN "
                + mn;
    }
}
