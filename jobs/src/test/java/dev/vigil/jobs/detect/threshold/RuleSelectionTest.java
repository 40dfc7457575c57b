package dev.vigil.jobs.detect.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.rule.RuleSelection;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rules judge a subject and which limit they use, without Flink. */
class RuleSelectionTest {

    private final Source source = Fixtures.source();
    private final ThresholdRule groupRule = Fixtures.realtimeRule(1);

    @Test
    void aGroupRuleJudgesTheGroupsSourcesOnItsKindOfValueOnly() {
        assertThat(judges(groupRule, source, Fixtures.COD, DataKind.REALTIME)).isTrue();
        assertThat(judges(groupRule, source, Fixtures.COD, DataKind.HOURLY)).isFalse();
        assertThat(judges(groupRule, source, "w01001", DataKind.REALTIME)).isFalse();
        // without the registry entry, the source's groups are unknown
        assertThat(judges(groupRule, null, Fixtures.COD, DataKind.REALTIME)).isFalse();
    }

    @Test
    void disabledOrRetiredRulesJudgeNothing() {
        ThresholdRule r = groupRule;
        ThresholdRule disabled =
                new ThresholdRule(
                        r.ruleId(),
                        2,
                        r.name(),
                        r.scope(),
                        r.dataKind(),
                        r.comparator(),
                        r.levels(),
                        r.persistence(),
                        r.clearRatio(),
                        false,
                        r.author(),
                        r.updatedAt(),
                        false);
        assertThat(judges(disabled, source, Fixtures.COD, DataKind.REALTIME)).isFalse();
    }

    @Test
    void theLimitOfTheRulesKindIsPreferredThenTheHourlyOne() {
        Source s = Fixtures.source();
        Source withRealtimeLimit =
                new Source(
                        s.sourceId(),
                        s.name(),
                        s.enterprise(),
                        s.kind(),
                        s.place(),
                        s.groups(),
                        s.outlets(),
                        s.devices(),
                        s.cameras(),
                        List.of(
                                s.permitLimits().get(0),
                                new PermitLimit(
                                        Fixtures.OUTLET,
                                        Fixtures.COD,
                                        150,
                                        "mg/L",
                                        DataKind.REALTIME)),
                        s.agencyIds(),
                        false,
                        2,
                        s.updatedAt());

        assertThat(RuleSelection.permitLimit(s, Fixtures.OUTLET, Fixtures.COD, DataKind.REALTIME))
                .isEqualTo(100.0);
        assertThat(
                        RuleSelection.permitLimit(
                                withRealtimeLimit,
                                Fixtures.OUTLET,
                                Fixtures.COD,
                                DataKind.REALTIME))
                .isEqualTo(150.0);
        assertThat(RuleSelection.permitLimit(s, null, Fixtures.COD, DataKind.DAILY))
                .isEqualTo(100.0);
        assertThat(RuleSelection.permitLimit(s, Fixtures.OUTLET, "w21003", DataKind.HOURLY))
                .isNull();
        assertThat(RuleSelection.permitLimit(null, Fixtures.OUTLET, Fixtures.COD, DataKind.HOURLY))
                .isNull();
    }

    private static boolean judges(
            ThresholdRule rule, Source source, String pollutant, DataKind kind) {
        return RuleSelection.judges(
                rule, source, Fixtures.SOURCE, Fixtures.OUTLET, pollutant, kind);
    }
}
