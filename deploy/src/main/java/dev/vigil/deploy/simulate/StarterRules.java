package dev.vigil.deploy.simulate;

import dev.vigil.events.DataKind;
import dev.vigil.events.Severity;
import dev.vigil.events.Topics;
import dev.vigil.events.rule.Persistence;
import dev.vigil.events.rule.RuleLevel;
import dev.vigil.events.rule.RuleScope;
import dev.vigil.events.rule.ThresholdRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The threshold rules a simulated district starts with, so that its scripted exceedances raise
 * alerts: for every pollutant that has a permit limit, real-time values at 80 / 100 / 150 % of the
 * limit (three readings in a row) and valid hourly averages at 100 / 150 %, scoped to the
 * scenario's source group. Environmental staff edit or retire them like any other rule.
 */
final class StarterRules {
    /** A level clears once the value is back below 90 % of it. */
    static final double CLEAR_RATIO = 0.9;

    private StarterRules() {}

    /** The rules for every pollutant code with a limit in the scenario, in code order. */
    static List<ThresholdRule> of(Scenario scenario, Instant now) {
        TreeSet<String> codes = new TreeSet<>();
        for (DeviceSpec device : scenario.devices()) {
            for (PollutantSpec pollutant : device.pollutants()) {
                if (pollutant.limit() != null) {
                    codes.add(pollutant.code());
                }
            }
        }
        List<ThresholdRule> rules = new ArrayList<>();
        for (String code : codes) {
            rules.add(
                    rule(
                            scenario,
                            code,
                            DataKind.REALTIME,
                            List.of(
                                    level(Severity.WARNING, 80),
                                    level(Severity.ALARM, 100),
                                    level(Severity.SEVERE, 150)),
                            new Persistence(3, null),
                            now));
            rules.add(
                    rule(
                            scenario,
                            code,
                            DataKind.HOURLY,
                            List.of(level(Severity.ALARM, 100), level(Severity.SEVERE, 150)),
                            Persistence.IMMEDIATE,
                            now));
        }
        return rules;
    }

    private static ThresholdRule rule(
            Scenario scenario,
            String code,
            DataKind kind,
            List<RuleLevel> levels,
            Persistence persistence,
            Instant now) {
        String kindName = kind.name().toLowerCase(Locale.ROOT);
        ThresholdRule rule =
                new ThresholdRule(
                        "starter-" + scenario.name() + "-" + code + "-" + kindName,
                        1,
                        code
                                + " "
                                + kindName
                                + " against the permit limit ("
                                + scenario.name()
                                + ")",
                        new RuleScope(null, null, code, scenario.name()),
                        kind,
                        ThresholdRule.Comparison.ABOVE,
                        levels,
                        persistence,
                        CLEAR_RATIO,
                        true,
                        "vigil simulate",
                        now,
                        false);
        List<String> problems = rule.validate();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("starter rule " + rule.ruleId() + ": " + problems);
        }
        return rule;
    }

    private static RuleLevel level(Severity severity, double percent) {
        return new RuleLevel(severity, percent, RuleLevel.Mode.PERCENT_OF_LIMIT);
    }

    /** Publishes the rules to {@code vigil.rules} and waits for Kafka's acknowledgement. */
    static void publish(List<ThresholdRule> rules, String bootstrapServers, Duration timeout)
            throws Exception {
        try (Producer<String, ThresholdRule> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                (int) timeout.toMillis(),
                                ProducerConfig.CLIENT_ID_CONFIG,
                                "vigil-simulate-rules"),
                        Topics.RULES.keySerde().serializer(),
                        Topics.RULES.valueSerde().serializer())) {
            List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
            for (ThresholdRule rule : rules) {
                sends.add(producer.send(Topics.RULES.record(rule)));
            }
            for (var send : sends) {
                send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
