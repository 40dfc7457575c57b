package dev.vigil.jobs.detect.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules and permit limits of a subject, worked out once while the registry is unchanged. */
class RuleIndexTest {

    private static final ThresholdRule RULE = Fixtures.realtimeRule(1);
    private static final Source SOURCE = Fixtures.source();

    @Test
    void aSubjectIsWorkedOutOnceAndForgottenWithTheRegistry() {
        RuleIndex index = new RuleIndex();
        index.index(Map.of(RULE.ruleId(), RULE).entrySet());
        String key = "src-paper/WS-01/" + Fixtures.COD;
        assertThat(index.subject(key, SOURCE, Fixtures.SOURCE, Fixtures.OUTLET, Fixtures.COD))
                .isNull();

        RuleIndex.Subject subject =
                index.add(key, SOURCE, Fixtures.SOURCE, Fixtures.OUTLET, Fixtures.COD);

        assertThat(subject.rules()).containsExactly(RULE);
        assertThat(subject.limits()).containsExactly(100.0);
        assertThat(index.subject(key, SOURCE, Fixtures.SOURCE, Fixtures.OUTLET, Fixtures.COD))
                .isSameAs(subject);
        // a new entry of the source, even an equal one, is worked out anew
        assertThat(
                        index.subject(
                                key,
                                Fixtures.source(),
                                Fixtures.SOURCE,
                                Fixtures.OUTLET,
                                Fixtures.COD))
                .isNull();
        index.clear();
        assertThat(index.indexed()).isFalse();
        assertThat(index.subject(key, SOURCE, Fixtures.SOURCE, Fixtures.OUTLET, Fixtures.COD))
                .isNull();
    }

    @Test
    void twoSubjectsUnderOneKeyEachGetTheirOwnLimit() {
        // An outlet-less device and an outlet named "" share the key "src-paper//w01018".
        RuleIndex index = new RuleIndex();
        index.index(Map.of(RULE.ruleId(), RULE).entrySet());
        String key = "src-paper//" + Fixtures.COD;
        // Outlet-less: the source's limit for COD at any outlet.
        index.add(key, SOURCE, Fixtures.SOURCE, null, Fixtures.COD);

        assertThat(index.subject(key, SOURCE, Fixtures.SOURCE, "", Fixtures.COD)).isNull();
        RuleIndex.Subject named = index.add(key, SOURCE, Fixtures.SOURCE, "", Fixtures.COD);
        // The outlet "" has no limit of its own.
        assertThat(named.limits()).containsOnlyNulls();
    }

    @Test
    void aSubjectVisitsOnlyTheRulesOfItsPollutantThatCoverIt() {
        ThresholdRule otherPollutant =
                new ThresholdRule(
                        "r-other",
                        1,
                        "other",
                        new dev.vigil.events.rule.RuleScope(null, null, "w21003", Fixtures.GROUP),
                        RULE.dataKind(),
                        RULE.comparator(),
                        RULE.levels(),
                        RULE.persistence(),
                        RULE.clearRatio(),
                        true,
                        RULE.author(),
                        RULE.updatedAt(),
                        false);
        ThresholdRule otherGroup =
                new ThresholdRule(
                        "r-group",
                        1,
                        "group",
                        new dev.vigil.events.rule.RuleScope(null, null, Fixtures.COD, "elsewhere"),
                        RULE.dataKind(),
                        RULE.comparator(),
                        RULE.levels(),
                        RULE.persistence(),
                        RULE.clearRatio(),
                        true,
                        RULE.author(),
                        RULE.updatedAt(),
                        false);
        RuleIndex index = new RuleIndex();
        index.index(
                Map.of(
                                RULE.ruleId(), RULE,
                                otherPollutant.ruleId(), otherPollutant,
                                otherGroup.ruleId(), otherGroup)
                        .entrySet());

        RuleIndex.Subject subject =
                index.add("k", SOURCE, Fixtures.SOURCE, Fixtures.OUTLET, Fixtures.COD);

        assertThat(subject.rules()).containsExactly(RULE);
        assertThat(subject.coveredBy(RULE.ruleId())).isTrue();
        assertThat(subject.coveredBy(otherGroup.ruleId())).isFalse();
    }
}
