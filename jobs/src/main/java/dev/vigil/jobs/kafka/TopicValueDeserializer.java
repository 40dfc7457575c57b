package dev.vigil.jobs.kafka;

import dev.vigil.events.Json;
import dev.vigil.events.JsonException;
import dev.vigil.events.Topic;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the values of one Vigil topic with the contract's {@link Json}, skipping and counting
 * (metric {@value #UNREADABLE_METRIC}) any value that cannot be read instead of failing the job.
 *
 * <p>Skipping is safe because producers write only values of the contract, and ingest already sends
 * input it cannot decode to {@code vigil.dead-letter}; a value unreadable here means a producer bug
 * or an incompatible contract change, which the warning names with its offset so the record can be
 * found in Kafka. Failing instead would stop the job on that offset forever. Tombstones ({@code
 * null} values) are skipped without counting.
 */
public final class TopicValueDeserializer<V> implements KafkaRecordDeserializationSchema<V> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TopicValueDeserializer.class);

    /** Counter of values that could not be read. */
    public static final String UNREADABLE_METRIC = "unreadableRecords";

    private final String topic;
    private final Class<V> valueType;
    private final TypeInformation<V> producedType;
    private final ValueReader<V> reader;
    private transient Counter unreadable;

    public TopicValueDeserializer(Topic<?, V> topic, TypeInformation<V> producedType) {
        this(topic, producedType, null);
    }

    /**
     * With a reader of the topic's values that gives what {@link Json#fromBytes} gives, only
     * faster; {@code null} for {@link Json} itself.
     */
    public TopicValueDeserializer(
            Topic<?, V> topic, TypeInformation<V> producedType, ValueReader<V> reader) {
        this.topic = topic.name();
        this.valueType = topic.valueType();
        this.producedType = Objects.requireNonNull(producedType, "producedType");
        this.reader = reader;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        unreadable = context.getMetricGroup().counter(UNREADABLE_METRIC);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<V> out) {
        if (record.value() == null) {
            return;
        }
        V value;
        try {
            value =
                    reader == null
                            ? Json.fromBytes(record.value(), valueType)
                            : reader.read(record.value());
        } catch (JsonException e) {
            skip(record, e.getMessage());
            return;
        }
        if (value == null) {
            skip(record, "the JSON value is null");
            return;
        }
        out.collect(value);
    }

    private void skip(ConsumerRecord<byte[], byte[]> record, String reason) {
        unreadable.inc();
        LOG.warn(
                "Skipped unreadable record at {}-{} offset {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                reason);
    }

    @Override
    public TypeInformation<V> getProducedType() {
        return producedType;
    }

    @Override
    public String toString() {
        return "TopicValueDeserializer[" + topic + "]";
    }
}
