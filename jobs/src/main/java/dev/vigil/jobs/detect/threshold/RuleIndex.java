package dev.vigil.jobs.detect.threshold;

import dev.vigil.events.rule.RuleSelection;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ThresholdDetector} would otherwise work out again for every value from the whole
 * registry: the rules in force by the pollutant they watch, and for each subject the rules that
 * cover it with the permit limit each one's levels refer to. A subject holds while its source is
 * the very registry entry it was worked out from: a new version of a source (or its deletion) thus
 * takes effect with the source's next value, and leaves the other sources' subjects be, which
 * matters while the registry loads at start-up. Rules are few and rarely change: the detector
 * {@linkplain #clear() clears} the whole index with every rule update.
 *
 * <p>A subject's rules keep the order in which the detector walks the rules in force, so alerts of
 * one value under several rules come out in the order they did without the index.
 */
final class RuleIndex {

    private Map<String, List<ThresholdRule>> byPollutant;
    private final Map<String, Subject> subjects = new HashMap<>();

    /**
     * The rules that cover one subject ({@link RuleSelection#covers}), whatever kind of value they
     * judge, and their permit limits ({@link RuleSelection#permitLimit} for the rule's kind).
     *
     * @param source the registry entry of the subject's source it was worked out from; {@code null}
     *     when the registry did not know the source
     * @param sourceId the subject's source
     * @param outletId the subject's outlet; nullable
     * @param pollutantCode the subject's pollutant
     * @param rules the covering rules in the order of the rules in force
     * @param limits the permit limit of each rule in {@code rules}, at the same index; an entry is
     *     {@code null} when the permit sets none
     */
    record Subject(
            Source source,
            String sourceId,
            String outletId,
            String pollutantCode,
            List<ThresholdRule> rules,
            List<Double> limits) {

        /**
         * Whether this is the subject of a value with these fields, worked out from {@code source},
         * the registry entry of its source now.
         */
        boolean is(Source source, String sourceId, String outletId, String pollutantCode) {
            // Identity, not equality: a registry entry is replaced, never changed in place.
            return this.source == source
                    && this.sourceId.equals(sourceId)
                    && Objects.equals(this.outletId, outletId)
                    && this.pollutantCode.equals(pollutantCode);
        }

        /** Whether the rule in force with this id covers the subject. */
        boolean coveredBy(String ruleId) {
            for (ThresholdRule rule : rules) {
                if (rule.ruleId().equals(ruleId)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Forgets everything: the rules changed. */
    void clear() {
        byPollutant = null;
        subjects.clear();
    }

    /** Whether the rules in force were indexed since the last {@link #clear()}. */
    boolean indexed() {
        return byPollutant != null;
    }

    /** Indexes the rules in force, walked in {@code rules}' order. */
    void index(Iterable<Map.Entry<String, ThresholdRule>> rules) {
        Map<String, List<ThresholdRule>> index = new HashMap<>();
        for (Map.Entry<String, ThresholdRule> entry : rules) {
            ThresholdRule rule = entry.getValue();
            index.computeIfAbsent(rule.scope().pollutantCode(), code -> new ArrayList<>())
                    .add(rule);
        }
        byPollutant = index;
    }

    /**
     * The subject under {@code key} as worked out since the last {@link #clear()} from {@code
     * source}; {@code null} if it was not, if it was worked out from another version of the source,
     * or if {@code key} stood for another subject (keys join the fields with a separator, so two
     * subjects may share one).
     *
     * @param source the subject's source in the registry now; {@code null} while it does not know
     *     it
     */
    Subject subject(
            String key, Source source, String sourceId, String outletId, String pollutantCode) {
        Subject subject = subjects.get(key);
        return subject != null && subject.is(source, sourceId, outletId, pollutantCode)
                ? subject
                : null;
    }

    /**
     * Works out the subject under {@code key} from the indexed rules and its source, and keeps it
     * until the next {@link #clear()}.
     *
     * @param source the subject's source in the registry; {@code null} while it does not know it
     */
    Subject add(String key, Source source, String sourceId, String outletId, String pollutantCode) {
        if (byPollutant == null) {
            throw new IllegalStateException("the rules in force are not indexed");
        }
        List<ThresholdRule> rules = new ArrayList<>();
        List<Double> limits = new ArrayList<>();
        for (ThresholdRule rule : byPollutant.getOrDefault(pollutantCode, List.of())) {
            if (RuleSelection.covers(rule, source, sourceId, outletId, pollutantCode)) {
                rules.add(rule);
                limits.add(
                        RuleSelection.permitLimit(
                                source, outletId, pollutantCode, rule.dataKind()));
            }
        }
        Subject subject =
                new Subject(
                        source,
                        sourceId,
                        outletId,
                        pollutantCode,
                        List.copyOf(rules),
                        // List.copyOf takes no nulls, and a limit may be null
                        Collections.unmodifiableList(limits));
        subjects.put(key, subject);
        return subject;
    }
}
