package dev.vigil.events.rule;

import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A versioned threshold rule that environmental staff tune: which pollutant to watch where, on
 * which kind of value, at which levels, for how long, and where it clears; published to the
 * compacted {@code vigil.rules} topic under its id, and deleted with a tombstone.
 *
 * <p>The constructor checks only that required parts are present; {@link #validate()} checks the
 * rest, so the console can show every problem at once and jobs can skip a broken rule with a
 * reason.
 *
 * @param ruleId the rule's id, the Kafka key
 * @param version increases with every edit; alerts name the version that fired them
 * @param name in staff's words
 * @param scope what it watches
 * @param dataKind which values it judges
 * @param comparator whether values above or below the thresholds breach
 * @param levels from least to most severe
 * @param persistence how long a breach must last before firing
 * @param clearRatio hysteresis: a level clears once the value is back past {@link
 *     #clearThreshold(double)}, e.g. 0.9 clears at 90 % of the fire level; 1 for no hysteresis
 * @param enabled whether it is evaluated
 * @param author who last edited it
 * @param updatedAt when it was last edited
 * @param retired whether it was withdrawn (kept for the history of alerts it fired)
 */
public record ThresholdRule(
        String ruleId,
        long version,
        String name,
        RuleScope scope,
        DataKind dataKind,
        Comparison comparator,
        List<RuleLevel> levels,
        Persistence persistence,
        double clearRatio,
        boolean enabled,
        String author,
        Instant updatedAt,
        boolean retired) {

    /** Which side of a threshold is a breach. */
    public enum Comparison {
        /** Values strictly above the threshold breach it (e.g. COD over its limit). */
        ABOVE,
        /** Values strictly below the threshold breach it (e.g. pH under 6). */
        BELOW;

        /** Whether the value is beyond the threshold on this side. */
        public boolean breaches(double value, double threshold) {
            return this == ABOVE ? value > threshold : value < threshold;
        }
    }

    public ThresholdRule {
        Objects.requireNonNull(ruleId, "ruleId is required");
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(scope, "scope is required");
        Objects.requireNonNull(dataKind, "dataKind is required");
        Objects.requireNonNull(comparator, "comparator is required");
        levels = levels == null ? List.of() : List.copyOf(levels);
        Objects.requireNonNull(persistence, "persistence is required");
        Objects.requireNonNull(author, "author is required");
        Objects.requireNonNull(updatedAt, "updatedAt is required");
    }

    /**
     * Where a level that fired at {@code fireThreshold} (resolved, in the pollutant's unit) clears:
     * {@code clearRatio} of the way back, measured on the threshold's magnitude so that the clear
     * level lies on the safe side for negative thresholds too. A value clears when it no longer
     * {@linkplain Comparison#breaches breaches} this.
     */
    public double clearThreshold(double fireThreshold) {
        double margin = Math.abs(fireThreshold) * (1 - clearRatio);
        return comparator == Comparison.ABOVE ? fireThreshold - margin : fireThreshold + margin;
    }

    /**
     * Everything wrong with this rule, one human-readable problem per entry, each naming the field
     * (e.g. {@code levels[1].threshold: must be > levels[0].threshold for ABOVE}); empty when the
     * rule is valid.
     */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (ruleId.isBlank()) {
            problems.add("ruleId: must not be blank");
        }
        if (version < 0) {
            problems.add("version: must be >= 0, was " + version);
        }
        if (name.isBlank()) {
            problems.add("name: must not be blank");
        }
        if (author.isBlank()) {
            problems.add("author: must not be blank");
        }
        validateScope(problems);
        validateLevels(problems);
        if (persistence.consecutiveReadings() < 1) {
            problems.add(
                    "persistence.consecutiveReadings: must be >= 1, was "
                            + persistence.consecutiveReadings());
        }
        if (persistence.duration() != null && persistence.duration().isNegative()) {
            problems.add("persistence.duration: must not be negative");
        }
        if (!(clearRatio > 0 && clearRatio <= 1)) {
            problems.add("clearRatio: must be > 0 and <= 1, was " + clearRatio);
        }
        return List.copyOf(problems);
    }

    private void validateScope(List<String> problems) {
        if ((scope.sourceId() == null) == (scope.group() == null)) {
            problems.add("scope: exactly one of sourceId and group must be set");
        }
        if (scope.outletId() != null && scope.sourceId() == null) {
            problems.add("scope.outletId: only allowed together with scope.sourceId");
        }
        if (scope.pollutantCode().isBlank()) {
            problems.add("scope.pollutantCode: must not be blank");
        }
    }

    private void validateLevels(List<String> problems) {
        if (levels.isEmpty()) {
            problems.add("levels: at least one level is required");
            return;
        }
        for (int i = 0; i < levels.size(); i++) {
            RuleLevel level = levels.get(i);
            String field = "levels[" + i + "]";
            if (level.severity() == Severity.INFO) {
                problems.add(field + ".severity: must be WARNING, ALARM or SEVERE");
            }
            if (!Double.isFinite(level.threshold())) {
                problems.add(field + ".threshold: must be a finite number");
            } else if (level.mode() == RuleLevel.Mode.PERCENT_OF_LIMIT && level.threshold() <= 0) {
                problems.add(field + ".threshold: must be > 0 percent of the limit");
            }
            if (i == 0) {
                continue;
            }
            RuleLevel previous = levels.get(i - 1);
            String previousField = "levels[" + (i - 1) + "]";
            if (level.mode() != previous.mode()) {
                problems.add(
                        field + ".mode: must be " + previous.mode() + " like " + previousField);
            }
            if (level.severity().compareTo(previous.severity()) <= 0) {
                problems.add(
                        field
                                + ".severity: must be more severe than "
                                + previousField
                                + ".severity");
            }
            boolean comparable =
                    level.mode() == previous.mode()
                            && Double.isFinite(level.threshold())
                            && Double.isFinite(previous.threshold());
            if (comparable && !comparator.breaches(level.threshold(), previous.threshold())) {
                String relation = comparator == Comparison.ABOVE ? ">" : "<";
                problems.add(
                        field
                                + ".threshold: must be "
                                + relation
                                + " "
                                + previousField
                                + ".threshold for "
                                + comparator);
            }
        }
    }
}
