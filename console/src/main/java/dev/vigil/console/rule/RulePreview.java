package dev.vigil.console.rule;

import dev.vigil.console.influx.InfluxQuery;
import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.alert.Alert;
import dev.vigil.events.alert.Evidence;
import dev.vigil.events.rule.JudgedValue;
import dev.vigil.events.rule.RuleSelection;
import dev.vigil.events.rule.ThresholdEpisode;
import dev.vigil.events.rule.ThresholdEvaluator;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How many alerts a threshold rule would have raised over stored readings: replays the valid
 * readings of the rule's pollutant and kind from InfluxDB, series by series in time order, through
 * the same {@link ThresholdEvaluator} the detection job runs, and counts the episodes that fired.
 *
 * <p>Hourly rules are replayed on the stored hourly values (the devices' own 2061 uploads); the job
 * also judges hourly averages it computes itself, so its count can be higher where devices send no
 * hourly data.
 */
public final class RulePreview {

    /** What one rule would have raised. */
    public record Outcome(int alerts, Map<Severity, Integer> byLevel, int sources) {}

    /** One series' values, time-ordered. */
    public record Series(String sourceId, String outletId, List<JudgedValue> values) {}

    private final InfluxQuery influx;

    public RulePreview(InfluxQuery influx) {
        this.influx = influx;
    }

    /** Reads the valid values the rule judges in {@code [from, to)} from InfluxDB. */
    public List<Series> readings(ThresholdRule rule, Instant from, Instant to) {
        String field = rule.dataKind() == DataKind.REALTIME ? "rtd" : "avg";
        StringBuilder q =
                new StringBuilder("SELECT \"")
                        .append(field)
                        .append("\" FROM \"reading\" WHERE \"pollutant\" = ")
                        .append(InfluxQuery.quote(rule.scope().pollutantCode()))
                        .append(" AND \"kind\" = ")
                        .append(InfluxQuery.quote(rule.dataKind().name().toLowerCase(Locale.ROOT)))
                        .append(" AND \"valid\" = true");
        if (rule.scope().sourceId() != null) {
            q.append(" AND \"source\" = ").append(InfluxQuery.quote(rule.scope().sourceId()));
        }
        q.append(" AND time >= ")
                .append(from.toEpochMilli())
                .append("ms AND time < ")
                .append(to.toEpochMilli())
                .append("ms GROUP BY \"source\", \"outlet\"");
        List<Series> out = new ArrayList<>();
        for (InfluxQuery.Series s : influx.query(q.toString())) {
            String sourceId = s.tags().get("source");
            String outletId = blankToNull(s.tags().get("outlet"));
            String mn = "";
            List<JudgedValue> values = new ArrayList<>();
            for (List<Object> row : s.rows()) {
                if (!(row.get(0) instanceof Double t) || !(row.get(1) instanceof Double v)) {
                    continue;
                }
                Instant at = Instant.ofEpochMilli(t.longValue());
                values.add(
                        new JudgedValue(
                                sourceId,
                                outletId,
                                rule.scope().pollutantCode(),
                                mn,
                                rule.dataKind(),
                                v,
                                at,
                                false,
                                null,
                                new Evidence(Evidence.Kind.READING, "preview", at, v, null)));
            }
            out.add(new Series(sourceId, outletId, values));
        }
        return out;
    }

    /**
     * Counts what the rule raises over these series; {@code sources} resolves groups and limits.
     */
    public static Outcome count(
            ThresholdRule rule, List<Series> series, Function<String, Source> sources) {
        ThresholdEvaluator evaluator = new ThresholdEvaluator(1);
        Map<Severity, Integer> byLevel = new LinkedHashMap<>();
        Set<String> firingSources = new HashSet<>();
        int alerts = 0;
        for (Series s : series) {
            Source source = sources.apply(s.sourceId());
            if (!RuleSelection.judges(
                    rule,
                    source,
                    s.sourceId(),
                    s.outletId(),
                    rule.scope().pollutantCode(),
                    rule.dataKind())) {
                continue;
            }
            Double limit =
                    RuleSelection.permitLimit(
                            source, s.outletId(), rule.scope().pollutantCode(), rule.dataKind());
            ThresholdEpisode episode = null;
            for (JudgedValue value : s.values()) {
                boolean wasFiring = episode != null && episode.firing();
                ThresholdEvaluator.Judgement j = evaluator.judge(rule, limit, episode, value);
                episode = j.episode();
                if (j.transition() != null
                        && j.transition().state() == Alert.State.FIRING
                        && !wasFiring) {
                    alerts++;
                    byLevel.merge(j.transition().severity(), 1, Integer::sum);
                    firingSources.add(s.sourceId());
                }
            }
        }
        return new Outcome(alerts, byLevel, firingSources.size());
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
