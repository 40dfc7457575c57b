package dev.vigil.events;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer, deserializer and serde of one record type on top of {@link Json}, so that Kafka
 * clients read and write exactly the JSON the rest of Vigil does; {@code null} maps to a tombstone
 * and back. Stateless and thread-safe.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type is required");
    }

    /** The record type this serde reads and writes. */
    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T value) {
        return Json.toBytes(value);
    }

    @Override
    public T deserialize(String topic, byte[] json) {
        return Json.fromBytes(json, type);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {}

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "JsonSerde[" + type.getName() + "]";
    }
}
