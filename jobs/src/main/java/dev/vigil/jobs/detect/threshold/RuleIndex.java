package dev.vigil.jobs.detect.threshold;

import dev.vigil.events.rule.ThresholdRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules in force by the pollutant they watch, so that {@link ThresholdDetector} walks only the
 * rules that can judge a value instead of all of them: a rule's scope names exactly one pollutant.
 * It holds while the rules are unchanged; the detector {@linkplain #clear() clears} it with every
 * rule update and indexes the rules in force again at the next value.
 *
 * <p>The rules of a pollutant keep the order in which the rules in force were walked, so alerts of
 * one value under several rules come out in the order they did without the index.
 */
final class RuleIndex {

    private Map<String, List<ThresholdRule>> byPollutant;

    /** Forgets the index: the rules changed. */
    void clear() {
        byPollutant = null;
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

    /** The indexed rules that watch this pollutant; empty for none. */
    List<ThresholdRule> of(String pollutantCode) {
        if (byPollutant == null) {
            throw new IllegalStateException("the rules in force are not indexed");
        }
        return byPollutant.getOrDefault(pollutantCode, List.of());
    }
}
