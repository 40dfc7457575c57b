package dev.vigil.events.rule;

import static dev.vigil.events.rule.RuleLevel.Mode.ABSOLUTE;
import static dev.vigil.events.rule.RuleLevel.Mode.PERCENT_OF_LIMIT;
import static dev.vigil.events.rule.ThresholdRule.Comparison.ABOVE;
import static dev.vigil.events.rule.ThresholdRule.Comparison.BELOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.events.DataKind;
import dev.vigil.events.Samples;
import dev.vigil.events.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

    @Test
    void warningAlarmSevereAtRisingPercentagesIsValid() {
        assertThat(Samples.fullRule().validate()).isEmpty();
    }

    @Test
    void belowRuleWithFallingThresholdsIsValid() {
        ThresholdRule lowPh =
                Samples.rule(
                        BELOW,
                        new RuleLevel(Severity.WARNING, 6.5, ABSOLUTE),
                        new RuleLevel(Severity.ALARM, 6.0, ABSOLUTE));

        assertThat(lowPh.validate()).isEmpty();
    }

    @Test
    void aboveThresholdsMustRise() {
        ThresholdRule rule =
                Samples.rule(
                        ABOVE,
                        new RuleLevel(Severity.WARNING, 100, PERCENT_OF_LIMIT),
                        new RuleLevel(Severity.ALARM, 80, PERCENT_OF_LIMIT));

        assertThat(rule.validate())
                .containsExactly("levels[1].threshold: must be > levels[0].threshold for ABOVE");
    }

    @Test
    void belowThresholdsMustFall() {
        ThresholdRule rule =
                Samples.rule(
                        BELOW,
                        new RuleLevel(Severity.WARNING, 6.0, ABSOLUTE),
                        new RuleLevel(Severity.ALARM, 6.0, ABSOLUTE));

        assertThat(rule.validate())
                .containsExactly("levels[1].threshold: must be < levels[0].threshold for BELOW");
    }

    @Test
    void severitiesMustRiseAndLevelsMustNotMixModes() {
        ThresholdRule rule =
                Samples.rule(
                        ABOVE,
                        new RuleLevel(Severity.ALARM, 80, PERCENT_OF_LIMIT),
                        new RuleLevel(Severity.WARNING, 100, ABSOLUTE));

        assertThat(rule.validate())
                .containsExactly(
                        "levels[1].mode: must be PERCENT_OF_LIMIT like levels[0]",
                        "levels[1].severity: must be more severe than levels[0].severity");
    }

    @Test
    void levelThresholdsMustBeUsable() {
        ThresholdRule rule =
                Samples.rule(
                        ABOVE,
                        new RuleLevel(Severity.INFO, 0, PERCENT_OF_LIMIT),
                        new RuleLevel(Severity.ALARM, Double.NaN, PERCENT_OF_LIMIT));

        assertThat(rule.validate())
                .contains(
                        "levels[0].severity: must be WARNING, ALARM or SEVERE",
                        "levels[0].threshold: must be > 0 percent of the limit",
                        "levels[1].threshold: must be a finite number");
    }

    @Test
    void atLeastOneLevelIsRequired() {
        assertThat(Samples.rule(ABOVE).validate())
                .containsExactly("levels: at least one level is required");
    }

    @Test
    void scopeNamesExactlyOneOfSourceAndGroup() {
        assertThat(withScope(new RuleScope("src-1", null, "w01018", "key water")).validate())
                .containsExactly("scope: exactly one of sourceId and group must be set");
        assertThat(withScope(new RuleScope(null, null, "w01018", null)).validate())
                .containsExactly("scope: exactly one of sourceId and group must be set");
        assertThat(withScope(new RuleScope(null, "WS-01", "w01018", "key water")).validate())
                .containsExactly("scope.outletId: only allowed together with scope.sourceId");
        assertThat(withScope(new RuleScope(null, null, "w01018", "key water")).validate())
                .isEmpty();
    }

    @Test
    void persistenceAndHysteresisMustBeSensible() {
        ThresholdRule r = Samples.fullRule();
        ThresholdRule rule =
                new ThresholdRule(
                        r.ruleId(),
                        -1,
                        " ",
                        r.scope(),
                        r.dataKind(),
                        r.comparator(),
                        r.levels(),
                        new Persistence(0, Duration.ofMinutes(-1)),
                        1.5,
                        true,
                        "",
                        r.updatedAt(),
                        false);

        assertThat(rule.validate())
                .containsExactly(
                        "version: must be >= 0, was -1",
                        "name: must not be blank",
                        "author: must not be blank",
                        "persistence.consecutiveReadings: must be >= 1, was 0",
                        "persistence.duration: must not be negative",
                        "clearRatio: must be > 0 and <= 1, was 1.5");
    }

    @Test
    void percentLevelsResolveAgainstThePermitLimit() {
        RuleLevel alarm = new RuleLevel(Severity.ALARM, 150, PERCENT_OF_LIMIT);

        assertThat(alarm.resolve(50.0)).hasValue(75.0);
        assertThat(alarm.resolve(null)).isEmpty();
        assertThat(new RuleLevel(Severity.ALARM, 9, ABSOLUTE).resolve(null)).hasValue(9.0);
    }

    @Test
    void clearsOnTheSafeSideOfTheFireLevel() {
        ThresholdRule above = Samples.fullRule();
        ThresholdRule below = Samples.rule(BELOW, new RuleLevel(Severity.ALARM, 6.0, ABSOLUTE));

        assertThat(above.clearThreshold(50)).isCloseTo(45, within(1e-9));
        assertThat(above.clearThreshold(-10)).isCloseTo(-11, within(1e-9));
        assertThat(below.clearThreshold(6)).isCloseTo(6.6, within(1e-9));
    }

    @Test
    void breachIsStrictlyBeyondTheThreshold() {
        assertThat(ABOVE.breaches(50.01, 50)).isTrue();
        assertThat(ABOVE.breaches(50, 50)).isFalse();
        assertThat(BELOW.breaches(5.99, 6)).isTrue();
        assertThat(BELOW.breaches(6, 6)).isFalse();
    }

    @Test
    void scopeCoversItsSourceOutletOrGroup() {
        RuleScope outlet = new RuleScope("src-1", "WS-01", "w01018", null);
        RuleScope group = new RuleScope(null, null, "w01018", "key water");

        assertThat(outlet.covers("src-1", List.of(), "WS-01", "w01018")).isTrue();
        assertThat(outlet.covers("src-1", List.of(), "WS-02", "w01018")).isFalse();
        assertThat(outlet.covers("src-1", List.of(), "WS-01", "w01001")).isFalse();
        assertThat(group.covers("src-9", List.of("key water"), "any", "w01018")).isTrue();
        assertThat(group.covers("src-9", List.of("other"), "any", "w01018")).isFalse();
    }

    private static ThresholdRule withScope(RuleScope scope) {
        ThresholdRule r = Samples.fullRule();
        return new ThresholdRule(
                r.ruleId(),
                r.version(),
                r.name(),
                scope,
                DataKind.HOURLY,
                r.comparator(),
                r.levels(),
                r.persistence(),
                r.clearRatio(),
                r.enabled(),
                r.author(),
                r.updatedAt(),
                r.retired());
    }
}
