package dev.vigil.jobs.detect.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.jobs.detect.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules in force by pollutant, valid until the rules change. */
class RuleIndexTest {

    private static final ThresholdRule COD = Fixtures.realtimeRule(1);

    @Test
    void aPollutantGetsItsRulesInTheOrderOfTheRulesInForce() {
        ThresholdRule ammonia = named("r-nh3", "w21003");
        ThresholdRule codHourly = named("r-cod-hourly", Fixtures.COD);
        Map<String, ThresholdRule> inForce = new LinkedHashMap<>();
        inForce.put(codHourly.ruleId(), codHourly);
        inForce.put(ammonia.ruleId(), ammonia);
        inForce.put(COD.ruleId(), COD);
        RuleIndex index = new RuleIndex();

        index.index(inForce.entrySet());

        assertThat(index.of(Fixtures.COD)).containsExactly(codHourly, COD);
        assertThat(index.of("w21003")).containsExactly(ammonia);
        assertThat(index.of("a21026")).isEmpty();
    }

    @Test
    void aClearedIndexIsNotUsedUntilIndexedAgain() {
        RuleIndex index = new RuleIndex();
        index.index(Map.of(COD.ruleId(), COD).entrySet());
        assertThat(index.indexed()).isTrue();

        index.clear();

        assertThat(index.indexed()).isFalse();
        assertThatThrownBy(() -> index.of(Fixtures.COD)).isInstanceOf(IllegalStateException.class);
        index.index(Map.<String, ThresholdRule>of().entrySet());
        assertThat(index.of(Fixtures.COD)).isEmpty();
    }

    /** The COD rule under another id, watching {@code pollutant}. */
    private static ThresholdRule named(String ruleId, String pollutant) {
        return new ThresholdRule(
                ruleId,
                1,
                ruleId,
                new RuleScope(null, null, pollutant, Fixtures.GROUP),
                COD.dataKind(),
                COD.comparator(),
                COD.levels(),
                COD.persistence(),
                COD.clearRatio(),
                true,
                COD.author(),
                COD.updatedAt(),
                false);
    }
}
