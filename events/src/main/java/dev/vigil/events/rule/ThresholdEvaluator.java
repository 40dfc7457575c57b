package dev.vigil.events.rule;

import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.alert.EvidenceTrail;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Judges values against one threshold rule, episode by episode; plain Java, no Flink.
 *
 * <ul>
 *   <li>A breaching value (beyond the lowest level) starts a run; the rule fires once the run has
 *       {@link Persistence#consecutiveReadings()} values and lasts {@link Persistence#duration()},
 *       at the severity of the highest level the firing value breaches. A non-breaching value
 *       before that ends the run.
 *   <li>While firing, a value beyond a higher level raises the severity at once; a level is left
 *       only when the value no longer breaches its clear threshold ({@link
 *       ThresholdRule#clearThreshold}), and the episode falls to the highest lower level still held
 *       the same way, or resolves when none is. Every severity change is an update of the same
 *       alert (same id); RESOLVED ends it.
 *   <li>A new rule version takes effect with the next value: a firing episode goes on under the new
 *       levels (so it is neither lost nor fired twice), a pending run starts over.
 *   <li>A value not newer than the latest one judged (a repeated frame, reordering) changes
 *       nothing.
 *   <li>A revised hourly value is judged alone, outside any live episode: FIRING (revised) when it
 *       breaches, RESOLVED (revised) when only the value it replaces did.
 * </ul>
 */
public final class ThresholdEvaluator implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int evidenceLimit;

    public ThresholdEvaluator(int evidenceLimit) {
        this.evidenceLimit = evidenceLimit;
    }

    /**
     * The episode after a live value and the alert change it causes.
     *
     * @param permitLimit for percent-of-limit levels; nullable (then such a rule cannot judge)
     * @param episode the rule's episode at this subject; nullable
     */
    public Judgement judge(
            ThresholdRule rule, Double permitLimit, ThresholdEpisode episode, JudgedValue value) {
        double[] thresholds = thresholds(rule, permitLimit);
        if (thresholds == null || (episode != null && !value.time().isAfter(episode.lastTime()))) {
            return new Judgement(episode, null);
        }
        if (episode != null && !episode.firing() && episode.ruleVersion() != rule.version()) {
            episode = null;
        }
        int breached = breached(rule, thresholds, value.value());
        if (episode == null || !episode.firing()) {
            if (breached < 0) {
                return new Judgement(null, null);
            }
            ThresholdEpisode run =
                    episode == null
                            ? started(rule, value)
                            : episode.next(
                                    rule.version(),
                                    value,
                                    episode.count() + 1,
                                    -1,
                                    trail(episode, value));
            Persistence persistence = rule.persistence();
            boolean lasted =
                    persistence.duration() == null
                            || Duration.between(run.start(), value.time())
                                            .compareTo(persistence.duration())
                                    >= 0;
            if (run.count() < persistence.consecutiveReadings() || !lasted) {
                return new Judgement(run, null);
            }
            ThresholdEpisode firing =
                    run.next(rule.version(), value, run.count(), breached, run.evidence());
            return new Judgement(
                    firing, transition(rule, Alert.State.FIRING, firing, thresholds, value));
        }
        int level =
                breached > episode.level() ? breached : holding(rule, thresholds, episode, value);
        if (level < 0) {
            ThresholdEpisode last =
                    episode.next(
                            rule.version(),
                            value,
                            episode.count(),
                            episode.level(),
                            trail(episode, value));
            return new Judgement(
                    null, transition(rule, Alert.State.RESOLVED, last, thresholds, value));
        }
        ThresholdEpisode next =
                episode.next(rule.version(), value, episode.count(), level, trail(episode, value));
        return new Judgement(
                next,
                level == episode.level()
                        ? null
                        : transition(rule, Alert.State.FIRING, next, thresholds, value));
    }

    /** The alert change of a revised hourly value, or {@code null} for none. */
    public Transition judgeRevision(ThresholdRule rule, Double permitLimit, JudgedValue value) {
        double[] thresholds = thresholds(rule, permitLimit);
        if (thresholds == null) {
            return null;
        }
        int now = breached(rule, thresholds, value.value());
        int before =
                value.previousValue() == null
                        ? -1
                        : breached(rule, thresholds, value.previousValue());
        if (now < 0 && before < 0) {
            return null;
        }
        ThresholdEpisode hour = started(rule, value);
        hour = hour.next(rule.version(), value, 1, Math.max(now, before), hour.evidence());
        return transition(
                rule,
                now >= 0 ? Alert.State.FIRING : Alert.State.RESOLVED,
                hour,
                thresholds,
                value);
    }

    /**
     * The rule's thresholds in the pollutant's unit; {@code null} when they need a missing limit.
     */
    static double[] thresholds(ThresholdRule rule, Double permitLimit) {
        double[] thresholds = new double[rule.levels().size()];
        for (int i = 0; i < thresholds.length; i++) {
            OptionalDouble resolved = rule.levels().get(i).resolve(permitLimit);
            if (resolved.isEmpty()) {
                return null;
            }
            thresholds[i] = resolved.getAsDouble();
        }
        return thresholds.length == 0 ? null : thresholds;
    }

    /** The highest level the value breaches; -1 for none. */
    private static int breached(ThresholdRule rule, double[] thresholds, double value) {
        for (int i = thresholds.length - 1; i >= 0; i--) {
            if (rule.comparator().breaches(value, thresholds[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The highest level up to the firing one that the value has not cleared; -1 for none. */
    private static int holding(
            ThresholdRule rule, double[] thresholds, ThresholdEpisode episode, JudgedValue value) {
        for (int i = Math.min(episode.level(), thresholds.length - 1); i >= 0; i--) {
            if (rule.comparator().breaches(value.value(), rule.clearThreshold(thresholds[i]))) {
                return i;
            }
        }
        return -1;
    }

    private ThresholdEpisode started(ThresholdRule rule, JudgedValue value) {
        return new ThresholdEpisode(
                rule.ruleId(),
                rule.version(),
                rule.dataKind(),
                value.sourceId(),
                value.outletId(),
                value.pollutantCode(),
                value.mn(),
                value.time(),
                1,
                value.time(),
                -1,
                value.value(),
                List.of(value.evidence()));
    }

    private List<Evidence> trail(ThresholdEpisode episode, JudgedValue value) {
        return EvidenceTrail.append(episode.evidence(), value.evidence(), evidenceLimit);
    }

    private static Transition transition(
            ThresholdRule rule,
            Alert.State state,
            ThresholdEpisode episode,
            double[] thresholds,
            JudgedValue value) {
        int level = Math.min(episode.level(), thresholds.length - 1);
        double threshold =
                state == Alert.State.FIRING
                        ? thresholds[level]
                        : rule.clearThreshold(thresholds[level]);
        return new Transition(
                state, rule.levels().get(level).severity(), threshold, episode, value);
    }

    /**
     * The state after a value and the alert change it causes.
     *
     * @param episode the episode now; {@code null} when none is open
     * @param transition what to emit; {@code null} for nothing
     */
    public record Judgement(ThresholdEpisode episode, Transition transition) {}

    /**
     * An alert change.
     *
     * @param state FIRING (new, or a severity change) or RESOLVED
     * @param severity the severity now (for RESOLVED: the last one)
     * @param threshold the level's threshold crossed (for RESOLVED: the clear threshold)
     * @param episode the episode, for the alert id and evidence
     * @param value the value that caused it
     */
    public record Transition(
            Alert.State state,
            Severity severity,
            double threshold,
            ThresholdEpisode episode,
            JudgedValue value) {}
}
