package dev.vigil.jobs.detect.threshold;

import static dev.vigil.jobs.detect.Fixtures.pct;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.rule.JudgedValue;
import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.Fixtures;
import dev.vigil.jobs.detect.KeyedStateCount;
import dev.vigil.jobs.detect.Reading;
import dev.vigil.jobs.detect.registry.RegistryUpdate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Threshold rules from broadcast state: changes take effect with the next value. */
class ThresholdDetectorTest {

    private KeyedBroadcastOperatorTestHarness<String, ThresholdValue, RegistryUpdate, Alert>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new ThresholdDetector(5),
                        ThresholdValue::subjectKey,
                        Types.STRING,
                        DetectionState.SOURCES,
                        DetectionState.RULES);
        harness.setProcessingTime(0);
        harness.processBroadcastElement(
                RegistryUpdate.source(Fixtures.SOURCE, Fixtures.source()), 0);
    }

    private void rule(ThresholdRule rule) throws Exception {
        harness.processBroadcastElement(RegistryUpdate.rule(rule.ruleId(), rule), 0);
    }

    private void value(int minute, double value) throws Exception {
        harness.processElement(ThresholdValue.live(Fixtures.reading(minute, value, "N")), 0);
    }

    private List<String> alerts() {
        return harness.extractOutputValues().stream()
                .map(a -> a.state() + " " + a.severity() + " v" + a.ruleVersion())
                .toList();
    }

    @Test
    void valuesBeforeAnyRuleRaiseNothingAndKeepNoState() throws Exception {
        value(1, 500);
        value(2, 500);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(KeyedStateCount.of(harness)).isZero();
    }

    @Test
    void aRuleFiresAndResolvesAndLeavesNoStateBehind() throws Exception {
        rule(Fixtures.realtimeRule(1));
        value(1, 85);
        assertThat(KeyedStateCount.of(harness)).isEqualTo(1); // pending run
        value(2, 90);
        value(3, 50);

        assertThat(alerts()).containsExactly("FIRING WARNING v1", "RESOLVED WARNING v1");
        assertThat(KeyedStateCount.of(harness)).isZero();
    }

    @Test
    void liveReadingsComeWithoutTheirTextAndTheAlertCarriesItAsTheReadingsOwn() throws Exception {
        rule(Fixtures.realtimeRule(1));
        List<Reading> readings =
                List.of(
                        Fixtures.reading(1, 40, "N"),
                        Fixtures.reading(2, 85, "T"),
                        Fixtures.reading(3, 90, "N"),
                        Fixtures.reading(4, 50, "N"));
        for (Reading r : readings) {
            ThresholdValue live = ThresholdValue.live(r);
            assertThat(live.value().evidence().detail()).isNull();
            assertThat(live.judged()).isEqualTo(r.judged());
            harness.processElement(live, 0);
        }

        List<Alert> out = harness.extractOutputValues();
        assertThat(out)
                .extracting(Alert::state)
                .containsExactly(Alert.State.FIRING, Alert.State.RESOLVED);
        assertThat(out.get(0).evidence())
                .containsExactly(readings.get(1).evidence(), readings.get(2).evidence());
        assertThat(out.get(1).evidence())
                .containsExactly(
                        readings.get(1).evidence(),
                        readings.get(2).evidence(),
                        readings.get(3).evidence());
        assertThat(out.get(0).evidence().get(0).detail()).contains("85.0, flag T");
    }

    @Test
    void aRuleChangedMidEpisodeGoesOnWithTheSameAlert() throws Exception {
        rule(Fixtures.realtimeRule(1));
        value(1, 85);
        value(2, 90);
        rule(
                Fixtures.rule(
                        "r-cod-realtime",
                        2,
                        DataKind.REALTIME,
                        2,
                        pct(Severity.WARNING, 50),
                        pct(Severity.ALARM, 60)));
        value(3, 65);
        value(4, 40);

        List<Alert> out = harness.extractOutputValues();
        assertThat(alerts())
                .containsExactly("FIRING WARNING v1", "FIRING ALARM v2", "RESOLVED ALARM v2");
        assertThat(out).extracting(Alert::alertId).containsOnly(out.get(0).alertId());
    }

    @Test
    void aStaleVersionIsIgnored() throws Exception {
        rule(Fixtures.realtimeRule(2));
        rule(Fixtures.rule("r-cod-realtime", 1, DataKind.REALTIME, 1, pct(Severity.WARNING, 10)));
        value(1, 50);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void withdrawingARuleResolvesItsFiringEpisodeAtOnce() throws Exception {
        rule(Fixtures.realtimeRule(1));
        value(1, 85);
        value(2, 90);
        harness.processBroadcastElement(RegistryUpdate.rule("r-cod-realtime", null), 0);

        assertThat(alerts()).containsExactly("FIRING WARNING v1", "RESOLVED WARNING v1");
        assertThat(KeyedStateCount.of(harness)).isZero();
        value(3, 500);
        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void narrowingARulesScopeResolvesItWithTheNextValue() throws Exception {
        ThresholdRule rule = Fixtures.realtimeRule(1);
        rule(rule);
        value(1, 85);
        value(2, 90);
        rule(
                new ThresholdRule(
                        rule.ruleId(),
                        2,
                        rule.name(),
                        new RuleScope("another-source", null, Fixtures.COD, null),
                        rule.dataKind(),
                        rule.comparator(),
                        rule.levels(),
                        rule.persistence(),
                        rule.clearRatio(),
                        true,
                        rule.author(),
                        rule.updatedAt(),
                        false));
        value(3, 95);

        assertThat(harness.extractOutputValues())
                .extracting(Alert::state)
                .containsExactly(Alert.State.FIRING, Alert.State.RESOLVED);
        assertThat(KeyedStateCount.of(harness)).isZero();
    }

    @Test
    void aRuleAddedAfterValuesWereJudgedJudgesTheNextValue() throws Exception {
        // GIVEN values of the subject judged while no rule covered it
        value(1, 500);
        // WHEN a rule comes
        rule(Fixtures.realtimeRule(1));
        value(2, 85);
        value(3, 90);

        // THEN it judges the values after it
        assertThat(alerts()).containsExactly("FIRING WARNING v1");
    }

    @Test
    void aChangedPermitLimitCountsFromTheNextValue() throws Exception {
        // GIVEN 70 mg/L judged against the limit of 100 (70 %, below the 80 % warning)
        rule(Fixtures.realtimeRule(1));
        value(1, 70);
        value(2, 70);
        assertThat(harness.extractOutputValues()).isEmpty();

        // WHEN the source's permit lowers the limit to 50
        harness.processBroadcastElement(
                RegistryUpdate.source(Fixtures.SOURCE, withRegistry(2, Fixtures.GROUP, 50)), 0);
        value(3, 70);
        value(4, 70);

        // THEN the same values are 140 % of the limit: an alarm
        assertThat(alerts()).containsExactly("FIRING ALARM v1");
    }

    @Test
    void aSourceLeavingTheRulesGroupResolvesItWithTheNextValue() throws Exception {
        rule(Fixtures.realtimeRule(1));
        value(1, 85);
        value(2, 90);
        harness.processBroadcastElement(
                RegistryUpdate.source(Fixtures.SOURCE, withRegistry(2, "other-group", 100)), 0);
        value(3, 95);
        value(4, 95);

        assertThat(alerts()).containsExactly("FIRING WARNING v1", "RESOLVED WARNING v1");
        assertThat(KeyedStateCount.of(harness)).isZero();
    }

    /** The fixture source in a new version, in one group and with one COD limit. */
    private static Source withRegistry(long version, String group, double codLimit) {
        Source s = Fixtures.source();
        return new Source(
                s.sourceId(),
                s.name(),
                s.enterprise(),
                s.kind(),
                s.place(),
                List.of(group),
                s.outlets(),
                s.devices(),
                s.cameras(),
                List.of(
                        new PermitLimit(
                                Fixtures.OUTLET, Fixtures.COD, codLimit, "mg/L", DataKind.HOURLY)),
                s.agencyIds(),
                false,
                version,
                s.updatedAt().plusSeconds(version));
    }

    @Test
    void aRevisedHourNeverTouchesTheLiveEpisode() throws Exception {
        rule(Fixtures.rule("r-hourly", 1, DataKind.HOURLY, 1, pct(Severity.ALARM, 100)));
        JudgedValue hour = Fixtures.reading(0, 120, "N").judged();
        harness.processElement(
                ThresholdValue.of(
                        new JudgedValue(
                                hour.sourceId(),
                                hour.outletId(),
                                hour.pollutantCode(),
                                hour.mn(),
                                DataKind.HOURLY,
                                120,
                                Fixtures.T0,
                                true,
                                null,
                                hour.evidence())),
                0);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.revised()).isTrue();
                            assertThat(a.type()).isEqualTo(Alert.Type.HOURLY_EXCEEDANCE);
                        });
        assertThat(KeyedStateCount.of(harness)).isZero();
    }
}
