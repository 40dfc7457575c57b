package dev.vigil.bench;

import dev.vigil.events.Topics;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/** A benchmark's registry: its sources and rules on Kafka, acknowledged before it returns. */
final class Registry {

    private Registry() {}

    /** Publishes the sources to {@code vigil.sources}, then the rules to {@code vigil.rules}. */
    static void publish(String kafka, Collection<Source> sources, Collection<ThresholdRule> rules)
            throws Exception {
        // Not idempotent: on a freshly created topic the first sends may meet NOT_LEADER, and an
        // idempotent producer then retried forever on OUT_OF_ORDER_SEQUENCE_NUMBER (seen under a
        // load average of 10). Every record here is sent once under its own key, so order across
        // retries does not matter.
        Map<String, Object> settings =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        false,
                        ProducerConfig.LINGER_MS_CONFIG,
                        20);
        List<Future<?>> sends = new ArrayList<>();
        try (KafkaProducer<String, Source> out =
                new KafkaProducer<>(
                        settings,
                        Topics.SOURCES.keySerde().serializer(),
                        Topics.SOURCES.valueSerde().serializer())) {
            for (Source source : sources) {
                sends.add(out.send(Topics.SOURCES.record(source)));
            }
        }
        try (KafkaProducer<String, ThresholdRule> out =
                new KafkaProducer<>(
                        settings,
                        Topics.RULES.keySerde().serializer(),
                        Topics.RULES.valueSerde().serializer())) {
            for (ThresholdRule rule : rules) {
                sends.add(out.send(Topics.RULES.record(rule)));
            }
        }
        for (Future<?> send : sends) {
            send.get();
        }
    }
}
