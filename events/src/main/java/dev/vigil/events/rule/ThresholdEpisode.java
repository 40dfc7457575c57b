package dev.vigil.events.rule;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Evidence;
import java.time.Instant;
import java.util.List;

/**
 * One rule's episode at one subject: a run of breaching values still waiting for its persistence
 * condition, or a firing alert at a level; the state of {@link ThresholdDetector}, kept only while
 * there is such a run.
 *
 * @param ruleId the rule
 * @param ruleVersion the version that judged the latest value
 * @param kind the kind of value the rule judges
 * @param sourceId the subject's source
 * @param outletId the subject's outlet; nullable
 * @param pollutantCode the subject's pollutant
 * @param mn the device of the latest value
 * @param start data time of the first breaching value; part of the alert id
 * @param count breaching values in a row before firing
 * @param lastTime data time of the latest value judged
 * @param level index of the firing level; -1 while pending
 * @param lastValue the latest value judged
 * @param evidence the latest values of the episode
 */
public record ThresholdEpisode(
        String ruleId,
        long ruleVersion,
        DataKind kind,
        String sourceId,
        String outletId,
        String pollutantCode,
        String mn,
        Instant start,
        int count,
        Instant lastTime,
        int level,
        double lastValue,
        List<Evidence> evidence) {

    /** Whether its alert is firing. */
    public boolean firing() {
        return level >= 0;
    }

    ThresholdEpisode next(
            long version, JudgedValue value, int count, int level, List<Evidence> evidence) {
        return new ThresholdEpisode(
                ruleId,
                version,
                kind,
                sourceId,
                outletId,
                pollutantCode,
                value.mn(),
                start,
                count,
                value.time(),
                level,
                value.value(),
                evidence);
    }
}
