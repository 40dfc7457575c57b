package dev.vigil.jobs.detect.threshold;

import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.rule.JudgedValue;
import dev.vigil.events.rule.ThresholdEpisode;
import dev.vigil.events.rule.ThresholdEvaluator;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.jobs.detect.AlertBuilder;
import java.time.Instant;
import java.util.Locale;

/**
 * The alerts of threshold rules: HOURLY_EXCEEDANCE for rules on hourly values, THRESHOLD for the
 * others, with the id {@code idFor(type, rule, source, outlet, pollutant, episode start)} that the
 * FIRING record, every severity change and the RESOLVED record share.
 */
public final class ThresholdAlerts {

    private ThresholdAlerts() {}

    /** The alert type of a rule's episodes. */
    public static Alert.Type type(DataKind kind) {
        return kind == DataKind.HOURLY ? Alert.Type.HOURLY_EXCEEDANCE : Alert.Type.THRESHOLD;
    }

    /** The id of an episode's alert. */
    public static String alertId(ThresholdEpisode episode) {
        return Alert.idFor(
                type(episode.kind()).name(),
                episode.ruleId(),
                episode.sourceId(),
                episode.outletId(),
                episode.pollutantCode(),
                episode.start().toString());
    }

    /** The record of an alert change caused by a value. */
    public static Alert alert(
            ThresholdRule rule, ThresholdEvaluator.Transition change, Instant now) {
        ThresholdEpisode episode = change.episode();
        JudgedValue value = change.value();
        String where =
                episode.sourceId() + (episode.outletId() == null ? "" : "/" + episode.outletId());
        String kind = rule.dataKind().name().toLowerCase(Locale.ROOT);
        String message =
                change.state() == Alert.State.FIRING
                        ? rule.name()
                                + ": "
                                + episode.pollutantCode()
                                + " "
                                + kind
                                + " "
                                + value.value()
                                + " beyond the "
                                + change.severity()
                                + " level "
                                + change.threshold()
                                + " at "
                                + where
                        : rule.name()
                                + ": "
                                + episode.pollutantCode()
                                + " "
                                + kind
                                + " "
                                + value.value()
                                + " back within the clear level "
                                + change.threshold()
                                + " at "
                                + where;
        return base(episode, change.state(), change.severity(), rule.version())
                .value(value.value(), change.threshold())
                .at(value.time(), now)
                .revised(value.revised())
                .message(value.revised() ? message + " (revised after late data)" : message)
                .build();
    }

    /**
     * The RESOLVED record of a firing episode whose rule was withdrawn or no longer applies.
     *
     * @param rule the rule's last version, for the severity; nullable
     */
    public static Alert withdrawn(ThresholdEpisode episode, ThresholdRule rule, Instant now) {
        Severity severity =
                rule != null && episode.level() < rule.levels().size()
                        ? rule.levels().get(episode.level()).severity()
                        : Severity.WARNING;
        return base(episode, Alert.State.RESOLVED, severity, episode.ruleVersion())
                .value(episode.lastValue(), null)
                .at(episode.lastTime(), now)
                .message(
                        "Rule "
                                + episode.ruleId()
                                + " no longer applies to "
                                + episode.sourceId()
                                + " "
                                + episode.pollutantCode()
                                + ": its alert is closed")
                .build();
    }

    private static AlertBuilder base(
            ThresholdEpisode episode, Alert.State state, Severity severity, long ruleVersion) {
        return AlertBuilder.alert(alertId(episode), type(episode.kind()), state)
                .severity(severity)
                .about(
                        episode.sourceId(),
                        episode.outletId(),
                        episode.pollutantCode(),
                        episode.mn())
                .rule(episode.ruleId(), ruleVersion, episode.kind())
                .evidence(episode.evidence());
    }
}
