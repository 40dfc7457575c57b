package dev.vigil.events.rule;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Evidence;
import java.time.Instant;

/**
 * A value threshold rules judge: a live real-time, minute or daily value, or an hour's value (live,
 * or revised after late data).
 *
 * @param sourceId the source
 * @param outletId the outlet; nullable
 * @param pollutantCode the pollutant
 * @param mn the device that measured it
 * @param kind the kind of value, matched against each rule's
 * @param value the value
 * @param time its data time (an hour's start for hourly values)
 * @param revised whether it replaces an earlier value of the same hour
 * @param previousValue for a revision, the value reported before; nullable
 * @param evidence what to show as its cause
 */
public record JudgedValue(
        String sourceId,
        String outletId,
        String pollutantCode,
        String mn,
        DataKind kind,
        double value,
        Instant time,
        boolean revised,
        Double previousValue,
        Evidence evidence) {

    /** The key of what rules judge: {@code source/outlet/pollutant}. */
    public String subjectKey() {
        return subjectKey(sourceId, outletId, pollutantCode);
    }

    /** The key of what rules judge; an absent outlet is empty. */
    public static String subjectKey(String sourceId, String outletId, String pollutantCode) {
        return sourceId + "/" + (outletId == null ? "" : outletId) + "/" + pollutantCode;
    }
}
