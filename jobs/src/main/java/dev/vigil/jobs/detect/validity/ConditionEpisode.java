package dev.vigil.jobs.detect.validity;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.alert.EvidenceTrail;
import dev.vigil.jobs.detect.Reading;
import java.time.Instant;
import java.util.List;

/**
 * A condition that holds for one series (device and pollutant) since its first reading, with the
 * latest readings that showed it; kept by {@link dev.vigil.jobs.detect.SeriesDetector} in the
 * series' state.
 *
 * @param condition what holds
 * @param start data time of the first reading showing it; part of the alert id
 * @param lastTime data time of the latest reading judged
 * @param sourceId the device's source
 * @param outletId the device's outlet; nullable
 * @param mn the device
 * @param pollutantCode the pollutant
 * @param evidence the latest readings of the episode
 */
public record ConditionEpisode(
        Condition condition,
        Instant start,
        Instant lastTime,
        String sourceId,
        String outletId,
        String mn,
        String pollutantCode,
        List<Evidence> evidence) {

    /** The episode a reading starts. */
    static ConditionEpisode start(Condition condition, Reading reading) {
        return new ConditionEpisode(
                condition,
                reading.dataTime(),
                reading.dataTime(),
                reading.sourceId(),
                reading.outletId(),
                reading.mn(),
                reading.pollutantCode(),
                List.of(reading.evidence()));
    }

    /** The episode after one more reading of it. */
    ConditionEpisode seen(Reading reading, int evidenceLimit) {
        return new ConditionEpisode(
                condition,
                start,
                reading.dataTime(),
                sourceId,
                outletId,
                mn,
                pollutantCode,
                EvidenceTrail.append(evidence, reading.evidence(), evidenceLimit));
    }

    /** The same for its FIRING and RESOLVED records, and after a restart. */
    public String alertId() {
        return Alert.idFor(
                condition.alertType().name(),
                sourceId,
                outletId,
                pollutantCode,
                mn,
                start.toString());
    }
}
