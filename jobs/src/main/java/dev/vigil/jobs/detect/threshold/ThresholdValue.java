package dev.vigil.jobs.detect.threshold;

import dev.vigil.events.alert.Evidence;
import dev.vigil.events.rule.JudgedValue;
import dev.vigil.jobs.detect.Reading;

/**
 * A value on its way to the threshold rules. Most live readings breach no rule and end no episode,
 * so the evidence text of a live reading is not written where the reading is split off its report:
 * the value's evidence then has no detail, {@code flag} keeps what the text needs besides the
 * value's own fields, and {@link #judged()} writes it, as {@link Reading#evidence()} does, only for
 * a value an episode or an alert is to keep ({@link ThresholdDetector}).
 *
 * @param value the value; for a live reading, with evidence whose detail is still to be written
 * @param flag the reading's data flag while the detail is to be written; {@code null} when {@code
 *     value} is complete
 */
public record ThresholdValue(JudgedValue value, String flag) {

    /** A complete value (an hour's, a water day's). */
    public static ThresholdValue of(JudgedValue value) {
        return new ThresholdValue(value, null);
    }

    /** A live reading, as {@link Reading#judged()} but for the evidence text. */
    public static ThresholdValue live(Reading reading) {
        return new ThresholdValue(
                new JudgedValue(
                        reading.sourceId(),
                        reading.outletId(),
                        reading.pollutantCode(),
                        reading.mn(),
                        reading.kind(),
                        reading.value(),
                        reading.dataTime(),
                        false,
                        null,
                        new Evidence(
                                Evidence.Kind.READING,
                                reading.ref(),
                                reading.dataTime(),
                                reading.value(),
                                null)),
                reading.flag());
    }

    /** The key of what rules judge: {@code source/outlet/pollutant}. */
    public String subjectKey() {
        return value.subjectKey();
    }

    /** Whether {@link #value()} is complete, so {@link #judged()} is that value. */
    public boolean complete() {
        return flag == null;
    }

    /**
     * The value with its whole evidence: for a live reading, what {@link Reading#judged()} gives.
     */
    public JudgedValue judged() {
        if (flag == null) {
            return value;
        }
        Evidence e = value.evidence();
        return new JudgedValue(
                value.sourceId(),
                value.outletId(),
                value.pollutantCode(),
                value.mn(),
                value.kind(),
                value.value(),
                value.time(),
                value.revised(),
                value.previousValue(),
                new Evidence(
                        e.kind(),
                        e.ref(),
                        e.time(),
                        e.value(),
                        Reading.describe(
                                value.pollutantCode(),
                                value.kind(),
                                value.value(),
                                flag,
                                value.mn())));
    }
}
