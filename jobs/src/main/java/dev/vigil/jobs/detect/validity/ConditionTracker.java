package dev.vigil.jobs.detect.validity;

import dev.vigil.events.DataKind;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.EvidenceTrail;
import dev.vigil.jobs.detect.AlertBuilder;
import dev.vigil.jobs.detect.Reading;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows the condition of one series reading by reading: a fault, communication-fault, maintenance
 * or impossible-value condition fires when it begins and resolves when a normal valid value returns
 * or another condition begins; manual and unknown flags neither start nor end one. Readings not
 * newer than the last one judged (repeats, reordering) change nothing.
 */
public final class ConditionTracker implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int evidenceLimit;

    public ConditionTracker(int evidenceLimit) {
        this.evidenceLimit = evidenceLimit;
    }

    /**
     * The episode after a reading ({@code null} when none holds) and the alerts it caused.
     *
     * @param episode what held before; nullable
     */
    public Step next(ConditionEpisode episode, Reading reading, Instant now) {
        if (episode != null && !reading.dataTime().isAfter(episode.lastTime())) {
            return new Step(episode, List.of());
        }
        Condition condition = Condition.of(reading);
        if (condition == Condition.UNDECIDED) {
            return new Step(
                    episode == null ? null : episode.seen(reading, evidenceLimit), List.of());
        }
        if (condition == Condition.NORMAL) {
            return episode == null
                    ? new Step(null, List.of())
                    : new Step(null, List.of(resolved(episode, reading, now)));
        }
        if (episode != null && episode.condition() == condition) {
            return new Step(episode.seen(reading, evidenceLimit), List.of());
        }
        List<Alert> alerts = new ArrayList<>(2);
        if (episode != null) {
            alerts.add(resolved(episode, reading, now));
        }
        ConditionEpisode started = ConditionEpisode.start(condition, reading);
        alerts.add(firing(started, reading, now));
        return new Step(started, List.copyOf(alerts));
    }

    private static Alert firing(ConditionEpisode episode, Reading reading, Instant now) {
        Condition condition = episode.condition();
        String message =
                condition == Condition.MAINTENANCE
                        ? "Maintenance or calibration (flag "
                                + reading.flag()
                                + ") of "
                                + reading.pollutantCode()
                                + " on device "
                                + reading.mn()
                                + ": its values do not count for exceedance until it ends"
                        : capitalized(condition.description())
                                + " on "
                                + reading.pollutantCode()
                                + " of device "
                                + reading.mn()
                                + " ("
                                + reading.describe()
                                + ")";
        return base(episode, Alert.State.FIRING, reading)
                .evidence(episode.evidence())
                .at(episode.start(), now)
                .message(message)
                .build();
    }

    private Alert resolved(ConditionEpisode episode, Reading reading, Instant now) {
        return base(episode, Alert.State.RESOLVED, reading)
                .evidence(
                        EvidenceTrail.append(episode.evidence(), reading.evidence(), evidenceLimit))
                .at(reading.dataTime(), now)
                .message(
                        capitalized(episode.condition().description())
                                + " on "
                                + episode.pollutantCode()
                                + " of device "
                                + episode.mn()
                                + " is over")
                .build();
    }

    private static AlertBuilder base(ConditionEpisode episode, Alert.State state, Reading reading) {
        Condition condition = episode.condition();
        return AlertBuilder.alert(episode.alertId(), condition.alertType(), state)
                .severity(condition.severity())
                .about(
                        episode.sourceId(),
                        episode.outletId(),
                        episode.pollutantCode(),
                        episode.mn())
                .value(reading.value(), null)
                .dataKind(DataKind.REALTIME)
                // A maintenance marker is for the record: nobody is to be dispatched for it.
                .suppressed(condition == Condition.MAINTENANCE);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * The state after one reading and what to emit.
     *
     * @param episode the condition now holding; {@code null} for none
     * @param alerts FIRING and RESOLVED records, in order
     */
    public record Step(ConditionEpisode episode, List<Alert> alerts) {}
}
