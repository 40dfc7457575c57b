package dev.vigil.jobs.detect.threshold;

import static dev.vigil.jobs.detect.Fixtures.T0;
import static dev.vigil.jobs.detect.Fixtures.pct;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.rule.JudgedValue;
import dev.vigil.events.rule.Persistence;
import dev.vigil.events.rule.RuleLevel;
import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdEpisode;
import dev.vigil.events.rule.ThresholdEvaluator;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.jobs.detect.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Levels, hysteresis, persistence, versions and revisions of threshold rules, without Flink. */
class ThresholdEvaluatorTest {

    private static final double LIMIT = 100.0;
    private final ThresholdEvaluator evaluator = new ThresholdEvaluator(3);

    /** Feeds values one minute apart, returning every transition as "STATE SEVERITY@minute". */
    private List<String> run(ThresholdRule rule, double... values) {
        List<String> changes = new ArrayList<>();
        ThresholdEpisode episode = null;
        for (int i = 0; i < values.length; i++) {
            ThresholdEvaluator.Judgement j =
                    evaluator.judge(rule, LIMIT, episode, value(i, values[i]));
            episode = j.episode();
            if (j.transition() != null) {
                changes.add(j.transition().state() + " " + j.transition().severity() + "@" + i);
            }
        }
        return changes;
    }

    private static JudgedValue value(int minute, double value) {
        return Fixtures.reading(minute, value, "N").judged();
    }

    @Test
    void firesAfterTheConsecutiveCountAtTheSeverityOfTheFiringValue() {
        // GIVEN warning 80 %, alarm 100 %, severe 150 %, two breaching values needed
        ThresholdRule rule = Fixtures.realtimeRule(1);

        // THEN one breach is nothing, the second fires at the level the second value reached
        assertThat(run(rule, 50, 85, 50, 85)).isEmpty();
        assertThat(run(rule, 85, 120)).containsExactly("FIRING ALARM@1");
    }

    @Test
    void escalatesAtOnceAndFallsBackOnlyPastEachLevelsClearThreshold() {
        ThresholdRule rule = Fixtures.realtimeRule(1);

        // clear thresholds: 72 (warning), 90 (alarm), 135 (severe)
        assertThat(run(rule, 85, 90, 110, 160, 140, 136, 134, 95, 91, 89, 73, 72))
                .containsExactly(
                        "FIRING WARNING@1",
                        "FIRING ALARM@2",
                        "FIRING SEVERE@3",
                        "FIRING ALARM@6",
                        "FIRING WARNING@9",
                        "RESOLVED WARNING@11");
    }

    @Test
    void theEpisodeKeepsOneIdFromFiringToResolution() {
        ThresholdRule rule = Fixtures.realtimeRule(1);
        ThresholdEpisode episode = null;
        List<String> ids = new ArrayList<>();
        for (double v : new double[] {85, 90, 160, 50}) {
            ThresholdEvaluator.Judgement j =
                    evaluator.judge(rule, LIMIT, episode, value(ids.size() + 10, v));
            episode = j.episode();
            if (j.transition() != null) {
                ids.add(ThresholdAlerts.alertId(j.transition().episode()));
            }
            ids.add("-");
        }
        assertThat(ids.stream().filter(id -> !id.equals("-")).distinct()).hasSize(1);
        assertThat(episode).isNull();
    }

    @Test
    void aDurationMustAlsoHaveElapsed() {
        ThresholdRule rule =
                withPersistence(
                        Fixtures.realtimeRule(1), new Persistence(2, Duration.ofMinutes(3)));
        assertThat(run(rule, 85, 85, 85, 85, 85)).containsExactly("FIRING WARNING@3");
    }

    @Test
    void aRepeatedOrOlderValueChangesNothing() {
        ThresholdRule rule = Fixtures.realtimeRule(1);
        ThresholdEvaluator.Judgement first = evaluator.judge(rule, LIMIT, null, value(1, 85));
        ThresholdEvaluator.Judgement again =
                evaluator.judge(rule, LIMIT, first.episode(), value(1, 85));
        ThresholdEvaluator.Judgement older =
                evaluator.judge(rule, LIMIT, first.episode(), value(0, 85));

        assertThat(again.transition()).isNull();
        assertThat(again.episode()).isEqualTo(first.episode());
        assertThat(older.episode()).isEqualTo(first.episode());
    }

    @Test
    void aNewVersionGoesOnWithAFiringEpisodeAndRestartsAPendingRun() {
        ThresholdRule v1 = Fixtures.realtimeRule(1);
        ThresholdRule v2 =
                Fixtures.rule(
                        "r-cod-realtime",
                        2,
                        DataKind.REALTIME,
                        2,
                        pct(Severity.WARNING, 50),
                        pct(Severity.ALARM, 60));

        // firing under v1 ...
        ThresholdEpisode episode = evaluator.judge(v1, LIMIT, null, value(0, 85)).episode();
        ThresholdEvaluator.Judgement fired = evaluator.judge(v1, LIMIT, episode, value(1, 85));
        // ... the next value under v2 escalates the same alert, with v2's number
        ThresholdEvaluator.Judgement next =
                evaluator.judge(v2, LIMIT, fired.episode(), value(2, 85));
        assertThat(next.transition().severity()).isEqualTo(Severity.ALARM);
        assertThat(ThresholdAlerts.alertId(next.episode()))
                .isEqualTo(ThresholdAlerts.alertId(fired.episode()));
        assertThat(next.episode().ruleVersion()).isEqualTo(2);
        assertThat(ThresholdAlerts.alert(v2, next.transition(), T0).ruleVersion()).isEqualTo(2);

        // a pending run of v1 starts over under v2: one more value is needed
        ThresholdEpisode pending = evaluator.judge(v1, LIMIT, null, value(10, 85)).episode();
        ThresholdEvaluator.Judgement restarted = evaluator.judge(v2, LIMIT, pending, value(11, 85));
        assertThat(restarted.transition()).isNull();
        assertThat(restarted.episode().count()).isEqualTo(1);
        assertThat(restarted.episode().start()).isEqualTo(value(11, 85).time());
    }

    @Test
    void belowRulesAndAbsoluteLevelsWork() {
        // pH below 6 is a warning, below 5 an alarm; clears at 6.6 and 5.5
        ThresholdRule ph =
                new ThresholdRule(
                        "r-ph",
                        1,
                        "pH low",
                        new RuleScope("src-paper", null, "w01018", null),
                        DataKind.REALTIME,
                        ThresholdRule.Comparison.BELOW,
                        List.of(
                                new RuleLevel(Severity.WARNING, 6, RuleLevel.Mode.ABSOLUTE),
                                new RuleLevel(Severity.ALARM, 5, RuleLevel.Mode.ABSOLUTE)),
                        Persistence.IMMEDIATE,
                        0.9,
                        true,
                        "staff",
                        T0,
                        false);
        assertThat(run(ph, 7, 5.9, 4.9, 5.4, 5.6, 6.5, 6.7))
                .containsExactly(
                        "FIRING WARNING@1",
                        "FIRING ALARM@2",
                        "FIRING WARNING@4",
                        "RESOLVED WARNING@6");
    }

    @Test
    void percentLevelsWithoutAPermitLimitCannotJudge() {
        ThresholdEvaluator.Judgement j =
                evaluator.judge(Fixtures.realtimeRule(1), null, null, value(0, 1_000));
        assertThat(j.episode()).isNull();
        assertThat(j.transition()).isNull();
    }

    @Test
    void evidenceIsBoundedToTheLatestValues() {
        ThresholdRule rule = Fixtures.realtimeRule(1);
        ThresholdEpisode episode = null;
        for (int i = 0; i < 6; i++) {
            episode = evaluator.judge(rule, LIMIT, episode, value(i, 85 + i)).episode();
        }
        assertThat(episode.evidence()).extracting(e -> e.value()).containsExactly(88.0, 89.0, 90.0);
    }

    @Test
    void aRevisedHourIsJudgedAloneAndMarkedRevised() {
        ThresholdRule hourly =
                Fixtures.rule("r-hourly", 1, DataKind.HOURLY, 3, pct(Severity.ALARM, 100));
        JudgedValue nowBreaching = revised(120.0, null);
        JudgedValue noLongerBreaching = revised(80.0, 120.0);
        JudgedValue neither = revised(80.0, 70.0);

        ThresholdEvaluator.Transition fire = evaluator.judgeRevision(hourly, LIMIT, nowBreaching);
        ThresholdEvaluator.Transition resolve =
                evaluator.judgeRevision(hourly, LIMIT, noLongerBreaching);

        // persistence (3 hours) does not apply to a correction of one hour
        assertThat(fire.state()).isEqualTo(Alert.State.FIRING);
        Alert alert = ThresholdAlerts.alert(hourly, fire, T0);
        assertThat(alert.revised()).isTrue();
        assertThat(alert.type()).isEqualTo(Alert.Type.HOURLY_EXCEEDANCE);
        assertThat(alert.alertId())
                .isEqualTo(
                        Alert.idFor(
                                "HOURLY_EXCEEDANCE",
                                "r-hourly",
                                Fixtures.SOURCE,
                                Fixtures.OUTLET,
                                Fixtures.COD,
                                T0.toString()));
        assertThat(resolve.state()).isEqualTo(Alert.State.RESOLVED);
        assertThat(evaluator.judgeRevision(hourly, LIMIT, neither)).isNull();
    }

    private static JudgedValue revised(double value, Double previous) {
        return new JudgedValue(
                Fixtures.SOURCE,
                Fixtures.OUTLET,
                Fixtures.COD,
                Fixtures.MN,
                DataKind.HOURLY,
                value,
                T0,
                true,
                previous,
                Fixtures.reading(0, value, "N").evidence());
    }

    private static ThresholdRule withPersistence(ThresholdRule r, Persistence persistence) {
        return new ThresholdRule(
                r.ruleId(),
                r.version(),
                r.name(),
                r.scope(),
                r.dataKind(),
                r.comparator(),
                r.levels(),
                persistence,
                r.clearRatio(),
                r.enabled(),
                r.author(),
                r.updatedAt(),
                r.retired());
    }
}
