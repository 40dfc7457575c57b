package dev.vigil.deploy.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.rule.RuleLevel;
import dev.vigil.events.rule.ThresholdRule;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StarterRulesTest {
    private final Scenario district = ScenarioReader.read(Scenarios.district());

    @Test
    void everyPollutantWithALimitGetsAValidRealTimeAndHourlyRuleForTheScenariosGroup() {
        List<ThresholdRule> rules =
                StarterRules.of(district, Instant.parse("2026-11-22T00:00:00Z"));
        Set<String> limited =
                district.devices().stream()
                        .flatMap(d -> d.pollutants().stream())
                        .filter(p -> p.limit() != null)
                        .map(PollutantSpec::code)
                        .collect(Collectors.toSet());

        assertThat(limited).isNotEmpty();
        assertThat(rules).hasSize(2 * limited.size());
        assertThat(rules).allSatisfy(rule -> assertThat(rule.validate()).isEmpty());
        assertThat(rules)
                .allSatisfy(rule -> assertThat(rule.scope().group()).isEqualTo(district.name()));
        assertThat(rules.stream().map(r -> r.scope().pollutantCode()).collect(Collectors.toSet()))
                .isEqualTo(limited);
        ThresholdRule realtime =
                rules.stream()
                        .filter(r -> r.dataKind() == DataKind.REALTIME)
                        .findFirst()
                        .orElseThrow();
        assertThat(realtime.levels())
                .extracting(RuleLevel::threshold)
                .containsExactly(80.0, 100.0, 150.0);
        assertThat(realtime.levels())
                .allSatisfy(l -> assertThat(l.mode()).isEqualTo(RuleLevel.Mode.PERCENT_OF_LIMIT));
        assertThat(rules.stream().map(ThresholdRule::ruleId).distinct()).hasSize(rules.size());
    }
}
