package dev.vigil.console.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.DataKind;
import dev.vigil.events.GeoPoint;
import dev.vigil.events.Place;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.rule.JudgedValue;
import dev.vigil.events.rule.Persistence;
import dev.vigil.events.rule.RuleLevel;
import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Outlet;
import dev.vigil.events.source.PermitLimit;
import dev.vigil.events.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulePreviewTest {

    private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");

    private static final Source SOURCE =
            new Source(
                    "S",
                    "Works",
                    null,
                    Source.Kind.WATER,
                    new Place(null, new GeoPoint(0, 0), null, null),
                    List.of("river"),
                    List.of(new Outlet("O", "o", Outlet.Kind.WASTEWATER)),
                    List.of(),
                    List.of(),
                    List.of(new PermitLimit("O", "w01018", 100, "mg/L", DataKind.HOURLY)),
                    List.of(),
                    false,
                    1,
                    T0);

    private static ThresholdRule rule(
            Persistence persistence, double clearRatio, RuleLevel... levels) {
        return new ThresholdRule(
                "r",
                1,
                "COD",
                new RuleScope(null, null, "w01018", "river"),
                DataKind.REALTIME,
                ThresholdRule.Comparison.ABOVE,
                List.of(levels),
                persistence,
                clearRatio,
                true,
                "me",
                T0,
                false);
    }

    private static RulePreview.Series series(double... values) {
        List<JudgedValue> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Instant at = T0.plus(Duration.ofMinutes(i));
            out.add(
                    new JudgedValue(
                            "S",
                            "O",
                            "w01018",
                            "",
                            DataKind.REALTIME,
                            values[i],
                            at,
                            false,
                            null,
                            new Evidence(Evidence.Kind.READING, "x", at, values[i], null)));
        }
        return new RulePreview.Series("S", "O", out);
    }

    private static final RuleLevel WARN_80 =
            new RuleLevel(Severity.WARNING, 80, RuleLevel.Mode.PERCENT_OF_LIMIT);
    private static final RuleLevel ALARM_100 =
            new RuleLevel(Severity.ALARM, 100, RuleLevel.Mode.PERCENT_OF_LIMIT);

    @Test
    void countsEpisodesThatFireOnceEachAtTheirFirstLevel() {
        RulePreview.Outcome outcome =
                RulePreview.count(
                        rule(Persistence.IMMEDIATE, 1, WARN_80, ALARM_100),
                        List.of(series(50, 90, 120, 50, 130, 50)),
                        Map.of("S", SOURCE)::get);
        assertThat(outcome.alerts()).isEqualTo(2);
        assertThat(outcome.byLevel())
                .containsEntry(Severity.WARNING, 1)
                .containsEntry(Severity.ALARM, 1);
        assertThat(outcome.sources()).isEqualTo(1);
    }

    @Test
    void persistenceAndHysteresisComeFromTheSharedEvaluator() {
        // two readings needed: single spikes never fire
        assertThat(
                        RulePreview.count(
                                        rule(new Persistence(2, null), 1, ALARM_100),
                                        List.of(series(120, 50, 120, 50)),
                                        Map.of("S", SOURCE)::get)
                                .alerts())
                .isZero();
        // clear at 90 %: dipping to 95 does not end the episode
        assertThat(
                        RulePreview.count(
                                        rule(Persistence.IMMEDIATE, 0.9, ALARM_100),
                                        List.of(series(120, 95, 120, 80, 120)),
                                        Map.of("S", SOURCE)::get)
                                .alerts())
                .isEqualTo(2);
    }

    @Test
    void sourcesOutsideTheRulesGroupOrWithoutALimitCountNothing() {
        Map<String, Source> none = Map.of();
        assertThat(
                        RulePreview.count(
                                        rule(Persistence.IMMEDIATE, 1, ALARM_100),
                                        List.of(series(500)),
                                        none::get)
                                .alerts())
                .isZero();
    }
}
