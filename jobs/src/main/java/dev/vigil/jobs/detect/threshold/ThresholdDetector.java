package dev.vigil.jobs.detect.threshold;

import dev.vigil.events.alert.Alert;
import dev.vigil.events.rule.JudgedValue;
import dev.vigil.events.rule.RuleSelection;
import dev.vigil.events.rule.ThresholdEpisode;
import dev.vigil.events.rule.ThresholdEvaluator;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.DetectionState;
import dev.vigil.jobs.detect.registry.RegistryState;
import dev.vigil.jobs.detect.registry.RegistryUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by subject ({@code source/outlet/pollutant}): judges each value against every rule that
 * covers it, with the rules and the sources (groups, permit limits) in broadcast state, so a rule
 * change takes effect with the next value and needs no restart (see {@link ThresholdEvaluator}).
 * Withdrawing a rule, or deleting a source, resolves what it had firing at once.
 *
 * <p>A value is matched only against the rules that watch its pollutant ({@link RuleIndex}), in the
 * order of the rules in force; a rule update renews the index before the next value.
 */
public final class ThresholdDetector
        extends KeyedBroadcastProcessFunction<String, ThresholdValue, RegistryUpdate, Alert> {

    private static final long serialVersionUID = 1L;

    private final ThresholdEvaluator evaluator;
    private transient MapState<String, ThresholdEpisode> episodes;
    private transient RuleIndex index;

    public ThresholdDetector(int evidenceLimit) {
        this.evaluator = new ThresholdEvaluator(evidenceLimit);
    }

    @Override
    public void open(OpenContext openContext) {
        episodes = getRuntimeContext().getMapState(DetectionState.EPISODES);
        index = new RuleIndex();
    }

    @Override
    public void processElement(ThresholdValue input, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        // A live reading comes without its evidence text: it is judged as it comes, and judged
        // again with the text only if an episode or an alert is to keep the value (the evaluator
        // is a pure function, so the second judgement is the one the text would have given).
        JudgedValue value = input.value();
        JudgedValue whole = input.complete() ? value : null;
        ReadOnlyBroadcastState<String, ThresholdRule> rules =
                ctx.getBroadcastState(DetectionState.RULES);
        Source source = ctx.getBroadcastState(DetectionState.SOURCES).get(value.sourceId());
        Instant now = Instant.ofEpochMilli(ctx.currentProcessingTime());
        if (!value.revised()) {
            closeStale(value, source, rules, now, out);
        }
        if (!index.indexed()) {
            index.index(rules.immutableEntries());
        }
        for (ThresholdRule rule : index.of(value.pollutantCode())) {
            if (!RuleSelection.judges(
                    rule,
                    source,
                    value.sourceId(),
                    value.outletId(),
                    value.pollutantCode(),
                    value.kind())) {
                continue;
            }
            Double limit =
                    RuleSelection.permitLimit(
                            source, value.outletId(), value.pollutantCode(), rule.dataKind());
            if (value.revised()) {
                if (whole == null) {
                    whole = input.judged();
                }
                ThresholdEvaluator.Transition change = evaluator.judgeRevision(rule, limit, whole);
                if (change != null) {
                    out.collect(ThresholdAlerts.alert(rule, change, now));
                }
                continue;
            }
            ThresholdEpisode episode = episodes.get(rule.ruleId());
            ThresholdEvaluator.Judgement judgement =
                    evaluator.judge(rule, limit, episode, whole != null ? whole : value);
            if (whole == null && keepsValue(judgement, episode)) {
                whole = input.judged();
                judgement = evaluator.judge(rule, limit, episode, whole);
            }
            if (judgement.episode() == null) {
                if (episode != null) {
                    episodes.remove(rule.ruleId());
                }
            } else if (judgement.episode() != episode) {
                episodes.put(rule.ruleId(), judgement.episode());
            }
            if (judgement.transition() != null) {
                out.collect(ThresholdAlerts.alert(rule, judgement.transition(), now));
            }
        }
    }

    /** Whether a judgement keeps the value judged: in a new episode state or in an alert. */
    private static boolean keepsValue(
            ThresholdEvaluator.Judgement judgement, ThresholdEpisode before) {
        return judgement.transition() != null
                || (judgement.episode() != null && judgement.episode() != before);
    }

    /** Ends the episodes of rules that no longer cover this subject (e.g. a narrowed scope). */
    private void closeStale(
            JudgedValue value,
            Source source,
            ReadOnlyBroadcastState<String, ThresholdRule> rules,
            Instant now,
            Collector<Alert> out)
            throws Exception {
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, ThresholdEpisode> entry : episodes.entries()) {
            ThresholdRule rule = rules.get(entry.getKey());
            if (rule == null
                    || !RuleSelection.covers(
                            rule,
                            source,
                            value.sourceId(),
                            value.outletId(),
                            value.pollutantCode())) {
                stale.add(entry.getKey());
                if (entry.getValue().firing()) {
                    out.collect(ThresholdAlerts.withdrawn(entry.getValue(), rule, now));
                }
            }
        }
        for (String ruleId : stale) {
            episodes.remove(ruleId);
        }
    }

    @Override
    public void processBroadcastElement(RegistryUpdate update, Context ctx, Collector<Alert> out)
            throws Exception {
        if (!update.isSource()) {
            index.clear();
        }
        RegistryState.Withdrawal withdrawal =
                RegistryState.apply(
                        ctx.getBroadcastState(DetectionState.SOURCES),
                        ctx.getBroadcastState(DetectionState.RULES),
                        update);
        if (withdrawal.none()) {
            return;
        }
        Instant now = Instant.ofEpochMilli(ctx.currentProcessingTime());
        // Every parallel instance resolves only the subjects it owns: one RESOLVED per episode.
        ctx.applyToKeyedState(
                DetectionState.EPISODES,
                (subject, state) -> {
                    List<String> ended = new ArrayList<>();
                    for (Map.Entry<String, ThresholdEpisode> entry : state.entries()) {
                        ThresholdEpisode episode = entry.getValue();
                        if (entry.getKey().equals(withdrawal.ruleId())
                                || episode.sourceId().equals(withdrawal.sourceId())) {
                            ended.add(entry.getKey());
                            if (episode.firing()) {
                                ThresholdRule rule =
                                        withdrawal.rule() != null
                                                ? withdrawal.rule()
                                                : ctx.getBroadcastState(DetectionState.RULES)
                                                        .get(entry.getKey());
                                out.collect(ThresholdAlerts.withdrawn(episode, rule, now));
                            }
                        }
                    }
                    for (String ruleId : ended) {
                        state.remove(ruleId);
                    }
                });
    }
}
