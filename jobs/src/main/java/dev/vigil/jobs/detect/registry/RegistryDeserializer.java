package dev.vigil.jobs.detect.registry;

import dev.vigil.events.Json;
import dev.vigil.events.JsonException;
import dev.vigil.events.Topics;
import dev.vigil.events.rule.ThresholdRule;
import dev.vigil.events.source.Source;
import dev.vigil.jobs.detect.serialization.ImmutableRecordType;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code vigil.sources} and {@code vigil.rules} into {@link RegistryUpdate}s, tombstones
 * included (they delete an entry); like {@link dev.vigil.jobs.kafka.TopicValueDeserializer} it
 * skips and counts (metric {@value #UNREADABLE_METRIC}) what it cannot read instead of failing the
 * job on that offset forever.
 */
public final class RegistryDeserializer
        implements KafkaRecordDeserializationSchema<RegistryUpdate> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RegistryDeserializer.class);

    /** Counter of registry records that could not be read. */
    public static final String UNREADABLE_METRIC = "unreadableRegistryRecords";

    /** How Flink serializes registry updates. */
    public static final TypeInformation<RegistryUpdate> TYPE = ImmutableRecordType.REGISTRY_UPDATE;

    private transient Counter unreadable;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        unreadable = context.getMetricGroup().counter(UNREADABLE_METRIC);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RegistryUpdate> out) {
        if (record.key() == null) {
            skip(record, "the record has no key");
            return;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        try {
            if (record.topic().equals(Topics.SOURCES.name())) {
                out.collect(
                        RegistryUpdate.source(key, Json.fromBytes(record.value(), Source.class)));
            } else if (record.topic().equals(Topics.RULES.name())) {
                out.collect(
                        RegistryUpdate.rule(
                                key, Json.fromBytes(record.value(), ThresholdRule.class)));
            } else {
                skip(record, "not a registry topic");
            }
        } catch (JsonException e) {
            skip(record, e.getMessage());
        }
    }

    private void skip(ConsumerRecord<byte[], byte[]> record, String reason) {
        if (unreadable != null) {
            unreadable.inc();
        }
        LOG.warn(
                "Skipped unreadable registry record at {}-{} offset {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                reason);
    }

    @Override
    public TypeInformation<RegistryUpdate> getProducedType() {
        return TYPE;
    }
}
