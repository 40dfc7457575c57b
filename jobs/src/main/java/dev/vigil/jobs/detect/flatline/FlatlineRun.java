package dev.vigil.jobs.detect.flatline;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.alert.EvidenceTrail;
import dev.vigil.jobs.detect.Reading;
import java.time.Instant;
import java.util.List;

/**
 * The current run of identical valid values of one series; kept by {@link
 * dev.vigil.jobs.detect.SeriesDetector} in the series' state.
 *
 * @param value the repeated value
 * @param count how many valid readings in a row had it
 * @param start data time of the first of them; part of the alert id
 * @param lastTime data time of the latest reading judged
 * @param firing whether the run was reported as a flatline
 * @param sourceId the device's source
 * @param outletId the device's outlet; nullable
 * @param mn the device
 * @param pollutantCode the pollutant
 * @param evidence the latest readings of the run
 */
public record FlatlineRun(
        double value,
        int count,
        Instant start,
        Instant lastTime,
        boolean firing,
        String sourceId,
        String outletId,
        String mn,
        String pollutantCode,
        List<Evidence> evidence) {

    static FlatlineRun start(Reading reading) {
        return new FlatlineRun(
                reading.value(),
                1,
                reading.dataTime(),
                reading.dataTime(),
                false,
                reading.sourceId(),
                reading.outletId(),
                reading.mn(),
                reading.pollutantCode(),
                List.of(reading.evidence()));
    }

    FlatlineRun repeated(Reading reading, int evidenceLimit) {
        return new FlatlineRun(
                value,
                count + 1,
                start,
                reading.dataTime(),
                firing,
                sourceId,
                outletId,
                mn,
                pollutantCode,
                EvidenceTrail.append(evidence, reading.evidence(), evidenceLimit));
    }

    FlatlineRun reported() {
        return new FlatlineRun(
                value,
                count,
                start,
                lastTime,
                true,
                sourceId,
                outletId,
                mn,
                pollutantCode,
                evidence);
    }

    /** The same for its FIRING and RESOLVED records, and after a restart. */
    public String alertId() {
        return Alert.idFor(
                Alert.Type.FLATLINE.name(),
                sourceId,
                outletId,
                pollutantCode,
                mn,
                start.toString());
    }
}
